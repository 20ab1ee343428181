import assert from 'node:assert/strict'
import {mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {CfConfigError, configPath, normalizeApiUrl, oauthClient, readConfig, updateConfig, writeConfig} from '../../../src/cf/index.js'

describe('cf config file', () => {
  let home: string
  let file: string

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'cgx-config-'))
    file = join(home, '.cf', 'config.json')
  })
  afterEach(() => rm(home, {recursive: true, force: true}))

  it('lives under CF_HOME, else HOME, else an explicit cfHome', () => {
    assert.equal(configPath({CF_HOME: '/a', HOME: '/b'}), '/a/.cf/config.json')
    assert.equal(configPath({HOME: '/b'}), '/b/.cf/config.json')
    assert.equal(configPath({CF_HOME: '/a'}, '/c'), '/c/.cf/config.json')
  })

  it('reads a missing file as an empty version-4 config with the cf client', async () => {
    const data = await readConfig(file)
    assert.equal(data.ConfigVersion, 4)
    assert.equal(data.AccessToken, '')
    assert.deepEqual(oauthClient(data), {id: 'cf', secret: ''})
  })

  it('round-trips, keeps unknown keys and their order, writes 2-space JSON with mode 0600 in a 0700 dir', async () => {
    await mkdir(join(home, '.cf'), {mode: 0o755})
    const original = {
      AccessToken: 'bearer abc.def.ghi',
      ConfigVersion: 4,
      PluginRepos: [{Name: 'CF-Community', URL: 'https://plugins.cloudfoundry.org'}],
      Target: 'https://api.example.gov',
      UAAOAuthClient: 'cf',
    }
    await writeFile(file, JSON.stringify(original), {mode: 0o644})
    await updateConfig(file, (data) => {
      data.RefreshToken = 'r-1'
    })
    const text = await readFile(file, 'utf8')
    assert.deepEqual(Object.keys(JSON.parse(text)), ['AccessToken', 'ConfigVersion', 'PluginRepos', 'Target', 'UAAOAuthClient', 'RefreshToken'])
    assert.match(text, /^\{\n {2}"AccessToken": "bearer abc\.def\.ghi",\n/)
    assert.deepEqual(JSON.parse(text).PluginRepos, original.PluginRepos)
    assert.equal((await stat(file)).mode & 0o777, 0o600)
    await writeConfig(join(home, 'fresh', '.cf', 'config.json'), await readConfig(file))
    assert.equal((await stat(join(home, 'fresh', '.cf'))).mode & 0o777, 0o700)
  })

  it('leaves no temp file behind and replaces the file in one rename', async () => {
    await writeConfig(file, {...(await readConfig(file)), Target: 'https://one'})
    await writeConfig(file, {...(await readConfig(file)), Target: 'https://two'})
    assert.deepEqual(await readdir(join(home, '.cf')), ['config.json'])
    assert.equal((await readConfig(file)).Target, 'https://two')
  })

  it('treats a file of another ConfigVersion as empty, like the cf CLI', async () => {
    await mkdir(join(home, '.cf'))
    await writeFile(file, JSON.stringify({ConfigVersion: 3, Target: 'https://old', AccessToken: 'bearer old'}))
    const data = await readConfig(file)
    assert.equal(data.Target, '')
    assert.equal(data.AccessToken, '')
  })

  it('refuses to read a file that is not a JSON object', async () => {
    await mkdir(join(home, '.cf'))
    await writeFile(file, '{not json')
    await assert.rejects(readConfig(file), CfConfigError)
    await writeFile(file, '[1,2]')
    await assert.rejects(readConfig(file), /does not hold a JSON object/)
  })

  it('skips the write when the change says so', async () => {
    await updateConfig(file, () => false)
    await assert.rejects(stat(file), /ENOENT/)
  })

  it('normalises API URLs the way cf api does', () => {
    assert.equal(normalizeApiUrl('api.example.gov/'), 'https://api.example.gov')
    assert.equal(normalizeApiUrl('http://127.0.0.1:9000'), 'http://127.0.0.1:9000')
  })
})
