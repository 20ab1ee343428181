// References between the file's sections and the foundation: a segment, org or security group named in one place
// must be declared in the file or exist live. Misses get "did you mean" from both sources.
import {suggestNames} from '../names/suggest.js'
import {findAllowlist} from './allowlists.js'
import {diagnosticAt, type Locate, type PathSegment, type SetupDiagnostic} from './diagnostics.js'
import type {LiveIndex} from './live-index.js'
import {LIFECYCLES, segmentKey, type SetupFile} from './model.js'

export function checkReferences(file: SetupFile, live: LiveIndex, locate: Locate): SetupDiagnostic[] {
  const out: SetupDiagnostic[] = []
  const fail = (path: PathSegment[], code: string, message: string) => out.push(diagnosticAt(locate, path, code, message))
  if (file.api !== undefined && normalizeApi(file.api) !== normalizeApi(live.state.api)) {
    fail(
      ['api'],
      'API_MISMATCH',
      `this file is for ${file.api}, but you are logged in to ${live.state.api}; run \`cgx login -a ${file.api}\` or change "api"`,
    )
  }
  const segments = [...file.segments.map((s) => s.name), ...live.state.segments.map((s) => s.name)]
  const orgs = [...file.orgs.map((o) => o.name), ...live.state.orgs.map((o) => o.name)]
  const groups = [...file.securityGroups.map((g) => g.name), ...live.state.securityGroups.map((g) => g.name)]
  const known = (names: string[], name: string, compare = (n: string) => n) => names.some((n) => compare(n) === compare(name))
  const missing = (kind: string, path: PathSegment[], name: string, names: string[]) =>
    fail(
      path,
      `${kind.toUpperCase().replaceAll(' ', '_')}_UNKNOWN`,
      `${kind} "${name}" is not in the file and does not exist on the foundation${didYouMean(name, names)}`,
    )

  const seen = new Map<string, string>()
  for (const segment of file.segments) {
    const twin = seen.get(segmentKey(segment.name))
    if (twin !== undefined)
      fail(['isolation_segments', segment.name], 'DUPLICATE', `segment "${segment.name}" is "${twin}" again: segment names ignore case`)
    seen.set(segmentKey(segment.name), segment.name)
    segment.orgs?.forEach((org, i) => {
      if (!known(orgs, org)) missing('org', ['isolation_segments', segment.name, 'orgs', i], org, orgs)
    })
  }
  const segmentRef = (path: PathSegment[], name: string | null | undefined) => {
    if (name && !known(segments, name, segmentKey) && segmentKey(name) !== 'shared')
      missing('isolation segment', path, name, [...segments, 'shared'])
  }
  for (const org of file.orgs) {
    segmentRef(['orgs', org.name, 'default_segment'], org.defaultSegment)
    for (const space of org.spaces) {
      const path = ['orgs', org.name, 'spaces', space.name]
      segmentRef([...path, 'segment'], space.segment)
      for (const lifecycle of LIFECYCLES) {
        space.securityGroups?.[lifecycle]?.forEach((group, i) => {
          if (!known(groups, group)) missing('security group', [...path, 'security_groups', lifecycle, i], group, groups)
        })
      }
    }
  }
  checkEntitlements(file, fail)
  file.routeAllowlists?.forEach((spec) => {
    const entry = findAllowlist(live, spec.route)
    if (entry?.org !== undefined) return
    const close = entry?.suggestions ?? []
    const hint = close.length === 0 ? '; `cf routes` lists them' : `; did you mean ${close.map((c) => `"${c}"`).join(' or ')}?`
    fail(
      ['route_allowlists', spec.route],
      'ROUTE_UNKNOWN',
      `route "${spec.route}" does not exist on the foundation (a setup file protects routes, it does not create them)${hint}`,
    )
  })
  return out
}

/** A segment whose `orgs` the file gives must include every org the file puts on it (CF refuses otherwise). */
function checkEntitlements(file: SetupFile, fail: (path: PathSegment[], code: string, message: string) => void): void {
  const declared = new Map(file.segments.filter((s) => s.orgs !== undefined).map((s) => [segmentKey(s.name), s]))
  const check = (path: PathSegment[], org: string, segmentName: string | null | undefined, what: string) => {
    const segment = segmentName ? declared.get(segmentKey(segmentName)) : undefined
    if (segment && !segment.orgs!.includes(org)) {
      fail(
        path,
        'NOT_ENTITLED',
        `${what} is "${segment.name}", but isolation_segments.${segment.name}.orgs does not list org "${org}"; add it there`,
      )
    }
  }
  for (const org of file.orgs) {
    check(['orgs', org.name, 'default_segment'], org.name, org.defaultSegment, `the default segment of org "${org.name}"`)
    for (const space of org.spaces)
      check(['orgs', org.name, 'spaces', space.name, 'segment'], org.name, space.segment, `the segment of space "${space.name}"`)
  }
}

function didYouMean(name: string, candidates: string[]): string {
  const close = suggestNames(name, candidates)
  return close.length === 0 ? '' : `; did you mean ${close.map((c) => `"${c}"`).join(' or ')}?`
}

function normalizeApi(url: string): string {
  return url.trim().replace(/\/+$/, '').toLowerCase()
}
