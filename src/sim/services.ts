// Service-instance rules shared by the seed loader and the API: `last_operation` values, and the URL a route
// binding gets.
import type {LastOperation, ServiceInstanceRecord} from './model.js'

/** Done at once: user-provided instances and bindings, seeded rows, broker operations that finished. */
export const succeeded = (type: string, time: string): LastOperation => ({
  type,
  state: 'succeeded',
  description: 'Operation succeeded',
  created_at: time,
  updated_at: time,
})

/** Waiting on the broker: CC records it with a null description until the broker answers. */
export const inProgress = (type: string, time: string): LastOperation => ({
  type,
  state: 'in progress',
  description: null,
  created_at: time,
  updated_at: time,
})

/** The URL a new route binding of `instance` carries: a user-provided instance's own, or what a managed
 * instance's broker answers on bind. Null: the instance is not a route service. */
export const bindingUrlOf = (instance: ServiceInstanceRecord): string | null =>
  instance.managed ? instance.managed.route_service_url : instance.route_service_url

export const isManaged = (instance: ServiceInstanceRecord): boolean => instance.managed !== undefined
