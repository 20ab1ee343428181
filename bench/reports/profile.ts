// Where the CLI's CPU goes: a V8 CPU profile (`node --cpu-prof`) of one run, its samples put into a few buckets by
// walking each sample's stack from the leaf up to the first frame that says what the work was for.
import {readdirSync, readFileSync} from 'node:fs'
import {SourceMap} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

interface ProfileNode {
  id: number
  callFrame: {functionName: string; url: string; lineNumber: number; columnNumber: number}
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export const CPU_BUCKETS = [
  'module loading, files (node, oclif, dependencies, config)',
  'HTTP client (axios, src/cf, node:http)',
  'JSON parse of responses',
  'ops (joins, snapshot)',
  'domain computation',
  'rendering / serialising the output',
  'oclif (flags, hooks)',
  'garbage collection',
  'other',
] as const

export type CpuBucket = (typeof CPU_BUCKETS)[number]

/** Bucket of one frame, or undefined when the frame says nothing (a native leaf, node's stream plumbing). */
function bucketOf(frame: ProfileNode['callFrame']): CpuBucket | undefined {
  const {functionName: fn, url} = frame
  if (fn === '(garbage collector)') return 'garbage collection'
  if (fn === 'parseBody' && url.includes('/dist/cf/')) return 'JSON parse of responses'
  if (url.includes('/dist/render/') || (url.includes('/dist/cli/') && (fn === 'logJson' || fn === 'output')))
    return 'rendering / serialising the output'
  if (url.includes('/dist/domain/')) return 'domain computation'
  if (url.includes('/dist/cf/') || /node_modules\/(axios|follow-redirects|form-data|proxy-from-env)\//.test(url))
    return 'HTTP client (axios, src/cf, node:http)'
  if (url.includes('/dist/ops/')) return 'ops (joins, snapshot)'
  if (url.startsWith('node:internal/modules') || url.includes('cjs-module-lexer') || fn === 'compileFunction' || fn === 'wrapSafe') {
    return 'module loading, files (node, oclif, dependencies, config)'
  }
  if (url.includes('@oclif/')) return 'oclif (flags, hooks)'
  return undefined
}

/** For stacks with none of ours above them (socket callbacks, file reads): node's own modules say what it was. */
function nodeBucketOf(frame: ProfileNode['callFrame']): CpuBucket | undefined {
  const {functionName: fn, url} = frame
  if (/^node:(_http|net|internal\/stream)/.test(url) || fn === 'writeLatin1String' || fn === 'writeUtf8String')
    return 'HTTP client (axios, src/cf, node:http)'
  if (/^node:(fs|internal\/fs)/.test(url)) return 'module loading, files (node, oclif, dependencies, config)'
  return undefined
}

const sourceMaps = new Map<string, SourceMap | undefined>()

function sourceMapOf(url: string): SourceMap | undefined {
  if (!sourceMaps.has(url)) {
    try {
      sourceMaps.set(url, new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8'))))
    } catch {
      sourceMaps.set(url, undefined)
    }
  }
  return sourceMaps.get(url)
}

/**
 * A frame in the bundled CLI (dist/cgx) named after the module it came from, through the bundle's source map, in
 * tsc's layout (src/cf/http.ts → /dist/cf/http.js; node_modules keep their paths), so that the buckets read the same.
 */
function originalFrame(frame: ProfileNode['callFrame']): ProfileNode['callFrame'] {
  if (!frame.url.includes('/dist/cgx/')) return frame
  const entry = sourceMapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber)
  const source = entry && 'originalSource' in entry ? entry.originalSource : undefined
  return source ? {...frame, url: source.replace(/^(?:\.\.\/)*src\//, '/dist/').replace(/\.ts$/, '.js')} : frame
}

/** CPU milliseconds per bucket (idle time left out), and the profile's wall span. */
export function cpuBreakdown(file: string): {buckets: Record<CpuBucket, number>; busyMs: number; spanMs: number} {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((node) => [node.id, {...node, callFrame: originalFrame(node.callFrame)}]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const cache = new Map<number, CpuBucket | 'idle'>()
  const classify = (leaf: number): CpuBucket | 'idle' => {
    if (byId.get(leaf)!.callFrame.functionName === '(idle)') return 'idle'
    for (const judge of [bucketOf, nodeBucketOf]) {
      for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
        const bucket = judge(byId.get(id)!.callFrame)
        if (bucket !== undefined) return bucket
      }
    }
    return 'other'
  }
  const buckets = Object.fromEntries(CPU_BUCKETS.map((b) => [b, 0])) as Record<CpuBucket, number>
  let spanMs = 0
  profile.samples.forEach((sample, i) => {
    // A sample's delta is the time since the previous one; the time it stands for is the next delta.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000
    spanMs += (profile.timeDeltas[i] ?? 0) / 1000
    if (!cache.has(sample)) cache.set(sample, classify(sample))
    const bucket = cache.get(sample)!
    if (bucket !== 'idle') buckets[bucket] += ms
  })
  return {buckets, busyMs: Object.values(buckets).reduce((a, b) => a + b, 0), spanMs}
}

/** The one profile node wrote into `dir`. */
export function profileIn(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))
  if (files.length !== 1) throw new Error(`expected one CPU profile in ${dir}, found ${files.length}`)
  return path.join(dir, files[0])
}
