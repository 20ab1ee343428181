// The route service as the platform receives it: the bundle `npm run build` writes (server.mjs and its
// package.json, nothing to install), zipped for a package upload, with a digest that tells whether the
// deployed proxy runs this cgx's code.
import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'

import {zipSync} from 'fflate'

import {NGINX_CA_VAR, NGINX_CONF_TEMPLATE, NGINX_POLICY_VAR} from '../../route-service/index.js'
import {OpError} from '../errors.js'

export interface ProxyBundle {
  /** File name → content. */
  files: Record<string, Uint8Array>
  /** sha256 over the names and contents, hex. */
  sha256: string
}

const BUNDLE_FILES = ['server.mjs', 'package.json']
/** dist/ops/route-service → dist/route-service/bundle (where scripts/bundle-route-service.js writes it). */
export const DEFAULT_BUNDLE_DIR = fileURLToPath(new URL('../../route-service/bundle/', import.meta.url))
/** A fixed timestamp keeps the zip (and so the package checksum) the same for the same files. */
const ZIP_TIME = new Date('2000-01-01T00:00:00Z')

export async function loadProxyBundle(dir = DEFAULT_BUNDLE_DIR): Promise<ProxyBundle> {
  try {
    const contents = await Promise.all(BUNDLE_FILES.map((name) => readFile(`${dir.replace(/\/$/, '')}/${name}`)))
    return proxyBundle(Object.fromEntries(BUNDLE_FILES.map((name, i) => [name, new Uint8Array(contents[i])])))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    throw new OpError('BUNDLE_MISSING', `The route-service bundle is not in ${dir}.`, {
      suggestions: ['Run `npm run build` in the cgx checkout (it writes the bundle).'],
    })
  }
}

/**
 * The nginx engine as pushed: nginx.conf (filled by the buildpack at start) and buildpack.yml, which lists the variables
 * varify pastes as written (its default escapes them as HTML, which would break the compiled policy).
 */
export function nginxBundle(): ProxyBundle {
  const buildpackYml = `---\nnginx:\n  version: stable\n  plaintext_env_vars:\n    - ${NGINX_POLICY_VAR}\n    - ${NGINX_CA_VAR}\n`
  const encode = (text: string) => new TextEncoder().encode(text)
  return proxyBundle({'nginx.conf': encode(NGINX_CONF_TEMPLATE), 'buildpack.yml': encode(buildpackYml)})
}

export function proxyBundle(files: Record<string, Uint8Array>): ProxyBundle {
  const hash = createHash('sha256')
  for (const name of Object.keys(files).sort()) hash.update(name).update('\0').update(files[name]).update('\0')
  return {files, sha256: hash.digest('hex')}
}

export function zipBundle(bundle: ProxyBundle): Uint8Array {
  const entries = Object.fromEntries(Object.entries(bundle.files).map(([name, data]) => [name, [data, {mtime: ZIP_TIME}] as const]))
  return zipSync(entries as never)
}
