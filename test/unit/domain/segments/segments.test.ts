import assert from 'node:assert/strict'

import {parseCidr} from '../../../../src/domain/net/cidr.js'
import {effectiveSegment, SHARED_SEGMENT} from '../../../../src/domain/segments/effective.js'
import {mergeNetworks} from '../../../../src/domain/segments/networks.js'
import {segmentStatus} from '../../../../src/domain/segments/status.js'
import {orgWarnings, restartsNeeded, revokeBlockers} from '../../../../src/domain/segments/warnings.js'
import {apps, east, lab, messy, spaces, tidy, vpn} from './fixtures.js'

describe('domain/segments', () => {
  describe('effectiveSegment', () => {
    it('prefers the space, then the org default, then shared, and says which', () => {
      assert.deepEqual(effectiveSegment(vpn, lab), {...vpn, source: 'space'})
      assert.deepEqual(effectiveSegment(undefined, lab), {...lab, source: 'org-default'})
      assert.deepEqual(effectiveSegment(undefined, undefined), {...SHARED_SEGMENT, source: 'shared'})
      assert.deepEqual(effectiveSegment(undefined, SHARED_SEGMENT), {...SHARED_SEGMENT, source: 'org-default'})
    })
  })

  describe('orgWarnings', () => {
    it('flags entitled-without-default with the spaces on shared, and unused entitlements', () => {
      const warnings = orgWarnings(
        messy,
        spaces.filter((s) => s.orgGuid === messy.guid),
      )
      assert.deepEqual(
        warnings.map((w) => [w.code, w.segment, w.spaces]),
        [
          ['ENTITLED_NO_DEFAULT', null, ['b', 'c']],
          ['ENTITLED_UNUSED', 'lab', []],
        ],
      )
      assert.match(warnings[0].message, /'agency-vpn', 'lab' but has no default segment, so 'b', 'c' run on shared/)
    })

    it('flags a default the org is not entitled to, and is quiet for a tidy org', () => {
      assert.deepEqual(
        orgWarnings(
          tidy,
          spaces.filter((s) => s.orgGuid === tidy.guid),
        ),
        [],
      )
      const drifted = orgWarnings({...tidy, defaultSegment: east}, [])
      assert.deepEqual(
        drifted.map((w) => w.code),
        ['DEFAULT_NOT_ENTITLED', 'ENTITLED_UNUSED'],
      )
    })

    it('does not count shared as an isolated entitlement', () => {
      assert.deepEqual(orgWarnings({...messy, entitled: [SHARED_SEGMENT]}, spaces.slice(1, 3)), [])
    })
  })

  describe('revokeBlockers', () => {
    it('names the org default and the assigned spaces, as CF would refuse', () => {
      assert.deepEqual(revokeBlockers(lab, messy, spaces), [])
      assert.deepEqual(
        revokeBlockers(vpn, messy, spaces).map((b) => [b.code, b.spaces]),
        [['SEGMENT_ASSIGNED_TO_SPACES', ['a']]],
      )
      const both = revokeBlockers(vpn, {...messy, defaultSegment: vpn}, [
        ...spaces,
        {guid: 'sp-x', name: 'x', orgGuid: 'org-messy', segment: vpn},
      ])
      assert.deepEqual(
        both.map((b) => [b.code, b.spaces]),
        [
          ['SEGMENT_IS_ORG_DEFAULT', []],
          ['SEGMENT_ASSIGNED_TO_SPACES', ['a', 'x']],
        ],
      )
      assert.match(both[1].message, /spaces 'a', 'x' of org 'messy'/)
    })
  })

  describe('restartsNeeded', () => {
    it('lists apps with instances on another segment (null is shared)', () => {
      const needed = restartsNeeded({...vpn, source: 'space'}, apps)
      assert.deepEqual(needed, [{app: 'web', appGuid: 'app-1', instances: 2, runningOn: ['shared']}])
      assert.deepEqual(
        restartsNeeded({...SHARED_SEGMENT, source: 'shared'}, apps.slice(0, 1)).map((r) => r.instances),
        [1],
      )
    })
  })

  describe('mergeNetworks', () => {
    it('adds to or replaces annotated networks, remembering where each came from', () => {
      const annotated = new Map([
        ['Agency-VPN', [parseCidr('10.0.0.0/8')]],
        ['lab', [parseCidr('192.168.0.0/16')]],
      ])
      const merged = mergeNetworks(annotated, [
        {segment: 'agency-vpn', mode: 'add', networks: [parseCidr('172.16.0.0/12'), parseCidr('10.0.0.0/8')]},
        {segment: 'LAB', mode: 'replace', networks: [parseCidr('192.168.1.0/24')]},
        {segment: 'new', mode: 'add', networks: [parseCidr('2001:db8::/32')]},
      ])
      const view = (key: string) => merged.get(key)!.map((n) => [n.cidr.prefix, n.source])
      assert.deepEqual(view('agency-vpn'), [
        [8, 'local'],
        [12, 'local'],
      ])
      assert.deepEqual(view('lab'), [[24, 'local']])
      assert.deepEqual(view('new'), [[32, 'local']])
      assert.deepEqual(
        mergeNetworks(annotated, [])
          .get('agency-vpn')!
          .map((n) => n.source),
        ['annotation'],
      )
    })
  })

  describe('segmentStatus', () => {
    it('reports each org and space with effective segment, networks and restarts', () => {
      const networks = mergeNetworks(new Map([['agency-vpn', [parseCidr('10.0.0.0/8')]]]), [])
      const [messyStatus, tidyStatus] = segmentStatus({orgs: [messy, tidy], spaces, apps, networks})
      assert.equal(messyStatus.defaultSegment, null)
      assert.deepEqual(messyStatus.entitled, ['agency-vpn', 'lab'])
      assert.equal(messyStatus.warnings.length, 2)
      assert.deepEqual(
        messyStatus.spaces.map((s) => [s.space, s.explicitSegment, s.effectiveSegment, s.source, s.networks]),
        [
          ['a', 'agency-vpn', 'agency-vpn', 'space', ['10.0.0.0/8']],
          ['b', null, 'shared', 'shared', []],
          ['c', null, 'shared', 'shared', []],
        ],
      )
      assert.deepEqual(
        messyStatus.spaces[0].restartNeeded.map((r) => r.app),
        ['web'],
      )
      assert.deepEqual(
        tidyStatus.spaces.map((s) => [s.source, s.restartNeeded.length]),
        [['org-default', 0]],
      )
    })
  })
})
