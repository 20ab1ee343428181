import {spawn} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const runJs = path.join(repoRoot, 'bin', 'run.js')

/** One code cache for the whole test run (src/cli/compile-cache.ts), as a user's runs share theirs, outside every HOME. */
const compileCache = mkdtempSync(path.join(tmpdir(), 'cgx-compile-cache-'))
process.once('exit', () => rmSync(compileCache, {recursive: true, force: true}))

export interface CliResult {
  exitCode: number | null
  stdout: string
  stderr: string
}

/**
 * Runs the built CLI (`node bin/run.js`, or another copy's `bin`) as a user would, with a clean environment: only
 * what the test passes, plus PATH and HOME pointing at a throwaway directory so the developer's real ~/.cf is never
 * read or written, and XDG_CACHE_HOME at the test run's code cache. `launcher` is a command that runs node in turn
 * (setpriv ... ), for a process with fewer rights.
 */
export function runCli(
  args: string[],
  options: {env?: Record<string, string>; input?: string; timeoutMs?: number; launcher?: string[]; bin?: string} = {},
): Promise<CliResult> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: options.env?.CF_HOME ?? tmpdir(),
    XDG_CACHE_HOME: compileCache,
    NO_COLOR: '1',
    ...options.env,
  }
  return new Promise((resolve, reject) => {
    const [command, ...commandArgs] = [...(options.launcher ?? []), process.execPath, options.bin ?? runJs, ...args]
    const child = spawn(command, commandArgs, {env, stdio: ['pipe', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000)
    child.on('error', reject)
    child.on('close', (exitCode) => {
      clearTimeout(timer)
      resolve({exitCode, stdout, stderr})
    })
    child.stdin.end(options.input ?? '')
  })
}

/** A temporary CF_HOME, removed by the returned cleanup function. */
export function tempCfHome(): {cfHome: string; cleanup(): void} {
  const cfHome = mkdtempSync(path.join(tmpdir(), 'cgx-cfhome-'))
  return {cfHome, cleanup: () => rmSync(cfHome, {recursive: true, force: true})}
}

/** Parses a `--json` envelope, failing with the CLI's output when stdout is not JSON. */
export function parseEnvelope<T = unknown>(
  result: CliResult,
): {formatVersion: string; status: number; result: T; error?: {code: string; message: string}; warnings: string[]} {
  try {
    return JSON.parse(result.stdout)
  } catch {
    throw new Error(`stdout is not JSON.\nstdout: ${result.stdout}\nstderr: ${result.stderr}`)
  }
}
