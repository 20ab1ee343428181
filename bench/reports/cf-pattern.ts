// The cf CLI's way of answering "which segment and which ASGs apply to this space", replayed against the simulator:
// per space, one after the other, nine requests (what `cf space SPACE --security-group-rules` and
// `cf org ORG` together ask for). A small client with no batching, no cache and no parallelism, as the cf CLI does.

export interface PatternSpace {
  readonly guid: string
  readonly orgGuid: string
}

export interface PatternRun {
  readonly spaces: number
  readonly requests: number
  readonly ms: number
}

export const CF_REQUESTS_PER_SPACE = 9

export async function replayCfPattern(api: string, authorization: string, spaces: readonly PatternSpace[]): Promise<PatternRun> {
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${api}${path}`, {headers: {authorization}})
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`)
    return (await response.json()) as T
  }
  let requests = 0
  const started = process.hrtime.bigint()
  for (const space of spaces) {
    const count = <T>(path: string) => (requests++, get<T>(path))
    await count(`/v3/organizations/${space.orgGuid}`)
    await count(`/v3/spaces/${space.guid}`)
    await count(`/v3/apps?space_guids=${space.guid}`)
    await count(`/v3/service_instances?space_guids=${space.guid}`)
    const own = await count<{data: {guid: string} | null}>(`/v3/spaces/${space.guid}/relationships/isolation_segment`)
    const orgDefault = await count<{data: {guid: string} | null}>(
      `/v3/organizations/${space.orgGuid}/relationships/default_isolation_segment`,
    )
    const segment = own.data?.guid ?? orgDefault.data?.guid ?? '933b4c58-120b-499a-b85d-4b6fc9e2903b'
    await count(`/v3/isolation_segments/${segment}`)
    await count(`/v3/spaces/${space.guid}/running_security_groups`)
    await count(`/v3/spaces/${space.guid}/staging_security_groups`)
  }
  return {spaces: spaces.length, requests, ms: Number(process.hrtime.bigint() - started) / 1e6}
}
