import assert from 'node:assert/strict'

import {diffSetup} from '../../../../src/domain/setup/diff.js'
import {exportSetupFile} from '../../../../src/domain/setup/export.js'
import {parseSetupFile} from '../../../../src/domain/setup/parse.js'
import {isPartialExport, PARTIAL_MARKER, seesWholeFoundation} from '../../../../src/domain/setup/partial.js'
import {liveState} from '../../../fixtures/setup/live.js'

describe('domain/setup: partial exports', () => {
  it('sees the whole foundation with an admin, admin_read_only or global_auditor scope only', () => {
    for (const scope of ['cloud_controller.admin', 'cloud_controller.admin_read_only', 'cloud_controller.global_auditor']) {
      assert.equal(seesWholeFoundation(['openid', scope]), true, scope)
    }
    assert.equal(seesWholeFoundation(['cloud_controller.read', 'cloud_controller.write', 'openid']), false)
    assert.equal(seesWholeFoundation([]), false)
  })

  it('leaves segment entitlements out and marks the file, which still plans to no changes', () => {
    const text = exportSetupFile(liveState(), {partial: {exporter: 'dev@agency-a.gov'}})
    const file = parseSetupFile(text)
    assert.deepEqual(file.diagnostics, [])
    assert.ok(file.file!.segments.length > 0)
    assert.ok(file.file!.segments.every((segment) => segment.orgs === undefined))
    assert.match(text, /\n# cgx: partial export: dev@agency-a\.gov cannot see the whole foundation/)
    assert.equal(isPartialExport(text), true)
    assert.equal(diffSetup(file.file!, liveState(), {prune: false}).summary.update, 0)
    const complete = exportSetupFile(liveState())
    assert.equal(isPartialExport(complete), false)
    assert.ok(parseSetupFile(complete).file!.segments.every((segment) => segment.orgs !== undefined))
  })

  it('finds the marker only among the comments before the first key', () => {
    assert.equal(isPartialExport(`\n# a comment\n  ${PARTIAL_MARKER}: someone\norgs: {}\n`), true)
    assert.equal(isPartialExport(`orgs: {}\n${PARTIAL_MARKER}: someone\n`), false)
    assert.equal(isPartialExport('# cgx: a complete export\norgs: {}\n'), false)
  })
})
