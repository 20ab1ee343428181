// `reach --format mermaid`: segments as boxes holding the spaces that run on them, the private networks behind each
// segment, and an arrow from a space to each network it reaches, labelled per lifecycle (dotted when only partly).
// Paste it into a Markdown file on GitHub, or into mermaid.live.
import type {ReachEntry, ReachReport} from '../ops/reach/report.js'
import {describePorts} from './reach.js'

export function renderReachMermaid(report: ReachReport): string {
  const ids = new IdMaker()
  const lines = ['flowchart LR']
  const networks = new Set([...report.segments.flatMap((s) => s.networks), ...report.results.map((r) => r.network)])
  for (const network of networks) lines.push(`  ${ids.of('net', network)}[("${label(network)}")]`)
  for (const segment of segmentsWithSpaces(report)) {
    lines.push(`  subgraph ${ids.of('seg', segment.name)}["segment ${label(segment.name)}"]`)
    for (const space of segment.spaces) lines.push(`    ${ids.of('space', space.guid)}["${label(`${space.org} / ${space.name}`)}"]`)
    lines.push('  end')
    for (const network of segment.networks) lines.push(`  ${ids.of('seg', segment.name)} === ${ids.of('net', network)}`)
  }
  for (const edge of reachEdges(report.results)) {
    const arrow = edge.whole ? '-->' : '-.->'
    lines.push(`  ${ids.of('space', edge.spaceGuid)} ${arrow}|"${label(edge.labels.join('<br/>'))}"| ${ids.of('net', edge.network)}`)
  }
  return lines.join('\n') + '\n'
}

function segmentsWithSpaces(report: ReachReport) {
  const networksOf = new Map(report.segments.map((s) => [s.name.toLowerCase(), s.networks]))
  const bySegment = new Map<string, {name: string; networks: readonly string[]; spaces: ReachReport['spaces'][number][]}>()
  for (const space of report.spaces) {
    const key = space.segment.toLowerCase()
    const entry = bySegment.get(key) ?? {name: space.segment, networks: networksOf.get(key) ?? [], spaces: []}
    entry.spaces.push(space)
    bySegment.set(key, entry)
  }
  return [...bySegment.values()]
}

interface Edge {
  spaceGuid: string
  network: string
  whole: boolean
  labels: string[]
}

/** One arrow per (space, network) that anything reaches, labelled "running: tcp 443" / "staging: all". */
function reachEdges(results: readonly ReachEntry[]): Edge[] {
  const edges = new Map<string, Edge>()
  for (const result of results) {
    if (result.reachable === 'no') continue
    const key = `${result.spaceGuid} ${result.network}`
    const edge = edges.get(key) ?? {spaceGuid: result.spaceGuid, network: result.network, whole: false, labels: []}
    edge.whole ||= result.reachable === 'yes'
    const qualifier = result.dnsOnly ? ' (dns only)' : result.reachable === 'partly' ? ' (partly)' : ''
    edge.labels.push(`${result.lifecycle}: ${describePorts(result.ports)}${qualifier}`)
    edges.set(key, edge)
  }
  return [...edges.values()]
}

/** Node ids from names that may hold any character: a prefix and a counter. */
class IdMaker {
  private readonly ids = new Map<string, string>()

  of(kind: string, name: string): string {
    const key = `${kind}:${name.toLowerCase()}`
    let id = this.ids.get(key)
    if (id === undefined) {
      id = `${kind}${this.ids.size}`
      this.ids.set(key, id)
    }
    return id
  }
}

/** Mermaid labels are quoted; a double quote inside is written as an entity. */
function label(text: string): string {
  return text.replaceAll('"', '#quot;')
}
