import assert from 'node:assert/strict'
import {lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile} from 'node:fs/promises'
import {tmpdir, userInfo} from 'node:os'
import {isAbsolute, join} from 'node:path'
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

  it("is never in the current folder: an empty or relative HOME gives way to the account's home folder", () => {
    const account = userInfo().homedir
    assert.ok(isAbsolute(account))
    for (const HOME of ['', 'relative', undefined]) assert.equal(configPath({HOME}), join(account, '.cf', 'config.json'), String(HOME))
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
    assert.deepEqual(Object.keys(JSON.parse(text)), [
      'AccessToken',
      'ConfigVersion',
      'PluginRepos',
      'Target',
      'UAAOAuthClient',
      'RefreshToken',
    ])
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

  it('refuses to read a file that is not a JSON object, naming the file and what it holds', async () => {
    await mkdir(join(home, '.cf'))
    await writeFile(file, '{not json')
    await assert.rejects(readConfig(file), {
      name: 'CfConfigError',
      problem: 'invalid',
      message: new RegExp(`^The cf config ${file} is not valid JSON \\(`),
    })
    await writeFile(file, '[1,2]')
    await assert.rejects(readConfig(file), {problem: 'invalid', message: `The cf config ${file} holds an array, not a JSON object.`})
    await writeFile(file, 'null')
    await assert.rejects(readConfig(file), {problem: 'invalid', message: `The cf config ${file} holds null, not a JSON object.`})
  })

  it('refuses a key cgx reads with a value of the wrong type, and reads null as absent, as the cf CLI does', async () => {
    await mkdir(join(home, '.cf'))
    await writeFile(file, JSON.stringify({ConfigVersion: 4, Target: 'https://api.example.gov', AccessToken: 5}))
    await assert.rejects(readConfig(file), {
      problem: 'invalid',
      message: `The cf config ${file} is not a cf config: AccessToken holds a number, not a string.`,
    })
    await writeFile(file, JSON.stringify({ConfigVersion: 4, SpaceFields: {GUID: ['g'], Name: 'dev'}}))
    await assert.rejects(readConfig(file), {
      problem: 'invalid',
      message: `The cf config ${file} is not a cf config: SpaceFields.GUID holds an array, not a string.`,
    })
    await writeFile(
      file,
      JSON.stringify({ConfigVersion: 4, Target: 'https://api.example.gov', AccessToken: null, OrganizationFields: null, Plugins: null}),
    )
    assert.deepEqual(await readConfig(file), {ConfigVersion: 4, Target: 'https://api.example.gov', Plugins: null})
  })

  it('says which part of the path is a file when CF_HOME or its .cf is not a directory', async () => {
    await writeFile(join(home, '.cf'), '')
    await assert.rejects(readConfig(file), {
      problem: 'not-a-directory',
      message: `Cannot read the cf config ${file}: ${join(home, '.cf')} is a file, not a directory.`,
    })
    const homeFile = join(home, 'cf-home')
    await writeFile(homeFile, '')
    const inFile = join(homeFile, '.cf', 'config.json')
    await assert.rejects(readConfig(inFile), {
      problem: 'not-a-directory',
      message: `Cannot read the cf config ${inFile}: ${homeFile} is a file, not a directory.`,
    })
  })

  it('refuses a config.json that is a directory, in words rather than an errno', async () => {
    await mkdir(file, {recursive: true})
    await assert.rejects(readConfig(file), {problem: 'unreadable', message: `Cannot read the cf config ${file}: it is a directory.`})
  })

  it('writes through a symbolic link: the target gets the new content (0600, atomically), the link stays a link', async () => {
    const dotfiles = join(home, 'dotfiles')
    const target = join(dotfiles, 'cf-config.json')
    await mkdir(dotfiles)
    await writeFile(target, JSON.stringify({ConfigVersion: 4, AccessToken: 'bearer old', PluginRepos: []}), {mode: 0o644})
    await mkdir(join(home, '.cf'))
    await symlink(target, file)
    await updateConfig(file, (data) => {
      data.AccessToken = 'bearer new'
    })
    assert.ok((await lstat(file)).isSymbolicLink(), 'config.json is still a link')
    assert.equal(await readlink(file), target)
    assert.deepEqual(JSON.parse(await readFile(target, 'utf8')), {ConfigVersion: 4, AccessToken: 'bearer new', PluginRepos: []})
    assert.equal((await stat(target)).mode & 0o777, 0o600)
    assert.deepEqual(await readdir(dotfiles), ['cf-config.json'], 'no temp file left next to the target')
    assert.deepEqual(await readdir(join(home, '.cf')), ['config.json'], 'no temp file left next to the link')
  })

  it('refuses a link to nothing rather than replacing the link with a new file', async () => {
    await mkdir(join(home, '.cf'))
    const missing = join(home, 'unmounted', 'config.json')
    await symlink(missing, file)
    const dangling = {problem: 'dangling-link', message: `The cf config ${file} is a symbolic link to ${missing}, which does not exist.`}
    await assert.rejects(readConfig(file), dangling)
    await assert.rejects(
      updateConfig(file, () => {}),
      dangling,
    )
    assert.equal(await readlink(file), missing)
  })

  it('reports a write that fails as the config being unwritable, with the reason in words', async () => {
    await writeFile(join(home, 'file'), '')
    const inFile = join(home, 'file', '.cf', 'config.json')
    await assert.rejects(writeConfig(inFile, {ConfigVersion: 4}), (error) => {
      assert.ok(error instanceof CfConfigError)
      assert.deepEqual(
        {problem: error.problem, message: error.message},
        {problem: 'unwritable', message: `Cannot write the cf config ${inFile}: a part of its path is a file, not a directory.`},
      )
      return true
    })
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
