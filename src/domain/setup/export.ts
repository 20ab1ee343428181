// Live state → setup file text that plans to no changes: every field export writes is one the plan then manages,
// and is written exactly as the differ compares it (canonical CIDRs, rules as CF holds them, sorted names).
import {Document, isMap, isSeq, visit} from 'yaml'

import {unsayable} from './allowlists.js'
import {canonicalRule} from './diff.js'
import {LiveIndex, sortNames} from './live-index.js'
import {LIFECYCLES, segmentKey, type LiveAllowlist, type LiveOrg, type LiveState} from './model.js'
import {partialHeader} from './partial.js'

export interface ExportScope {
  /** Only these orgs (and the segments and groups their spaces use); every org when absent. */
  readonly orgs?: readonly string[]
  /** The state was read by someone who cannot see the whole foundation (partial.ts): entitlements are left out. */
  readonly partial?: {readonly exporter?: string}
}

export function exportSetupFile(state: LiveState, scope: ExportScope = {}): string {
  const live = new LiveIndex(state)
  const orgs = state.orgs.filter((org) => scope.orgs === undefined || scope.orgs.includes(org.name)).sort(byName)
  const spaces = new Set(orgs.flatMap((org) => live.spacesOf(org).map((s) => s.guid)))
  const usedSegments = new Set([
    ...orgs.map((o) => o.defaultSegmentGuid),
    ...state.spaces.filter((s) => spaces.has(s.guid)).map((s) => s.segmentGuid),
  ])
  const orgGuids = new Set(orgs.map((o) => o.guid))
  const segments = state.segments
    .filter((s) => segmentKey(s.name) !== 'shared')
    .filter((s) => scope.orgs === undefined || usedSegments.has(s.guid) || s.orgGuids.some((g) => orgGuids.has(g)))
    .sort(byName)
  const groups = state.securityGroups
    .filter((g) => scope.orgs === undefined || [...g.runningSpaceGuids, ...g.stagingSpaceGuids].some((guid) => spaces.has(guid)))
    .sort(byName)
  const value = {
    api: state.api,
    ...nonEmpty(
      'isolation_segments',
      Object.fromEntries(
        segments.map((s) => [
          s.name,
          {
            ...(s.networks === undefined ? {} : {networks: [...s.networks]}),
            ...(scope.partial === undefined ? {orgs: live.entitledOrgs(s)} : {}),
          },
        ]),
      ),
    ),
    ...nonEmpty(
      'security_groups',
      Object.fromEntries(
        groups.map((g) => [
          g.name,
          {
            rules: g.rules.map(canonicalRule),
            globally_enabled: {...g.globallyEnabled},
          },
        ]),
      ),
    ),
    ...nonEmpty('orgs', Object.fromEntries(orgs.map((org) => [org.name, orgEntry(org, live)]))),
    ...nonEmpty('route_allowlists', Object.fromEntries(exportedAllowlists(state, scope).written.map((a) => [a.route, [...a.allow!]]))),
  }
  const header = `# Exported by \`cgx export\` from ${state.api}. Plan it with \`cgx plan -f FILE\`.`
  return `${header}\n${scope.partial === undefined ? '' : `${partialHeader(scope.partial.exporter)}\n`}${toYaml(value)}`
}

/**
 * The allowlists export writes: routes behind cgx's route service in the orgs exported, sorted. A route that lets
 * nobody in, or is as open as /0 (net/openness.ts), cannot be written (the file refuses both): it is skipped, with the reason.
 */
export function exportedAllowlists(
  state: LiveState,
  scope: ExportScope,
): {written: LiveAllowlist[]; skipped: {route: string; why: string}[]} {
  const inScope = state.allowlists.filter((a) => a.allow !== undefined && (scope.orgs === undefined || scope.orgs.includes(a.org ?? '')))
  return {
    written: inScope.filter((a) => unsayable(a) === undefined).sort((a, b) => byName({name: a.route}, {name: b.route})),
    skipped: inScope.flatMap((a) => (unsayable(a) === undefined ? [] : [{route: a.route, why: unsayable(a)!}])),
  }
}

function orgEntry(org: LiveOrg, live: LiveIndex): Record<string, unknown> {
  const spaces = live
    .spacesOf(org)
    .sort(byName)
    .map((space) => [
      space.name,
      {
        segment: live.segmentName(space.segmentGuid),
        security_groups: Object.fromEntries(LIFECYCLES.map((l) => [l, sortNames(live.boundGroups(space.guid, l))])),
      },
    ])
  return {
    ...(org.defaultRead ? {default_segment: live.segmentName(org.defaultSegmentGuid)} : {}),
    ...nonEmpty('spaces', Object.fromEntries(spaces)),
  }
}

function nonEmpty(key: string, value: Record<string, unknown>): Record<string, unknown> {
  return Object.keys(value).length === 0 ? {} : {[key]: value}
}

function byName(a: {name: string}, b: {name: string}): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

/** Block style for the structure, flow style for leaf lists and rules, so a file reads like a hand-written one. */
export function toYaml(value: unknown): string {
  const doc = new Document(value)
  visit(doc, {
    Seq(_key, node) {
      if (node.items.every((item) => !isMap(item) && !isSeq(item))) node.flow = true
    },
    Map(_key, node, path) {
      const parent = path.at(-1)
      if (isSeq(parent) || node.items.every((pair) => !isMap(pair.value) && !isSeq(pair.value))) node.flow = true
    },
  })
  return doc.toString({lineWidth: 0, flowCollectionPadding: false})
}
