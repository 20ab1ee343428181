// Every endpoint the simulator serves, in two tables: the ones that need no token, and the rest.
import {Dispatcher} from '../dispatch.js'
import {registerApps} from './apps.js'
import {registerBuilds} from './builds.js'
import {registerDeployments} from './deployments.js'
import {registerDomains} from './domains.js'
import {registerIsolationSegments} from './isolation-segments.js'
import {registerJobs} from './jobs.js'
import {registerOrganizations} from './organizations.js'
import {registerProcesses} from './processes.js'
import {registerPublic} from './root.js'
import {registerRouteBindings} from './route-bindings.js'
import {registerRoutes} from './routes.js'
import {registerSecurityGroups} from './security-groups.js'
import {registerServiceInstances} from './service-instances.js'
import {registerSpaces} from './spaces.js'

export function buildDispatchers(): {publicRoutes: Dispatcher; apiRoutes: Dispatcher} {
  const publicRoutes = new Dispatcher()
  registerPublic(publicRoutes)
  const apiRoutes = new Dispatcher()
  for (const register of [
    registerOrganizations,
    registerSpaces,
    registerIsolationSegments,
    registerSecurityGroups,
    registerDomains,
    registerJobs,
    registerRoutes,
    registerServiceInstances,
    registerRouteBindings,
    registerApps,
    registerProcesses,
    registerBuilds,
    registerDeployments,
  ])
    register(apiRoutes)
  return {publicRoutes, apiRoutes}
}
