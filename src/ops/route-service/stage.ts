// Staging the proxy's bundle: what an earlier attempt already did on the platform is used, not done again. A deploy
// that stopped half way (a dropped connection, a 5xx) is run again, and each run would otherwise upload one more
// package and stage one more build of the same bits.
//
// A package is known by the bundle annotation cgx puts on it, not by its data.checksum: Cloud Controller unpacks
// an upload and zips it again (to merge cached resources), so that checksum is of its zip, never of the one sent.
import {dropletPackageGuid, type App, type CfClient, type Package, type PollOptions} from '../../cf/index.js'
import type {Reporter} from '../reporter.js'
import {zipBundle, type ProxyBundle} from './bundle.js'
import {BUNDLE_ANNOTATION} from '../allowlist-proxy/index.js'

interface StageContext {
  /** The buildpack that stages this bundle. */
  buildpack: string
  reporter: Reporter
  poll?: PollOptions
}

/** A droplet of this bundle when the app does not run it yet (undefined when it does), and the change that made. */
export async function stageIfChanged(
  cf: CfClient,
  app: App,
  bundle: ProxyBundle,
  context: StageContext,
): Promise<{dropletGuid?: string; changes: string[]}> {
  const runs = app.metadata.annotations[BUNDLE_ANNOTATION] === bundle.sha256 && Boolean(app.relationships.current_droplet?.data)
  if (runs) return {changes: []}
  const pkg = await bundlePackage(cf, app, bundle, context)
  const dropletGuid = (await dropletStagedFrom(cf, app, pkg, context)) ?? (await stage(cf, pkg, context))
  return {dropletGuid, changes: [`staged bundle ${shortSha(bundle)}`]}
}

/** The app's READY package of this bundle: one an earlier attempt uploaded (or created and left empty), or a new one. */
async function bundlePackage(cf: CfClient, app: App, bundle: ProxyBundle, context: StageContext): Promise<Package> {
  const packages = await cf.packages.listForApp(app.guid, {types: ['bits'], order_by: '-created_at'})
  const found = packages.find((pkg) => pkg.metadata.annotations[BUNDLE_ANNOTATION] === bundle.sha256 && USABLE.has(pkg.state))
  if (found !== undefined && found.state !== 'AWAITING_UPLOAD') {
    context.reporter.progress(`Bundle ${shortSha(bundle)} is already uploaded (package ${found.guid}); not uploading it again.`)
    return cf.packages.waitUntilReady(found.guid, context.poll)
  }
  if (found === undefined) context.reporter.progress(`Uploading the route service (bundle ${shortSha(bundle)}).`)
  else
    context.reporter.progress(
      `Uploading bundle ${shortSha(bundle)} into package ${found.guid}, which an earlier attempt created but did not fill.`,
    )
  const pkg =
    found ??
    (await cf.packages.create({
      type: 'bits',
      relationships: {app: {data: {guid: app.guid}}},
      metadata: {annotations: {[BUNDLE_ANNOTATION]: bundle.sha256}},
    }))
  await cf.packages.upload(pkg.guid, zipBundle(bundle))
  return cf.packages.waitUntilReady(pkg.guid, context.poll)
}

/** States in which a package may still become READY with our bits. */
const USABLE = new Set<Package['state']>(['AWAITING_UPLOAD', 'PROCESSING_UPLOAD', 'READY'])

/** A droplet an earlier attempt staged from this package (it failed later, before the app ran it). */
async function dropletStagedFrom(cf: CfClient, app: App, pkg: Package, context: StageContext): Promise<string | undefined> {
  const droplets = await cf.droplets.listForApp(app.guid, {states: ['STAGED'], order_by: '-created_at'})
  const staged = droplets.find((droplet) => dropletPackageGuid(droplet) === pkg.guid)
  if (staged !== undefined)
    context.reporter.progress(`Droplet ${staged.guid} is already staged from package ${pkg.guid}; not staging it again.`)
  return staged?.guid
}

async function stage(cf: CfClient, pkg: Package, context: StageContext): Promise<string | undefined> {
  context.reporter.progress(`Staging package ${pkg.guid} with the ${context.buildpack}.`)
  const build = await cf.builds.create({package: {guid: pkg.guid}, lifecycle: {type: 'buildpack', data: {buildpacks: [context.buildpack]}}})
  return (await cf.builds.waitUntilStaged(build.guid, context.poll)).droplet?.guid
}

const shortSha = (bundle: ProxyBundle) => bundle.sha256.slice(0, 12)
