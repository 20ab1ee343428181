import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {X509Certificate} from 'node:crypto'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {parseEnvelope, runCli, tempCfHome} from '../helpers/cli.js'
import {useSimulator, writesIn} from '../helpers/sim.js'

type Listed = {certificates: Array<{name: string; daysLeft: number}>; expiring?: {withinDays: number; count: number}}

describe('e2e: client-cert create, ca, list, rotate', () => {
  const sim = useSimulator({deploymentStepMs: 5})
  let home: ReturnType<typeof tempCfHome>
  let dir: string
  const cgx = (args: string[], extra: Record<string, string> = {}) => runCli(args, {env: {CF_HOME: home.cfHome, ...extra}})

  before(async () => {
    home = tempCfHome()
    dir = mkdtempSync(path.join(tmpdir(), 'cgx-client-cert-e2e-'))
    const login = await cgx(['login', '-a', sim().url, '-u', 'admin', '-p', 'admin', '-o', 'agency-a', '-s', 'prod'])
    assert.equal(login.exitCode, 0, login.stderr)
  })
  after(() => {
    home.cleanup()
    rmSync(dir, {recursive: true, force: true})
  })
  beforeEach(() => sim().journal.clear())

  it('refuses without a CA choice or with an unknown space, saying what to do, and writes nothing', async () => {
    const noChoice = await cgx(['client-cert', 'create', 'payments', '--space', 'prod'])
    assert.equal(noChoice.exitCode, 1)
    assert.match(noChoice.stderr, /^Error: Org 'agency-a' has no client CA yet: say where its key is kept\.\n {2}--ca-space SPACE: /)
    assert.equal(
      parseEnvelope(await cgx(['client-cert', 'create', 'payments', '--space', 'prod', '--json'])).error?.code,
      'CA_CHOICE_NEEDED',
    )
    const unknown = parseEnvelope(await cgx(['client-cert', 'create', 'payments', '--space', 'prd', '--ca-space', 'dev', '--json']))
    assert.equal(unknown.error?.code, 'SPACE_NOT_FOUND')
    const missing = parseEnvelope(
      await cgx([
        'client-cert',
        'create',
        'payments',
        '--space',
        'prod',
        '--cert-file',
        path.join(dir, 'none.pem'),
        '--key-file',
        path.join(dir, 'none.key'),
        '--json',
      ]),
    )
    assert.equal(missing.error?.code, 'CERT_FILE_UNREADABLE')
    assert.deepEqual(writesIn(sim()), [])
  })

  it('creates a certificate (and the CA) with no private key in stdout, stderr or the trace; the CA to stdout verifies it', async () => {
    const created = await cgx(['client-cert', 'create', 'payments', '--space', 'prod', '--ca-space', 'dev', '--days', '10'], {
      CF_TRACE: 'true',
    })
    assert.equal(created.exitCode, 0, created.stderr)
    assert.match(created.stderr, /POST \/v3\/service_instances/)
    // The request bodies' credentials are redacted; the CA certificate (public) is in an annotation.
    assert.doesNotMatch(created.stdout + created.stderr, /PRIVATE KEY/)
    assert.match(created.stderr, /"credentials": "\[PRIVATE DATA HIDDEN\]"/)
    assert.match(created.stdout, /subject\s+CN=payments, OU=prod, O=agency-a/)
    assert.deepEqual(writesIn(sim()), ['POST /v3/service_instances', 'POST /v3/service_instances'])

    const ca = await cgx(['client-cert', 'ca', '--org', 'agency-a'])
    assert.equal(ca.exitCode, 0, ca.stderr)
    assert.match(ca.stdout, /^-----BEGIN CERTIFICATE-----\n[\s\S]*-----END CERTIFICATE-----\n$/)
    assert.equal(new X509Certificate(ca.stdout).ca, true)

    // The certificate as the app sees it, read through the CLI's own trace: never printed there (redacted).
    const traced = await cgx(['client-cert', 'list', '--json'], {CF_TRACE: 'true'})
    assert.doesNotMatch(traced.stdout + traced.stderr, /PRIVATE KEY/)
    assert.match(traced.stderr, /GET \/v3\/service_instances\/[0-9a-f-]+\/credentials/)
  })

  it('list --expiring-within exits 1 when a certificate expires within the window and 0 otherwise; --json carries no key', async () => {
    const soon = await cgx(['client-cert', 'list', '--expiring-within', '30d', '--json'])
    assert.equal(soon.exitCode, 1)
    const envelope = parseEnvelope<Listed>(soon)
    assert.equal(envelope.status, 1)
    assert.deepEqual(
      envelope.result.certificates.map((c) => [c.name, c.daysLeft]),
      [['payments', 9]],
    )
    assert.deepEqual(envelope.result.expiring, {withinDays: 30, count: 1})
    assert.doesNotMatch(soon.stdout, /PRIVATE KEY/)
    const later = await cgx(['client-cert', 'list', '--expiring-within', '5'])
    assert.equal(later.exitCode, 0, later.stderr)
    assert.match(later.stdout, /payments/)
    const bad = await cgx(['client-cert', 'list', '--expiring-within', '2w', '--json'])
    assert.equal(bad.exitCode, 1)
    assert.equal(parseEnvelope(bad).error?.code, 'DURATION_INVALID')
    assert.deepEqual(writesIn(sim()), [])
  })

  it('rotates with a rolling restart of the app named, and the new certificate verifies with openssl against the CA', async () => {
    const rotated = parseEnvelope<{serial: string; previous: {serial: string}; restarted: Array<{app: string}>}>(
      await cgx(['client-cert', 'rotate', 'payments', '--space', 'prod', '--restart-app', 'api', '--json']),
    )
    assert.equal(rotated.status, 0, JSON.stringify(rotated.error))
    assert.notEqual(rotated.result.serial, rotated.result.previous.serial)
    assert.deepEqual(
      rotated.result.restarted.map((r) => r.app),
      ['api'],
    )
    assert.deepEqual(
      writesIn(sim()).map((w) => w.replace(/[0-9a-f-]{36}/, ':guid')),
      ['PATCH /v3/service_instances/:guid', 'POST /v3/deployments'],
    )
    if (spawnSync('openssl', ['version']).status !== 0) return
    const ca = (await cgx(['client-cert', 'ca'])).stdout
    const certificate = await storedCertificate()
    writeFileSync(path.join(dir, 'ca.pem'), ca)
    writeFileSync(path.join(dir, 'cert.pem'), certificate)
    const verify = spawnSync(
      'openssl',
      ['verify', '-purpose', 'sslclient', '-CAfile', path.join(dir, 'ca.pem'), path.join(dir, 'cert.pem')],
      {encoding: 'utf8'},
    )
    assert.equal(verify.stdout.trim(), `${path.join(dir, 'cert.pem')}: OK`, verify.stderr)
  })

  /** The stored certificate, read from the simulator as an admin would. */
  async function storedCertificate(): Promise<string> {
    const token = (await fetch(`${sim().url}/uaa/oauth/token`, {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from('cf:').toString('base64')}`},
      body: 'grant_type=password&username=admin&password=admin',
    }).then((r) => r.json())) as {access_token: string}
    const get = (p: string) => fetch(`${sim().url}${p}`, {headers: {Authorization: `bearer ${token.access_token}`}}).then((r) => r.json())
    const listed = (await get('/v3/service_instances?names=payments')) as {resources: Array<{guid: string}>}
    return ((await get(`/v3/service_instances/${listed.resources[0].guid}/credentials`)) as {certificate: string}).certificate
  }
})
