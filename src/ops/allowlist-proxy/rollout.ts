// Making a change of the proxy's environment (or droplet) live. Instances read their environment only when they
// start, so a change is an env PATCH plus a rolling deployment, waited for until it is FINALIZED/DEPLOYED: old
// instances keep the old policy until replaced, and the command returns only once none is left.
// An annotation marks a rollout as started, so a run that stopped half way (env written, deployment not finished)
// is finished by the next one instead of being taken for done.
import {setTimeout as sleep} from 'node:timers/promises'

import type {App, CfClient, PollOptions} from '../../cf/index.js'
import {OpError} from '../errors.js'
import type {Reporter} from '../reporter.js'

export const PENDING_ANNOTATION = 'cgx.cloud.gov/rollout-pending'

export interface RolloutOptions {
  reporter: Reporter
  /** How often and how long to wait for the deployment and the instances (tests shorten it). */
  poll?: PollOptions
  /** A new droplet to deploy with the environment. */
  dropletGuid?: string
  /** Annotations to write once the rollout is done (cleared pending flag included). */
  annotations?: Record<string, string>
}

/** Environment variables to set (null deletes) and whether they differ from `current`. */
export function envChanges(current: Record<string, string>, wanted: Record<string, string | null>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(wanted).filter(([key, value]) => (current[key] ?? null) !== value))
}

/**
 * Writes `vars` into the app's environment and makes them live; no write at all when they are already there,
 * no droplet is given and no earlier rollout was left unfinished. Returns whether anything was rolled out.
 */
export async function rollOut(
  cf: CfClient,
  app: App,
  current: Record<string, string>,
  vars: Record<string, string | null>,
  options: RolloutOptions,
): Promise<boolean> {
  const changes = envChanges(current, vars)
  const pending = app.metadata.annotations[PENDING_ANNOTATION] === 'true'
  if (Object.keys(changes).length === 0 && !pending && options.dropletGuid === undefined) return false
  if (!pending) await cf.apps.update(app.guid, {metadata: {annotations: {[PENDING_ANNOTATION]: 'true'}}})
  if (Object.keys(changes).length > 0) {
    await expectEnvironment(cf, app, pick(current, Object.keys(changes)), 'before')
    await cf.apps.updateEnvironmentVariables(app.guid, changes)
  }
  if (app.state === 'STOPPED') await startAndWait(cf, app, options)
  else await deployAndWait(cf, app, options)
  await expectEnvironment(cf, app, vars, 'after')
  await cf.apps.update(app.guid, {metadata: {annotations: {...options.annotations, [PENDING_ANNOTATION]: null}}})
  return true
}

/**
 * Cloud Controller has no conditional write, and the policy is one variable written whole: two runs that read it
 * at once would each write their own edit over the other's. So the variables are read again right before the write
 * (still as this run read them?) and after the rollout (still as this run wrote them?); otherwise the run stops
 * there, before it binds or reports anything, and the pending mark stays so that the next run rolls out again.
 */
async function expectEnvironment(
  cf: CfClient,
  app: App,
  expected: Record<string, string | null>,
  moment: 'before' | 'after',
): Promise<void> {
  const now = await cf.apps.getEnvironmentVariables(app.guid)
  const changed = Object.keys(envChanges(now, expected))
  if (changed.length === 0) return
  const what = moment === 'before' ? 'since this run read it' : 'while this run rolled it out'
  throw new OpError(
    'POLICY_CHANGED_CONCURRENTLY',
    `${changed.join(', ')} of ${app.name} changed ${what}: another cgx run (or someone) ` +
      `wrote it at the same time, so ${moment === 'before' ? 'this run wrote nothing over it' : 'what is live is not what this run wrote'}.`,
    {
      suggestions: ['Run the same command again when the other run has finished: it starts from what is there then.'],
    },
  )
}

function pick(env: Record<string, string>, keys: readonly string[]): Record<string, string | null> {
  return Object.fromEntries(keys.map((key) => [key, env[key] ?? null]))
}

async function deployAndWait(cf: CfClient, app: App, options: RolloutOptions): Promise<void> {
  const droplet = options.dropletGuid === undefined ? {} : {droplet: {guid: options.dropletGuid}}
  const deployment = await cf.deployments.create({relationships: {app: {data: {guid: app.guid}}}, strategy: 'rolling', ...droplet})
  options.reporter.progress(
    `Rolling deployment of ${app.name} started: instances are replaced one at a time; ` +
      'until an old instance is replaced it keeps the old policy.',
  )
  let last = ''
  const done = await cf.deployments.waitUntilFinalized(deployment.guid, {
    ...options.poll,
    onProgress: (d) => {
      const state = `${d.status.value}/${d.status.reason}`
      if (state !== last) options.reporter.progress(`  deployment ${state}`)
      last = state
    },
  })
  if (done.status.reason !== 'DEPLOYED') {
    throw new OpError(
      'ROLLOUT_NOT_FINISHED',
      `The rolling deployment of ${app.name} ended ${done.status.reason}, so the change may not be live on every instance.`,
      {
        suggestions: ['Run the same command again: it finishes the rollout.'],
      },
    )
  }
  options.reporter.progress(`Deployment finished: every instance of ${app.name} runs the new configuration.`)
}

/** A stopped app (first deploy): its droplet, a start, and a wait until every instance runs. */
async function startAndWait(cf: CfClient, app: App, options: RolloutOptions): Promise<void> {
  if (options.dropletGuid !== undefined) await cf.apps.setCurrentDroplet(app.guid, options.dropletGuid)
  await cf.apps.start(app.guid)
  options.reporter.progress(`Started ${app.name}; waiting for its instances to run.`)
  const [web] = (await cf.apps.listProcesses(app.guid)).filter((p) => p.type === 'web')
  if (web === undefined) return
  const interval = options.poll?.intervalMs ?? 1000
  const attempts = Math.max(1, Math.ceil((options.poll?.timeoutMs ?? 300_000) / interval))
  for (let attempt = 0; attempt < attempts; attempt++) {
    const stats = await cf.processes.getStats(web.guid)
    if (stats.length > 0 && stats.every((s) => s.state === 'RUNNING')) return
    await sleep(interval)
  }
  throw new OpError('PROXY_NOT_RUNNING', `The instances of ${app.name} did not start in time.`, {
    suggestions: [`See \`cf logs ${app.name} --recent\`; then run the same command again.`],
  })
}
