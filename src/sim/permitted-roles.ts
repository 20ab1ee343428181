// Who may call each write endpoint the simulator serves: Cloud Controller's `permitted_roles`, copied from the
// reference data's endpoints.json (taken from the v3 API docs). Rows marked `// docs` are endpoints that data does not
// list; they follow the v3 API docs for the same resource. The simulator's seed grants only two roles, Org Manager
// and Space Developer, so rows naming other roles (Space Manager, Space Supporter) allow admins and those two only.
// POST /v3/organizations says "All Roles" in the data because the `user_org_creation` feature flag can open it;
// the flag is off by default, so it is admin-only here.

export type Role = 'Admin' | 'Org Manager' | 'Space Manager' | 'Space Developer' | 'Space Supporter'

const ADMIN: readonly Role[] = ['Admin']
const ORG_MANAGER: readonly Role[] = ['Admin', 'Org Manager']
const DEVELOPER: readonly Role[] = ['Admin', 'Space Developer']
const DEVELOPER_OR_SUPPORTER: readonly Role[] = ['Admin', 'Space Developer', 'Space Supporter']
const SPACE_SECURITY: readonly Role[] = ['Admin', 'Space Manager', 'Org Manager']

export const PERMITTED_ROLES: Readonly<Record<string, readonly Role[]>> = {
  'POST /v3/organizations': ADMIN,
  'PATCH /v3/organizations/:guid': ORG_MANAGER,
  'DELETE /v3/organizations/:guid': ADMIN, // docs
  'PATCH /v3/organizations/:guid/relationships/default_isolation_segment': ORG_MANAGER,
  'POST /v3/spaces': ORG_MANAGER,
  'PATCH /v3/spaces/:guid': ['Admin', 'Org Manager', 'Space Manager'],
  'DELETE /v3/spaces/:guid': ORG_MANAGER, // docs
  'PATCH /v3/spaces/:guid/relationships/isolation_segment': ORG_MANAGER,
  'POST /v3/isolation_segments': ADMIN,
  'PATCH /v3/isolation_segments/:guid': ADMIN,
  'DELETE /v3/isolation_segments/:guid': ADMIN,
  'POST /v3/isolation_segments/:guid/relationships/organizations': ADMIN,
  'DELETE /v3/isolation_segments/:guid/relationships/organizations/:org_guid': ADMIN,
  'POST /v3/security_groups': ADMIN,
  'PATCH /v3/security_groups/:guid': ADMIN,
  'DELETE /v3/security_groups/:guid': ADMIN,
  'POST /v3/security_groups/:guid/relationships/running_spaces': SPACE_SECURITY,
  'POST /v3/security_groups/:guid/relationships/staging_spaces': SPACE_SECURITY,
  'DELETE /v3/security_groups/:guid/relationships/running_spaces/:space_guid': SPACE_SECURITY,
  'DELETE /v3/security_groups/:guid/relationships/staging_spaces/:space_guid': SPACE_SECURITY,
  'POST /v3/domains': ORG_MANAGER, // docs: a private domain needs an Org Manager of its org; a shared one an admin
  'POST /v3/routes': DEVELOPER_OR_SUPPORTER,
  'PATCH /v3/routes/:guid': DEVELOPER_OR_SUPPORTER,
  'DELETE /v3/routes/:guid': DEVELOPER_OR_SUPPORTER,
  'POST /v3/routes/:guid/destinations': DEVELOPER_OR_SUPPORTER,
  'PATCH /v3/routes/:guid/destinations': DEVELOPER_OR_SUPPORTER, // docs
  'DELETE /v3/routes/:guid/destinations/:destination_guid': DEVELOPER_OR_SUPPORTER, // docs
  'POST /v3/service_instances': DEVELOPER,
  'PATCH /v3/service_instances/:guid': DEVELOPER,
  'DELETE /v3/service_instances/:guid': DEVELOPER,
  'POST /v3/service_route_bindings': DEVELOPER_OR_SUPPORTER,
  'PATCH /v3/service_route_bindings/:guid': DEVELOPER, // docs
  'DELETE /v3/service_route_bindings/:guid': DEVELOPER_OR_SUPPORTER,
  'POST /v3/apps': DEVELOPER,
  'PATCH /v3/apps/:guid': DEVELOPER,
  'DELETE /v3/apps/:guid': DEVELOPER,
  'PATCH /v3/apps/:guid/environment_variables': DEVELOPER_OR_SUPPORTER,
  'POST /v3/apps/:guid/actions/start': DEVELOPER_OR_SUPPORTER,
  'POST /v3/apps/:guid/actions/stop': DEVELOPER_OR_SUPPORTER,
  'POST /v3/apps/:guid/actions/restart': DEVELOPER_OR_SUPPORTER,
  'PATCH /v3/apps/:guid/relationships/current_droplet': DEVELOPER_OR_SUPPORTER,
  'PATCH /v3/processes/:guid': DEVELOPER, // docs
  'POST /v3/processes/:guid/actions/scale': DEVELOPER_OR_SUPPORTER,
  'POST /v3/packages': DEVELOPER,
  'POST /v3/packages/:guid/upload': DEVELOPER,
  'POST /v3/builds': DEVELOPER_OR_SUPPORTER,
  'POST /v3/deployments': DEVELOPER_OR_SUPPORTER,
  'POST /v3/deployments/:guid/actions/cancel': DEVELOPER_OR_SUPPORTER,
  'POST /v3/deployments/:guid/actions/continue': DEVELOPER_OR_SUPPORTER,
}
