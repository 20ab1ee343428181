// One step of an apply = one idempotent write. Segment writes go through the segment ops (their checks, their
// messages); creates look before they create again, so a POST whose answer was lost never makes a duplicate.
import {CfApiError, CfNetworkError, isNotFound, isUnprocessable, toOne, type CfClient, type SecurityGroupRule} from '../../cf/index.js'
import {MANAGED_LABEL} from '../../domain/setup/model.js'
import type {Step} from '../../domain/setup/steps.js'
import {DEFAULT_NETWORKS_ANNOTATION} from '../../domain/segments/networks.js'
import type {Reporter} from '../reporter.js'
import {findSegment} from '../resolve.js'
import {applyDefault} from '../segments/default.js'
import {entitleSegment} from '../segments/entitle.js'
import {segmentNetworksCommand} from '../segments/networks.js'
import {revokeSegment} from '../segments/revoke.js'
import {assignSegment} from '../segments/assign.js'
import {unassignSegment} from '../segments/unassign.js'
import type {AppToRestart} from '../segments/restart.js'
import type {AllowlistAccess} from './allowlists.js'
import {issueClientCert} from './client-certs.js'
import type {Resolver} from './resolver.js'

export interface StepContext {
  readonly cf: CfClient
  readonly names: Resolver
  readonly reporter: Reporter
  readonly allowlists: AllowlistAccess
  /** Apps still running on their old segment after a space or org default moved (restart to move them). */
  readonly restartNeeded: AppToRestart[]
}

/** How many times a create is sent when the platform fails transiently and the object is still not there. */
const CREATE_ATTEMPTS = 3
const labels = {labels: {[MANAGED_LABEL.key]: MANAGED_LABEL.value}}

type Handler<K extends Step['kind']> = (ctx: StepContext, step: Extract<Step, {kind: K}>) => Promise<unknown>

/** One handler per kind of step; the order they run in is the plan's (steps.ts), not this table's. */
const HANDLERS: {[K in Step['kind']]: Handler<K>} = {
  'create-segment': async ({cf, names}, step) => {
    const annotations: Record<string, string> = step.networks?.length ? {[DEFAULT_NETWORKS_ANNOTATION]: step.networks.join(',')} : {}
    const create = () => cf.isolationSegments.create({name: step.segment, metadata: {...labels, annotations}})
    names.created('segment', step.segment, (await createOnce(() => cf.isolationSegments.listAll({names: [step.segment]}), create)).guid)
  },
  'set-networks': (ctx, step) =>
    segmentNetworksCommand(ctx.cf, {segment: step.segment, set: [...step.networks], annotation: DEFAULT_NETWORKS_ANNOTATION}, ctx.reporter),
  'create-org': async ({cf, names}, step) => {
    const create = () => cf.organizations.create({name: step.org, metadata: labels})
    names.created('org', step.org, (await createOnce(() => cf.organizations.listAll({names: [step.org]}), create)).guid)
  },
  entitle: (ctx, step) => entitleSegment(ctx.cf, {segment: step.segment, orgs: [step.org]}, ctx.reporter),
  'set-default': async ({cf, names}, step) => {
    const segment = step.segment === null ? null : await findSegment(cf, step.segment)
    await applyDefault(cf, {name: step.org, guid: names.org(step.org)}, segment)
  },
  'create-space': async ({cf, names}, step) => {
    const orgGuid = names.org(step.org)
    const find = () => cf.spaces.listAll({names: [step.space], organization_guids: [orgGuid]})
    const create = () => cf.spaces.create({name: step.space, relationships: {organization: toOne(orgGuid)}, metadata: labels})
    names.createdSpace(step.org, step.space, (await createOnce(find, create)).guid)
  },
  'set-space-segment': (ctx, step) => moveSpace(ctx, step.org, step.space, step.segment),
  'create-group': async ({cf, names}, step) => {
    const create = () => cf.securityGroups.create({name: step.group, ...groupFields(step)})
    names.created('group', step.group, (await createOnce(() => cf.securityGroups.listAll({names: [step.group]}), create)).guid)
  },
  'update-group': ({cf, names}, step) => cf.securityGroups.update(names.group(step.group), groupFields(step)),
  bind: ({cf, names}, step) => {
    const bind = step.lifecycle === 'running' ? cf.securityGroups.bindRunningSpaces : cf.securityGroups.bindStagingSpaces
    return bind(names.group(step.group), [names.space(step.org, step.space)])
  },
  unbind: ({cf, names}, step) => {
    const unbind = step.lifecycle === 'running' ? cf.securityGroups.unbindRunningSpace : cf.securityGroups.unbindStagingSpace
    // 422 "ensure the space is bound": an earlier, interrupted apply already unbound it.
    return tolerate(isUnprocessable, () => unbind(names.group(step.group), names.space(step.org, step.space)))
  },
  'set-allowlists': (ctx, step) => ctx.allowlists.set(step.org, step.routes, ctx.reporter),
  'create-client-cert': (ctx, step) => issueClientCert(ctx.cf, step, ctx.reporter),
  'rotate-client-cert': (ctx, step) => issueClientCert(ctx.cf, step, ctx.reporter),
  'delete-space': ({cf, names}, step) => tolerate(isNotFound, () => cf.spaces.delete(names.space(step.org, step.space))),
  revoke: ({cf}, step) => revokeSegment(cf, {segment: step.segment, orgs: [step.org]}),
  'delete-org': ({cf, names}, step) => tolerate(isNotFound, () => cf.organizations.delete(names.org(step.org))),
  'delete-segment': ({cf, names}, step) => tolerate(isNotFound, () => cf.isolationSegments.delete(names.segment(step.segment))),
}

export async function executeStep(ctx: StepContext, step: Step): Promise<void> {
  await (HANDLERS[step.kind] as Handler<Step['kind']>)(ctx, step)
}

function groupFields(step: Extract<Step, {kind: 'create-group' | 'update-group'}>) {
  return {
    rules: step.rules.map((rule) => ({...rule})) as SecurityGroupRule[],
    ...(step.globallyEnabled ? {globally_enabled: step.globallyEnabled} : {}),
  }
}

async function moveSpace(ctx: StepContext, org: string, space: string, segment: string | null): Promise<void> {
  const request = {org, space}
  const result =
    segment === null
      ? await unassignSegment(ctx.cf, request, ctx.reporter)
      : await assignSegment(ctx.cf, {...request, segment}, ctx.reporter)
  ctx.restartNeeded.push(...result.restartNeeded)
}

/**
 * Create unless it exists. A POST is never retried blindly (it may have been applied before its answer was lost):
 * after a failure, look by name; found means it was created; not found and transient means send it again.
 */
export async function createOnce<T>(find: () => Promise<T[]>, create: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create()
    } catch (error) {
      const [existing] = await find()
      if (existing !== undefined) return existing
      if (attempt >= CREATE_ATTEMPTS || !isTransient(error)) throw error
    }
  }
}

function isTransient(error: unknown): boolean {
  if (error instanceof CfNetworkError) return error.kind === 'reset' || error.kind === 'timeout'
  return error instanceof CfApiError && (error.status >= 500 || error.status === 429)
}

async function tolerate(already: (error: unknown) => boolean, write: () => Promise<unknown>): Promise<void> {
  try {
    await write()
  } catch (error) {
    if (!already(error)) throw error
  }
}
