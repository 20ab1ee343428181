// The labels cgx puts on the objects it makes. Label keys need a prefix with a dot (capi behaviour 25).

/** What a cgx-made object is for: the allowlist proxy, its route-service instances, client certificates, the org CA. */
export const ROLE_LABEL = 'cgx.cloud.gov/role'
