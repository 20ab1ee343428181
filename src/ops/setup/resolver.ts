// Names → GUIDs while an apply runs: seeded from the live state the plan was made from, and told about each object
// apply creates, so later steps find it without asking the API again.
import {NotFoundError} from '../errors.js'
import {segmentKey, type LiveState} from '../../domain/setup/model.js'

export class Resolver {
  private readonly segments = new Map<string, string>()
  private readonly orgs = new Map<string, string>()
  private readonly spaces = new Map<string, string>()
  private readonly groups = new Map<string, string>()

  constructor(state: LiveState) {
    for (const s of state.segments) this.segments.set(segmentKey(s.name), s.guid)
    for (const o of state.orgs) this.orgs.set(o.name, o.guid)
    const orgNames = new Map(state.orgs.map((o) => [o.guid, o.name]))
    for (const s of state.spaces) this.spaces.set(spaceKey(orgNames.get(s.orgGuid) ?? '', s.name), s.guid)
    for (const g of state.securityGroups) this.groups.set(g.name, g.guid)
  }

  segment(name: string): string {
    return found(this.segments.get(segmentKey(name)), 'segment', name)
  }

  org(name: string): string {
    return found(this.orgs.get(name), 'org', name)
  }

  space(org: string, space: string): string {
    return found(this.spaces.get(spaceKey(org, space)), 'space', `${org}/${space}`)
  }

  group(name: string): string {
    return found(this.groups.get(name), 'security group', name)
  }

  created(kind: 'segment' | 'org' | 'group', name: string, guid: string): void {
    if (kind === 'segment') this.segments.set(segmentKey(name), guid)
    if (kind === 'org') this.orgs.set(name, guid)
    if (kind === 'group') this.groups.set(name, guid)
  }

  createdSpace(org: string, space: string, guid: string): void {
    this.spaces.set(spaceKey(org, space), guid)
  }
}

function spaceKey(org: string, space: string): string {
  return `${org}\u0000${space}`
}

function found(guid: string | undefined, kind: string, name: string): string {
  if (guid === undefined) throw new NotFoundError(kind, name, [], 'It was on the foundation when the plan was made; run `cgx plan` again.')
  return guid
}
