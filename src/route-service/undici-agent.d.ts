// undici's package entry loads fetch, WebSocket, mocks and caches as well: about 9 MiB of resident
// memory the route service never uses. Its Agent alone is in this file (the package has no exports
// map, so the path is public to Node and esbuild alike); its type is the package's own.
declare module 'undici/lib/dispatcher/agent.js' {
  import {Agent} from 'undici'

  export = Agent
}
