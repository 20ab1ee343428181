// The simulator's state: one indexed table per resource, the UAA identities, and the router view.
import {guidFrom, SHARED_SEGMENT_GUID} from './guid.js'
import {emptyMetadata} from './metadata.js'
import type {
  AppRecord,
  BaseRecord,
  BuildRecord,
  ClientRecord,
  DeploymentRecord,
  DomainRecord,
  DropletRecord,
  JobRecord,
  OrgRecord,
  PackageRecord,
  ProcessRecord,
  RouteBindingRecord,
  RouteRecord,
  RouterEntry,
  SecurityGroupRecord,
  SegmentRecord,
  ServiceInstanceRecord,
  SpaceRecord,
  UserRecord,
} from './model.js'
import {Table} from './table.js'

const lower = (name: string): string => name.toLowerCase()

export interface RefreshGrant {
  username: string | null
  clientId: string
}

function makeTables() {
  return {
    orgs: new Table<OrgRecord>({name: (o) => o.name, segment: (o) => o.default_isolation_segment_guid}),
    spaces: new Table<SpaceRecord>({
      org: (s) => s.organization_guid,
      orgName: (s) => `${s.organization_guid}/${s.name}`,
      segment: (s) => s.isolation_segment_guid,
    }),
    segments: new Table<SegmentRecord>({name: (s) => lower(s.name), org: (s) => s.organization_guids}),
    securityGroups: new Table<SecurityGroupRecord>({
      name: (g) => g.name,
      running: (g) => g.running_space_guids,
      staging: (g) => g.staging_space_guids,
    }),
    domains: new Table<DomainRecord>({name: (d) => lower(d.name), org: (d) => d.organization_guid}),
    routes: new Table<RouteRecord>({
      space: (r) => r.space_guid,
      domain: (r) => r.domain_guid,
      address: (r) => `${lower(r.host)}|${r.domain_guid}|${r.path}`,
      app: (r) => r.destinations.map((d) => d.app_guid),
    }),
    serviceInstances: new Table<ServiceInstanceRecord>({
      space: (i) => i.space_guid,
      spaceName: (i) => `${i.space_guid}/${i.name}`,
    }),
    routeBindings: new Table<RouteBindingRecord>({route: (b) => b.route_guid, instance: (b) => b.service_instance_guid}),
    jobs: new Table<JobRecord>(),
    apps: new Table<AppRecord>({space: (a) => a.space_guid, spaceName: (a) => `${a.space_guid}/${lower(a.name)}`}),
    processes: new Table<ProcessRecord>({app: (p) => p.app_guid}),
    packages: new Table<PackageRecord>({app: (p) => p.app_guid}),
    builds: new Table<BuildRecord>({app: (b) => b.app_guid}),
    droplets: new Table<DropletRecord>({app: (d) => d.app_guid}),
    deployments: new Table<DeploymentRecord>({app: (d) => d.app_guid}),
  }
}

export type Tables = ReturnType<typeof makeTables>
type TableName = keyof Tables
type RecordOf<N extends TableName> = Tables[N] extends Table<infer R> ? R : never

export interface StoreSnapshot {
  version: 1
  counter: number
  jwtSecret: string
  tables: Record<string, unknown[]>
  users: UserRecord[]
  clients: ClientRecord[]
  refreshTokens: Array<[string, RefreshGrant]>
  router: RouterEntry[]
}

export class Store {
  readonly tables: Tables = makeTables()
  readonly users = new Map<string, UserRecord>()
  readonly clients = new Map<string, ClientRecord>()
  readonly refreshTokens = new Map<string, RefreshGrant>()
  readonly router = new Map<string, RouterEntry>()
  private counter = 0

  constructor(
    public jwtSecret: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  now(): string {
    return this.clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
  }

  /** A new deterministic guid: the same sequence of creations gives the same guids. */
  newGuid(kind: string): string {
    this.counter += 1
    return guidFrom('sim', kind, String(this.counter))
  }

  /** Fields every resource shares: guid, timestamps, empty metadata. */
  base(kind: string, guid?: string, time = this.now()): BaseRecord {
    return {guid: guid ?? this.newGuid(kind), created_at: time, updated_at: time, metadata: emptyMetadata()}
  }

  /** Updates a row, bumping `updated_at`. */
  touch<N extends TableName>(name: N, record: RecordOf<N>, changes: Partial<RecordOf<N>>): RecordOf<N> {
    const table = this.tables[name] as unknown as Table<RecordOf<N>>
    return table.update(record, {...changes, updated_at: this.now()} as Partial<RecordOf<N>>)
  }

  /** The segment a space's new instances land on: its own, else its org's default, else shared. */
  effectiveSegmentGuid(space: SpaceRecord): string {
    if (space.isolation_segment_guid) return space.isolation_segment_guid
    return this.tables.orgs.get(space.organization_guid)?.default_isolation_segment_guid ?? SHARED_SEGMENT_GUID
  }

  snapshot(): StoreSnapshot {
    const tables: Record<string, unknown[]> = {}
    for (const [name, table] of Object.entries(this.tables)) tables[name] = table.all()
    return {
      version: 1,
      counter: this.counter,
      jwtSecret: this.jwtSecret,
      tables,
      users: [...this.users.values()],
      clients: [...this.clients.values()],
      refreshTokens: [...this.refreshTokens],
      router: [...this.router.values()],
    }
  }

  static restore(snapshot: StoreSnapshot): Store {
    const store = new Store(snapshot.jwtSecret)
    store.counter = snapshot.counter
    for (const [name, rows] of Object.entries(snapshot.tables)) {
      const table = store.tables[name as TableName] as unknown as Table<{guid: string}> | undefined
      for (const row of rows as Array<{guid: string}>) table?.insert(row)
    }
    for (const user of snapshot.users) store.users.set(user.username, user)
    for (const client of snapshot.clients) store.clients.set(client.id, client)
    for (const [token, grant] of snapshot.refreshTokens) store.refreshTokens.set(token, grant)
    for (const entry of snapshot.router) store.router.set(entry.guid, entry)
    return store
  }
}
