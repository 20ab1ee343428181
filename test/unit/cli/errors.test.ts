import assert from 'node:assert/strict'

import {Args, Flags, Parser} from '@oclif/core'

import {CfApiError, CfApiUrlError, CfAuthError, CfConfigError, CfNetworkError, CfTraceFileError} from '../../../src/cf/index.js'
import {toCliError} from '../../../src/cli/errors.js'
import {NotFoundError, OpError} from '../../../src/ops/errors.js'

const apiError = (status: number, title: string, detail: string) =>
  new CfApiError({
    status,
    errors: [{code: 10008, title, detail}],
    method: 'POST',
    url: 'https://api.example.gov/v3/isolation_segments?x=1',
    requestId: 'req-1',
  })

describe('toCliError: the one place errors become user language', () => {
  it('keeps intent errors as they are, with their exit code', () => {
    const error = toCliError(new OpError('REACHABLE', 'A space can reach 10.0.0.0/8.', {exitCode: 3, suggestions: ['x']}))
    assert.deepEqual(error, {code: 'REACHABLE', message: 'A space can reach 10.0.0.0/8.', suggestions: ['x'], exitCode: 3})
  })

  it('gives a broken environment a code of its own and a line saying what to do, never "a bug in cgx"', () => {
    const file = '/home/u/.cf/config.json'
    const codes = {
      unreadable: 'CONFIG_INVALID',
      invalid: 'CONFIG_INVALID',
      'dangling-link': 'CONFIG_INVALID',
      'not-a-directory': 'CF_HOME_INVALID',
      unwritable: 'CONFIG_UNWRITABLE',
    } as const
    for (const [problem, code] of Object.entries(codes)) {
      const error = toCliError(new CfConfigError(problem as keyof typeof codes, file, 'the message'))
      assert.deepEqual(
        {code: error.code, message: error.message, exitCode: error.exitCode},
        {code, message: 'the message', exitCode: 1},
        problem,
      )
      assert.equal(error.suggestions.length, 1, problem)
    }
    assert.deepEqual(toCliError(new CfConfigError('invalid', file, 'x')).suggestions, [
      `Fix ${file}, or remove it and run \`cgx login -a API_URL\` to write a new one.`,
    ])
    const url = toCliError(new CfApiUrlError('https://api example.gov', 'CF_API'))
    assert.deepEqual(url, {
      code: 'API_URL_INVALID',
      message: 'CF_API is not a URL: "https://api example.gov".',
      suggestions: ['Give the API endpoint as a URL, like https://api.fr.cloud.gov (`cgx login -a URL` saves it).'],
      exitCode: 1,
    })
    const trace = toCliError(new CfTraceFileError('/tmp', 'it is a directory'))
    assert.deepEqual(
      {code: trace.code, message: trace.message},
      {code: 'FILE_UNWRITABLE', message: 'Cannot write the CF_TRACE file /tmp: it is a directory.'},
    )
  })

  it('offers close names for unknown objects', () => {
    const error = toCliError(new NotFoundError('org', 'agency-aa', ['agency-a']))
    assert.equal(error.code, 'ORG_NOT_FOUND')
    assert.deepEqual(error.suggestions, ["Did you mean 'agency-a'?"])
    const three = toCliError(new NotFoundError('org', 'agency', ['agency-a', 'agency-b', 'agency-c']))
    assert.deepEqual(three.suggestions, ["Did you mean 'agency-a', 'agency-b' or 'agency-c'?"])
  })

  it('names the path and the missing role on 403, with the request id', () => {
    const error = toCliError(apiError(403, 'CF-NotAuthorized', 'You are not authorized to perform the requested action'))
    assert.equal(error.code, 'CF_NOT_AUTHORIZED')
    assert.match(error.message, /POST \/v3\/isolation_segments: you are not authorized/)
    assert.equal(error.requestId, 'req-1')
    assert.equal(error.exitCode, 1)
  })

  it("tells the platform's reason on 422 and says to log in on 401", () => {
    assert.match(
      toCliError(apiError(422, 'CF-UnprocessableEntity', 'Route service url must be https')).message,
      /refused: Route service url must be https/,
    )
    assert.match(toCliError(apiError(401, 'CF-InvalidAuthToken', 'Invalid Auth Token')).suggestions[0], /cgx login/)
  })

  it('describes network failures with the host, the URL and the kind in words; TLS failures with the safe way out', () => {
    const refused = toCliError(new CfNetworkError('refused', 'GET', 'https://api.example.gov/v3/apps', 'ECONNREFUSED'))
    assert.deepEqual(
      [refused.code, refused.message],
      ['NETWORK_UNREACHABLE', 'Cannot reach the API at api.example.gov: connection refused (GET https://api.example.gov/v3/apps).'],
    )
    const tls = toCliError(new CfNetworkError('tls', 'GET', 'https://api.example.gov/', 'SELF_SIGNED_CERT_IN_CHAIN'))
    assert.deepEqual([tls.code, tls.exitCode], ['NETWORK_TLS', 1])
    assert.match(tls.message, /: certificate not trusted \(GET/)
    assert.match(tls.suggestions.join('\n'), /--skip-ssl-validation only against a test foundation/)
    const expired = toCliError(new CfNetworkError('tls', 'GET', 'https://api.example.gov/', 'CERT_HAS_EXPIRED'))
    assert.match(expired.message, /: certificate expired \(GET/)
  })

  it("says a route's certificate must be trusted, without offering --skip-ssl-validation (calibrate does not use it)", () => {
    const tls = toCliError(
      new CfNetworkError('tls', 'GET', 'https://www.agency.gov/_cgx/calibrate', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'route'),
    )
    assert.match(tls.message, /^Cannot reach the route at www\.agency\.gov: certificate not trusted/)
    assert.doesNotMatch(tls.suggestions.join('\n'), /skip-ssl-validation/)
  })

  it('passes auth errors through with their code, and what to do as the suggestion', () => {
    const error = toCliError(new CfAuthError('REFRESH_FAILED', 'The saved login has expired.', 'Log in again.'))
    assert.deepEqual([error.code, error.message, error.suggestions], ['REFRESH_FAILED', 'The saved login has expired.', ['Log in again.']])
  })

  it('marks anything else as internal', () => {
    const error = toCliError(new TypeError('x is undefined'))
    assert.equal(error.code, 'INTERNAL')
    assert.equal(error.exitCode, 1)
  })
})

describe('toCliError: oclif parse failures in cgx words', () => {
  const parseFailure = async (argv: string[], options: Parameters<typeof Parser.parse>[1]) => {
    try {
      await Parser.parse(argv, options)
    } catch (error) {
      return toCliError(error, 'segment:assign')
    }
    assert.fail('the parse should have failed')
  }

  it('says which flag is missing, with its dashes, on one line', async () => {
    const error = await parseFailure([], {flags: {space: Flags.string({required: true})}})
    assert.deepEqual([error.code, error.message, error.exitCode], ['USAGE', 'Missing required flag --space.', 1])
    assert.deepEqual(error.suggestions, ['See `cgx segment assign --help`.'])
  })

  it('names a missing argument in capitals with its description', async () => {
    const error = await parseFailure([], {args: {segment: Args.string({required: true, description: 'Isolation segment name.'})}})
    assert.equal(error.message, 'Missing the argument SEGMENT (Isolation segment name).')
  })

  it('treats a flag value that fails its own parse (a file that does not exist) as bad usage, not a bug', async () => {
    const error = await parseFailure(['--seed', '/nonexistent/seed.yml'], {flags: {seed: Flags.file({exists: true})}})
    assert.deepEqual([error.code, error.message], ['USAGE', '--seed: No file found at /nonexistent/seed.yml.'])
    const range = await parseFailure(['--port', '99999'], {flags: {port: Flags.integer({max: 65_535})}})
    assert.equal(range.message, '--port: Expected an integer less than or equal to 65535 but received: 99999.')
  })

  it('names both flags of a conflict, a boolean one without "=true"', async () => {
    const flags = {json: Flags.boolean(), format: Flags.string({exclusive: ['json']})}
    const error = await parseFailure(['--format', 'csv', '--json'], {flags})
    assert.deepEqual([error.code, error.message], ['USAGE', '--json cannot also be provided when using --format.'])
  })
})
