import assert from 'node:assert/strict'

import {findRule, parsePolicy, policyToJson} from '../../../../src/domain/allowlist/index.js'
import {policyWithAllowList} from '../../../../src/domain/setup/allowlists.js'
import {diffSetup} from '../../../../src/domain/setup/diff.js'
import {exportedAllowlists, exportSetupFile} from '../../../../src/domain/setup/export.js'
import type {LiveAllowlist} from '../../../../src/domain/setup/model.js'
import {parseSetupFile} from '../../../../src/domain/setup/parse.js'
import {describeStep, stepsOf} from '../../../../src/domain/setup/steps.js'
import {liveState} from '../../../fixtures/setup/live.js'

const LIVE: LiveAllowlist[] = [
  {route: 'api.agency-a.gov/v1', org: 'agency-a', allow: ['203.0.113.0/24']},
  {route: 'www.agency-a.gov', org: 'agency-a'},
  {route: 'portal.app.cloud.gov', org: 'agency-b', allow: ['198.51.100.0/24']},
  {route: 'closed.agency-a.gov', org: 'agency-a', allow: []},
  {
    route: 'foreign.app.cloud.gov',
    org: 'agency-b',
    blocker: {code: 'ROUTE_BOUND_ELSEWHERE', message: "foreign.app.cloud.gov is bound to another route service, 'x'", fix: 'Run it.'},
  },
]
const plan = (text: string, prune = false, allowlists = LIVE) => diffSetup(parseSetupFile(text).file!, liveState({allowlists}), {prune})
const rows = (text: string, prune = false) => plan(text, prune).changes.map((c) => [c.action, c.address, c.before, c.after, c.reason])

describe('domain/setup: route allowlists in the plan', () => {
  it('creates, updates and keeps, matching routes as the router does (case, trailing slash)', () => {
    assert.deepEqual(
      rows(
        'route_allowlists:\n  API.agency-a.gov/v1/: [203.0.113.0/24]\n  www.agency-a.gov: [192.0.2.7]\n  portal.app.cloud.gov: [198.51.100.0/25]\n',
      ),
      [
        ['no-op', 'route_allowlist."API.agency-a.gov/v1/"', {allow: ['203.0.113.0/24']}, {allow: ['203.0.113.0/24']}, 'matches the file'],
        [
          'create',
          'route_allowlist."www.agency-a.gov"',
          null,
          {allow: ['192.0.2.7/32']},
          'not behind the cgx allowlist: every client reaches it',
        ],
        [
          'update',
          'route_allowlist."portal.app.cloud.gov"',
          {allow: ['198.51.100.0/24']},
          {allow: ['198.51.100.0/25']},
          'allow: add 198.51.100.0/25, remove 198.51.100.0/24',
        ],
      ],
    )
  })

  it('does not manage allowlists when the file has no route_allowlists section', () => {
    const result = plan('orgs: {agency-a: {}}\n', true)
    assert.deepEqual(
      [result.changes.filter((c) => c.type === 'route_allowlist'), result.warnings.filter((w) => w.includes('route'))],
      [[], []],
    )
    assert.deepEqual(
      [parseSetupFile('orgs: {}\n').file!.routeAllowlists, parseSetupFile('route_allowlists:\n').file!.routeAllowlists],
      [undefined, []],
    )
  })

  it('takes the allowlist off protected routes the file does not name only with --prune, never off one letting nobody in', () => {
    const text = 'route_allowlists:\n  api.agency-a.gov/v1: [203.0.113.0/24]\n'
    assert.deepEqual(
      plan(text).warnings.filter((w) => w.includes('route(s)')),
      [
        '1 route(s) cgx protects are not in route_allowlists: portal.app.cloud.gov. `--prune` would remove their allowlists (the routes would become public).',
      ],
    )
    assert.deepEqual(
      rows(text, true).filter(([action, address]) => action === 'delete' && String(address).startsWith('route_allowlist')),
      [
        [
          'delete',
          'route_allowlist."portal.app.cloud.gov"',
          {allow: ['198.51.100.0/24']},
          null,
          'not in route_allowlists, and protected by cgx: the route becomes public',
        ],
      ],
    )
    assert.deepEqual(
      rows('route_allowlists: {}\n', true)
        .filter(([action, address]) => action === 'delete' && String(address).startsWith('route_allowlist'))
        .map(([, address]) => address),
      ['route_allowlist."api.agency-a.gov/v1"', 'route_allowlist."portal.app.cloud.gov"'],
    )
  })

  it('says at plan time what apply will stop at, with the fix', () => {
    const result = plan('route_allowlists:\n  foreign.app.cloud.gov: [192.0.2.0/24]\n')
    assert.equal(result.changes[0]!.reason, "foreign.app.cloud.gov is bound to another route service, 'x'")
    assert.ok(
      result.warnings.includes(
        'route_allowlist."foreign.app.cloud.gov": apply will stop here: foreign.app.cloud.gov is bound to another route service, \'x\'. Run it.',
      ),
    )
  })

  it("makes one step per org, deletes included, so each org's proxy rolls out once", () => {
    const result = plan(
      'route_allowlists:\n  www.agency-a.gov: [192.0.2.7]\n  closed.agency-a.gov: [192.0.2.0/24]\n  foreign.app.cloud.gov: [192.0.2.0/24]\n',
      true,
    )
    assert.deepEqual(
      stepsOf(result.changes)
        .filter((s) => s.step.kind === 'set-allowlists')
        .map((s) => [describeStep(s.step), s.addresses]),
      [
        [
          'set the allowlists of www.agency-a.gov (192.0.2.7/32), closed.agency-a.gov (192.0.2.0/24), api.agency-a.gov/v1 (removed: public) (org agency-a, one rollout of its proxy)',
          ['route_allowlist."www.agency-a.gov"', 'route_allowlist."closed.agency-a.gov"', 'route_allowlist."api.agency-a.gov/v1"'],
        ],
        [
          'set the allowlists of foreign.app.cloud.gov (192.0.2.0/24), portal.app.cloud.gov (removed: public) (org agency-b, one rollout of its proxy)',
          ['route_allowlist."foreign.app.cloud.gov"', 'route_allowlist."portal.app.cloud.gov"'],
        ],
      ],
    )
  })

  it('refuses a route with a port, and a route that does not exist (with a close name)', () => {
    assert.deepEqual(
      parseSetupFile('route_allowlists:\n  api.x.gov:8443/v1: [192.0.2.0/24]\n').diagnostics.map((d) => [d.line, d.column, d.message]),
      [[2, 3, '"api.x.gov:8443/v1" has a port: allowlists protect http routes, which have none']],
    )
  })
})

describe('domain/setup: exporting allowlists', () => {
  it('writes the protected routes in scope, sorted, and skips those a file cannot say, with the reason', () => {
    const state = liveState({
      allowlists: [
        ...LIVE,
        {route: 'open.agency-a.gov', org: 'agency-a', allow: ['0.0.0.0/0']},
        {route: 'wide.agency-a.gov', org: 'agency-a', allow: ['0.0.0.0/1', '128.0.0.0/1']},
      ],
    })
    assert.match(
      exportSetupFile(state),
      /\nroute_allowlists:\n {2}api\.agency-a\.gov\/v1: \[203\.0\.113\.0\/24\]\n {2}portal\.app\.cloud\.gov: \[198\.51\.100\.0\/24\]\n$/,
    )
    assert.deepEqual(exportedAllowlists(state, {orgs: ['agency-a']}), {
      written: [LIVE[0]],
      skipped: [
        {route: 'closed.agency-a.gov', why: 'it lets nobody in'},
        {route: 'open.agency-a.gov', why: 'it is as open as /0 (0.0.0.0/0 covers all of IPv4)'},
        {route: 'wide.agency-a.gov', why: 'it is as open as /0 (0.0.0.0/1 and 128.0.0.0/1 together cover all of IPv4)'},
      ],
    })
    const file = parseSetupFile(exportSetupFile(state)).file!
    assert.equal(diffSetup(file, state, {prune: true}).summary.delete, 0)
  })
})

describe("domain/setup: a route's allow list in the proxy policy", () => {
  const policy = parsePolicy({
    hops: 'local',
    routes: [
      {
        route: 'a.gov/v1',
        allow: ['203.0.113.0/24', '198.51.100.7'],
        headerSecret: {header: 'x-allowlist-secret', value: 'correct-horse-battery-staple'},
      },
      {route: 'b.gov', allow: ['192.0.2.0/24']},
    ],
  }).policy!

  it("replaces the list exactly, keeping the rule's place and header secret; adds a rule; null drops it", () => {
    const spec = {host: 'a.gov', pathPrefix: '/v1'}
    const replaced = policyWithAllowList(policy, spec, ['192.0.2.0/25'])
    assert.deepEqual(policyToJson(replaced).routes[0], {
      route: 'a.gov/v1',
      allow: ['192.0.2.0/25'],
      headerSecret: {header: 'x-allowlist-secret', value: 'correct-horse-battery-staple'},
    })
    assert.deepEqual(
      policyToJson(policyWithAllowList(policy, {host: 'c.gov', pathPrefix: ''}, ['192.0.2.1/32'])).routes.map((r) => r.route),
      ['a.gov/v1', 'b.gov', 'c.gov'],
    )
    assert.equal(findRule(policyWithAllowList(policy, spec, null), spec), undefined)
  })
})
