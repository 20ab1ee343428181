// Spawning the built CLI for the bench, timed, with a temp CF_HOME.
import {spawn} from 'node:child_process'
import {cpSync, mkdtempSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
let runJs = path.join(root, 'bin', 'run.js')

/**
 * Run a private copy of the build from now on, so that a rebuild in the checkout while the bench runs (another
 * terminal, a watcher) cannot pull dist/ from under it. Returns the copy's directory, for removal.
 */
export function snapshotBuild(): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'cgx-bench-build-'))
  for (const entry of ['bin', 'dist', 'package.json', 'oclif.manifest.json'])
    cpSync(path.join(root, entry), path.join(copy, entry), {recursive: true})
  for (const entry of ['node_modules', 'examples']) symlinkSync(path.join(root, entry), path.join(copy, entry))
  runJs = path.join(copy, 'bin', 'run.js')
  return copy
}

export interface Timed {
  readonly exitCode: number | null
  /** When it was spawned (epoch ms), to line it up with the simulator's journal. */
  readonly startedAt: number
  readonly ms: number
  readonly stdout: string
  readonly stderr: string
}

export function timedRun(command: string, args: readonly string[], env: Record<string, string>): Promise<Timed> {
  const started = process.hrtime.bigint()
  const startedAt = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {env: {PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env}, stdio: ['ignore', 'pipe', 'pipe']})
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', reject)
    child.on('close', (exitCode) =>
      resolve({
        exitCode,
        startedAt,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    )
  })
}

/** The built CLI; `nodeOptions` go to node itself (e.g. --cpu-prof). */
export function cgx(args: readonly string[], cfHome: string, nodeOptions: readonly string[] = []): Promise<Timed> {
  return timedRun(process.execPath, [...nodeOptions, runJs, ...args], {CF_HOME: cfHome, HOME: cfHome})
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
