import assert from 'node:assert/strict'

import {parseEnvelope, runCli, tempCfHome} from '../helpers/cli.js'
import {useSimulator, writesIn} from '../helpers/sim.js'

type AppToRestart = {space: string; app: string; movesTo: string}

describe('e2e: segment entitle, revoke, default, assign, unassign, networks', () => {
  const sim = useSimulator({deploymentStepMs: 5})
  let home: ReturnType<typeof tempCfHome>
  const cgx = (args: string[], extra: Record<string, string> = {}) => runCli(args, {env: {CF_HOME: home.cfHome, ...extra}})
  const loginAs = async (user: string, password: string) => {
    const login = await cgx(['login', '-a', sim().url, '-u', user, '-p', password, '-o', 'agency-a'])
    assert.equal(login.exitCode, 0, login.stderr)
    sim().journal.clear()
  }

  beforeEach(() => {
    home = tempCfHome()
  })
  afterEach(() => home.cleanup())

  it('default on the targeted org: already so, no write, and the apps still on shared are listed and warned about', async () => {
    await loginAs('admin', 'admin')
    const envelope = parseEnvelope<{changed: boolean; restartNeeded: AppToRestart[]}>(
      await cgx(['segment', 'default', 'vpn-east', '--json']),
    )
    assert.equal(envelope.status, 0)
    assert.equal(envelope.result.changed, false)
    assert.deepEqual(
      envelope.result.restartNeeded.map((a) => [a.space, a.app, a.movesTo]),
      [['staging', 'api', 'vpn-east']],
    )
    assert.match(envelope.warnings.join('\n'), /1 app keeps running on the old segment until restarted \(staging\/api\)/)
    assert.deepEqual(writesIn(sim()), [])
  })

  it('default with no segment shows the current one; create, list and delete a segment; a used one is refused', async () => {
    await loginAs('admin', 'admin')
    const shown = await cgx(['segment', 'default', '--org', 'agency-b'])
    assert.equal(shown.exitCode, 0, shown.stderr)
    assert.match(shown.stdout, /^Org agency-b has no default segment: its spaces without a segment of their own run on shared/)
    const created = await cgx(['segment', 'create', 'vpn-central'])
    assert.deepEqual([created.exitCode, created.stdout], [0, 'Created isolation segment vpn-central.\n'])
    const list = await cgx(['segment', 'list'])
    assert.match(list.stdout, /^vpn-central\t-\t0\t-$/m)
    assert.match(list.stdout, /^vpn-east\tagency-a,agency-b\t1\t10\.10\.0\.0\/16,10\.20\.0\.0\/16$/m)
    sim().journal.clear()
    const refused = parseEnvelope(await cgx(['segment', 'delete', 'vpn-west', '--json']))
    assert.deepEqual([refused.status, refused.error?.code], [1, 'SEGMENT_IN_USE'])
    assert.deepEqual(writesIn(sim()), [])
    const deleted = await cgx(['segment', 'delete', 'vpn-central'])
    assert.deepEqual([deleted.exitCode, deleted.stdout], [0, 'Deleted isolation segment vpn-central.\n'])
    assert.deepEqual(
      writesIn(sim()).map((w) => w.replace(/[0-9a-f-]{36}/, ':guid')),
      ['DELETE /v3/isolation_segments/:guid'],
    )
  })

  it('--restart replaces them with a rolling deployment, progress on stderr', async () => {
    await loginAs('admin', 'admin')
    const result = await cgx(['segment', 'default', 'vpn-east', '--restart'])
    assert.equal(result.exitCode, 0, result.stderr)
    assert.match(result.stdout, /Restarted with rolling deployments:\nstaging\tapi\t[0-9a-f-]+\tFINALIZED\/DEPLOYED\n$/)
    assert.match(result.stderr, /Restarting staging\/api \(rolling deployment [0-9a-f-]+\)\.\.\.\n {2}api: /)
    assert.deepEqual(writesIn(sim()), ['POST /v3/deployments'])
  })

  it('refuses what the platform would refuse, saying what to run, exit 1 and no write', async () => {
    await loginAs('admin', 'admin')
    const assign = await cgx(['segment', 'assign', 'vpn-west', '--space', 'dev'])
    assert.equal(assign.exitCode, 1)
    assert.match(
      assign.stderr,
      /Error: Segment 'vpn-west' is not entitled to org 'agency-a'.*\n.*cgx segment entitle vpn-west --org agency-a/,
    )
    const revoke = parseEnvelope(await cgx(['segment', 'revoke', 'vpn-east', '--org', 'agency-a', '--json']))
    assert.equal(revoke.status, 1)
    assert.equal(revoke.error?.code, 'REVOKE_BLOCKED')
    assert.match(revoke.error!.message, /assigned to space 'prod' of org 'agency-a'/)
    const typo = await cgx(['segment', 'entitle', 'vpn-est', '--org', 'agency-b'])
    assert.match(typo.stderr, /Segment 'vpn-est' not found\.\n {2}Did you mean 'vpn-east'/)
    assert.equal(typo.exitCode, 1)
    assert.deepEqual(writesIn(sim()), [])
  })

  it('assign, then unassign, with the effective segment said in words', async () => {
    await loginAs('admin', 'admin')
    const assign = await cgx(['segment', 'assign', 'vpn-east', '--space', 'prod', '--org', 'agency-b'])
    assert.equal(assign.exitCode, 0, assign.stderr)
    assert.match(assign.stdout, /^Assigned segment vpn-east to space prod in org agency-b \(before: none\)\.\n/)
    assert.match(assign.stdout, /agency-b\/prod\tportal\t2\tshared\tvpn-east\n/)
    const unassign = await cgx(['segment', 'unassign', '--space', 'prod', '--org', 'agency-b'])
    assert.equal(
      unassign.stdout,
      'Removed segment vpn-east from space prod in org agency-b: its apps run on shared (no space or org default).\n',
    )
  })

  it('networks: refuses host bits with the corrected network, then adds, shows, and honours CGX_NETWORKS_ANNOTATION', async () => {
    await loginAs('admin', 'admin')
    const bad = await cgx(['segment', 'networks', 'vpn-east', '--add', '10.1.2.3/16'])
    assert.equal(bad.exitCode, 1)
    assert.match(bad.stderr, /host bits set.*\n {2}Did you mean 10\.1\.0\.0\/16\?/)
    assert.deepEqual(writesIn(sim()), [])
    const add = parseEnvelope<{changed: boolean; added: string[]}>(
      await cgx(['segment', 'networks', 'vpn-east', '--add', '10.30.0.0/16', '--json']),
    )
    assert.deepEqual([add.status, add.result.changed, add.result.added], [0, true, ['10.30.0.0/16']])
    const show = await cgx(['segment', 'networks', 'vpn-east'])
    assert.equal(show.stdout, '10.10.0.0/16\tannotation\n10.20.0.0/16\tannotation\n10.30.0.0/16\tannotation\n')
    const other = parseEnvelope<{annotation: string; networks: unknown[]}>(
      await cgx(['segment', 'networks', 'vpn-east', '--json'], {CGX_NETWORKS_ANNOTATION: 'nets.example.gov/cidrs'}),
    )
    assert.deepEqual([other.result.annotation, other.result.networks], ['nets.example.gov/cidrs', []])
  })

  it('refuses a bad name in any argument or flag before any request', async () => {
    await loginAs('admin', 'admin')
    const cases: Array<[string[], string]> = [
      [
        ['segment', 'entitle', 'vpn-east', '--org', 'agency-a,ag\u0007ency-b'],
        'Invalid org name: "ag\\u0007ency-b" contains a control character (\\x07)',
      ],
      [['segment', 'entitle', 'vpn-east\t', '--org', 'agency-a'], 'Invalid segment name: "vpn-east\\t" contains a control character (\\t)'],
      [
        ['segment', 'assign', 'vpn-east', '--space', 'prod', '--org', 'agency-a '],
        'Invalid org name: "agency-a " has whitespace at the end',
      ],
      [['segment', 'networks', 'vpn\u2028east'], 'Invalid segment name: "vpn\\u2028east" contains a control character (\\u2028)'],
    ]
    for (const [args, message] of cases) {
      const result = parseEnvelope(await cgx([...args, '--json']))
      assert.deepEqual([result.status, result.error?.code], [1, 'NAME_INVALID'], args.join(' '))
      assert.ok(result.error?.message.startsWith(message), result.error?.message)
      assert.deepEqual(sim().journal.entries(), [], args.join(' '))
    }
  })

  it('networks: a list as open as /0 (two halves of IPv4) needs --force, and nothing is written without it', async () => {
    await loginAs('admin', 'admin')
    const refused = parseEnvelope(await cgx(['segment', 'networks', 'vpn-east', '--set', '0.0.0.0/1,128.0.0.0/1', '--json']))
    assert.deepEqual([refused.status, refused.error?.code], [1, 'NETWORK_INVALID'])
    assert.match(
      refused.error?.message ?? '',
      /0\.0\.0\.0\/1 and 128\.0\.0\.0\/1 together cover all of IPv4, which is not a private network/,
    )
    assert.deepEqual(writesIn(sim()), [])
    const forced = parseEnvelope<{changed: boolean}>(
      await cgx(['segment', 'networks', 'vpn-east', '--add', '0.0.0.0/1,128.0.0.0/1', '--force', '--json']),
    )
    assert.deepEqual([forced.status, forced.result.changed], [0, true])
    const undone = parseEnvelope<{changed: boolean}>(
      await cgx(['segment', 'networks', 'vpn-east', '--remove', '0.0.0.0/1,128.0.0.0/1', '--json']),
    )
    assert.deepEqual([undone.status, undone.result.changed], [0, true])
  })

  it('says which role is needed when the platform refuses a non-admin', async () => {
    await loginAs('dev@agency-a.gov', 'dev-password')
    const result = await cgx(['segment', 'networks', 'vpn-east', '--add', '10.50.0.0/16'])
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, /Error: The platform refused changing the networks of segment 'vpn-east': that needs a platform admin\./)
  })
})
