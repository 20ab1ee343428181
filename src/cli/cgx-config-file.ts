// Parsing and validating the cgx config file (see cgx-config.ts): every problem with its file, line and column.
import {isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node as YamlNode} from 'yaml'

import {normalizeApiUrl} from '../cf/config.js'
import {CidrParseError, formatCidr, parseCidr, type Cidr} from '../domain/net/cidr.js'
import {describeOpenings, OPENNESS_LIMIT, wideOpenings} from '../domain/net/openness.js'
import {checkAnnotationKey} from '../domain/segments/networks.js'
import {InvalidInputError} from '../ops/errors.js'
import type {CgxConfig, FoundationSettings} from './cgx-config-model.js'

const FOUNDATION_KEYS = ['egress', 'networks', 'networksAnnotation']
const EXAMPLE =
  'Expected: foundations: {https://api.example.gov: {egress: [CIDR...], networks: {SEGMENT: [CIDR...]}, networksAnnotation: KEY}}'

export function parseCgxConfig(text: string, file: string): CgxConfig {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {lineCounter, uniqueKeys: true})
  const problems = doc.errors.map((e) => ({
    at: e.linePos?.[0] ?? {line: 1, col: 1},
    message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
  }))
  const alias = firstAlias(doc)
  if (alias)
    problems.push({
      at: lineCounter.linePos(alias.range?.[0] ?? 0),
      message: `aliases (*${alias.source}) are not supported in the cgx config: write the values out`,
    })
  const reader = new ConfigReader(lineCounter)
  const foundations = problems.length === 0 ? reader.read(doc.contents) : new Map<string, FoundationSettings>()
  problems.push(...reader.problems)
  if (problems.length > 0) {
    const [first, ...rest] = problems
      .sort((a, b) => a.at.line - b.at.line || a.at.col - b.at.col)
      .map((p) => `${file}:${p.at.line}:${p.at.col}: ${p.message}`)
    throw new InvalidInputError('CGX_CONFIG_INVALID', `Invalid cgx config: ${first}`, [...rest, EXAMPLE])
  }
  return {file, foundation: (api) => foundations.get(normalizeApiUrl(api)) ?? {}}
}

/** The reader walks nodes and never expands an alias (so no alias bomb), but it would read each one as nothing. */
function firstAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined
  visit(doc, {
    Alias(_key, node) {
      found = node
      return visit.BREAK
    },
  })
  return found
}

interface Problem {
  at: {line: number; col: number}
  message: string
}

/** Walks the parsed YAML, collecting every problem with its position instead of stopping at the first. */
class ConfigReader {
  readonly problems: Problem[] = []

  constructor(private readonly lines: LineCounter) {}

  read(root: unknown): Map<string, FoundationSettings> {
    const foundations = new Map<string, FoundationSettings>()
    for (const [key, value] of this.entries(root, 'the file', ['foundations'])) {
      if (key.value === 'foundations') {
        for (const [api, settings] of this.entries(value, '"foundations"')) foundations.set(this.apiUrl(api), this.foundation(settings))
      }
    }
    return foundations
  }

  private foundation(node: unknown): FoundationSettings {
    const settings: {egress?: string[]; networks?: Record<string, string[]>; networksAnnotation?: string} = {}
    for (const [key, value] of this.entries(node, 'a foundation', FOUNDATION_KEYS)) {
      if (key.value === 'egress') settings.egress = this.cidrs(value, 'egress')
      if (key.value === 'networks') settings.networks = this.networks(value)
      if (key.value === 'networksAnnotation') settings.networksAnnotation = this.annotationKey(value)
    }
    return settings
  }

  private networks(node: unknown): Record<string, string[]> {
    const networks: Record<string, string[]> = {}
    for (const [segment, cidrs] of this.entries(node, '"networks"'))
      networks[String(segment.value)] = this.cidrs(cidrs, `networks of ${segment.value}`)
    return networks
  }

  private cidrs(node: unknown, what: string): string[] {
    if (!isSeq(node)) return this.fail(node, `${what} must be a list of CIDRs, like [10.0.0.0/16]`, [])
    const cidrs = node.items.flatMap((item): Cidr[] => {
      const text = isScalar(item) ? String(item.value) : ''
      try {
        return [parseCidr(text)]
      } catch (error) {
        if (!(error instanceof CidrParseError)) throw error
        return this.fail(item, `${what}: ${error.message}`, [])
      }
    })
    // Judged on the union, like every allow set: two halves of IPv4 are the whole address space too.
    const openings = wideOpenings(cidrs)
    if (openings.length > 0) return this.fail(node, `${what}: ${describeOpenings(openings)}, as open as /0; ${OPENNESS_LIMIT}`, [])
    return cidrs.map(formatCidr)
  }

  private annotationKey(node: unknown): string | undefined {
    const key = isScalar(node) ? String(node.value) : ''
    const problem = checkAnnotationKey(key)
    return problem ? this.fail(node, `networksAnnotation: ${problem.message}`, undefined) : key
  }

  private apiUrl(key: YamlNode & {value?: unknown}): string {
    const text = String(key.value)
    if (URL.canParse(normalizeApiUrl(text))) return normalizeApiUrl(text)
    return this.fail(key, `"${text}" is not an API URL, like https://api.fr.cloud.gov`, text)
  }

  /** The key/value pairs of a mapping, reporting keys outside `allowed` (when given). */
  private entries(node: unknown, what: string, allowed?: string[]): [YamlNode & {value?: unknown}, unknown][] {
    if (node === null || (isScalar(node) && node.value === null)) return []
    if (!isMap(node)) return this.fail(node, `${what} must be a mapping of keys to values`, [])
    const pairs: [YamlNode & {value?: unknown}, unknown][] = []
    for (const pair of node.items) {
      const key = pair.key as YamlNode & {value?: unknown}
      if (allowed && !allowed.includes(String(key?.value)))
        this.fail(key, `unknown key "${key?.value}" in ${what}; expected ${allowed.join(', ')}`, undefined)
      else pairs.push([key, pair.value])
    }
    return pairs
  }

  private fail<T>(node: unknown, message: string, fallback: T): T {
    const offset = (node as YamlNode | null)?.range?.[0] ?? 0
    this.problems.push({at: this.lines.linePos(offset), message})
    return fallback
  }
}
