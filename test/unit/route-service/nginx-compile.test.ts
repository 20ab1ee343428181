// The nginx engine's compiler, checked against the Node engine's own parsers: the regexes nginx evaluates are run
// here (PCRE and JavaScript agree on everything they use) over the same inputs, and must give the same answers.

import assert from 'node:assert/strict'

import {matchRoute, parseForwardedUrl, parsePolicy, type Policy} from '../../../src/domain/allowlist/index.js'
import {indexRoutes} from '../../../src/domain/allowlist/route-match.js'
import {parseIp} from '../../../src/domain/net/ip.js'
import {atLeast, compileNginxPolicy, fillTemplate, NGINX_CONF_TEMPLATE} from '../../../src/route-service/index.js'
import {FORWARDED_URL, literal, STRICT_IP} from '../../../src/route-service/nginx/patterns.js'

function policy(document: unknown): Policy {
  const parsed = parsePolicy(document)
  assert.ok(parsed.policy, JSON.stringify(parsed.diagnostics))
  return parsed.policy
}

/** The entries of one map block of the compiled text, as [key, value] in order. */
function mapEntries(compiled: string, target: string): Array<[string, string]> {
  const block = new RegExp(`^map "[^"]*" \\${target} \\{\\n([\\s\\S]*?)\\n\\}`, 'm').exec(compiled)
  assert.ok(block, `no map for ${target}`)
  return block[1].split('\n').map((line) => {
    const match = /^ {2}(".*"|\S+) (.*);$/.exec(line)
    assert.ok(match, line)
    return [match[1].replace(/^"(.*)"$/, '$1'), match[2]]
  })
}

/** A map's regex key in JavaScript: PCRE's (?'name'...) is JavaScript's (?<name>...). */
function regexOf(key: string): RegExp {
  const [flags, pattern] = key.startsWith('~*') ? ['i', key.slice(2)] : ['', key.slice(1)]
  return new RegExp(pattern.replaceAll('\\t', '\t').replace(/\(\?'(\w+)'/g, '(?<$1>'), flags)
}

/**
 * A map as nginx reads it: an exact key (case-insensitive) first, then the first matching regex in order, else default.
 * `runs` counts the regexes tried.
 */
function lookup(entries: Array<[string, string]>, input: string, runs = {count: 0}): {value: string; match?: RegExpExecArray} {
  const exact = entries.find(([key]) => key !== 'default' && !key.startsWith('~') && key.toLowerCase() === input.toLowerCase())
  if (exact !== undefined) return {value: exact[1]}
  for (const [key, value] of entries) {
    if (key === 'default' || !key.startsWith('~')) continue
    runs.count++
    const match = regexOf(key).exec(input)
    if (match !== null) return {value, match}
  }
  return {value: entries.find(([key]) => key === 'default')?.[1] ?? ''}
}

function evaluate(entries: Array<[string, string]>, input: string): string {
  return lookup(entries, input).value
}

/**
 * nginx's lazy evaluation of the compiled maps for one request. `given` holds the request's own variables and the geo
 * answers (by name, without "$"); `read` lists every variable read, in order, and `regexRuns` counts the regexes
 * tried. A regex's named captures become variables once it matched, as in nginx.
 */
function request(compiled: string, given: Record<string, string>) {
  const known: Record<string, string> = {...given}
  const read: string[] = []
  const regexRuns = {count: 0}
  const expand = (text: string, match?: RegExpExecArray): string =>
    text === '""'
      ? ''
      : text.replace(/\$\{?(\w+)\}?/g, (_, name: string) => (/^\d$/.test(name) ? (match?.[Number(name)] ?? '') : value(name)))
  const value = (name: string): string => {
    read.push(name)
    if (name in known) return known[name]
    const source = new RegExp(`^map "([^"]*)" \\$${name} \\{`, 'm').exec(compiled)
    assert.ok(source, `no map for $${name}`)
    const found = lookup(mapEntries(compiled, `$${name}`), expand(source[1]), regexRuns)
    // An unset group is an empty variable in nginx.
    for (const [group, text] of Object.entries(found.match?.groups ?? {})) known[group] = text ?? ''
    return (known[name] = expand(found.value, found.match))
  }
  return {value, read, regexRuns}
}

describe('route-service: nginx policy compiler', () => {
  it('reads addresses as strictly as parseIp', () => {
    const strict = new RegExp(STRICT_IP)
    for (const text of [
      '203.0.113.9',
      '0.0.0.0',
      '255.255.255.255',
      '2001:db8::1',
      '2001:DB8:0:0::1',
      '::',
      '::1',
      '::ffff:203.0.113.5',
      '::ffff:cb00:7105',
      '1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6:1.2.3.4',
      '1::8',
      '1:2:3:4:5:6:7::',
      '::2:3:4:5:6:7:8',
      '2001:0db8:0000:0000:0000:0000:0000:0001',
      '127.1',
      '0177.0.0.1',
      '0x7f.0.0.1',
      '010.1.1.1',
      '203.0.113.9.',
      '203.0.113.9:80',
      '[2001:db8::1]',
      'fe80::1%eth0',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      ':1:2',
      '1.2.3.4::',
      '::1.2.3',
      '256.1.1.1',
      '',
      ' 1.2.3.4',
      'unknown',
      '1:2:3:4:5:6:7',
      '12345::1',
      '::ffff:1.2.3.04',
    ]) {
      assert.equal(strict.test(text), parseIp(text) !== undefined, text)
    }
  })

  it('accepts exactly the forwarded URLs parseForwardedUrl accepts', () => {
    const grammar = new RegExp(FORWARDED_URL, 'i')
    for (const url of [
      'http://a.example',
      'https://A.Example/x?y=1',
      'http://a.example:8080/a%2Fb',
      'http://a.example:65535/',
      'http://a.example:65536/',
      'http://a.example:0/',
      'http://a.example:080/',
      'http://user@a.example/',
      'http://a.example\\@b/',
      'http://[::1]/',
      'ftp://a.example/',
      'http://a.example/%zz',
      'http://a.example/a b',
      'http://a.example/#frag',
      'http://a.example/?q#f',
      'http://a.example?q',
      'http://a.example/caf\u00e9',
      'http://-a.example/',
      'http://a.example./',
      'http://a.example/x;p=1',
      "http://a.example/!$&'()*+,;=:@[]",
    ]) {
      assert.equal(grammar.test(url), parseForwardedUrl(url) !== undefined, url)
    }
  })

  it('chooses the route gorouter would choose, in lookup order', () => {
    const rules = [
      'a.example',
      'a.example/api',
      'a.example/api/v2',
      'a.example:8443/api',
      'a.example:443/admin',
      '*.example',
      '*.b.example',
      '*.b.example/x',
      'b.example:8080',
    ]
    const compiled = policy({hops: 'local', routes: rules.map((route) => ({route, allow: ['203.0.113.0/24']}))})
    const names = new Map(
      mapEntries(compileNginxPolicy(compiled), '$cgx_route_name').map(([id, name]) => [id, name.replace(/^"(.*)"$/, '$1')]),
    )
    const routes = mapEntries(compileNginxPolicy(compiled), '$cgx_route')
    const index = indexRoutes(compiled.routes)
    for (const url of [
      'https://a.example/',
      'https://A.EXAMPLE/API',
      'https://a.example/api/',
      'https://a.example/apix',
      'https://a.example/api/v2/x?q=1',
      'https://a.example:8443/api/x',
      'https://a.example:8443/other',
      'https://a.example/admin/x',
      'http://a.example:443/admin',
      'http://a.example/admin',
      'https://c.example/',
      'https://x.b.example/x/y',
      'https://x.y.b.example/',
      'https://b.example/',
      'http://b.example:8080/',
      'https://b.example:8080/',
      'https://a.example/Api/V2',
      'https://example/',
      'http://a.example:80/api',
    ]) {
      const target = parseForwardedUrl(url)!
      const expected = matchRoute(index, target)
      const id = evaluate(routes, url)
      const chosen = id === '""' ? undefined : names.get(id)
      assert.equal(
        chosen,
        expected === undefined
          ? undefined
          : `${expected.host}${expected.port === undefined ? '' : `:${expected.port}`}${expected.pathPrefix}`,
        url,
      )
    }
  })

  it('chooses a route only for a URL within parseForwardedUrl grammar, which is then read only when no route matched', () => {
    const rules = ['a.example', 'a.example/api', 'a.example:8443', '*.b.example']
    const compiled = compileNginxPolicy(policy({hops: 'local', routes: rules.map((route) => ({route, allow: ['203.0.113.0/24']}))}))
    const routes = mapEntries(compiled, '$cgx_route')
    for (const url of [
      'https://a.example/%zz',
      'https://a.example/a b',
      'https://a.example/api/#f',
      'https://a.example:08443/',
      'https://x_y.b.example/',
      'https://-x.b.example/',
      'https://a.example/?q#f',
      'https://a.example/caf\u00e9',
    ]) {
      assert.equal(parseForwardedUrl(url), undefined, url)
      assert.equal(evaluate(routes, url), '""', url)
    }
    assert.equal(evaluate(routes, 'https://x.y.b.example/p?q=1'), 'r3')
    assert.deepEqual(mapEntries(compiled, '$cgx_unknown'), [
      [`~*${FORWARDED_URL}`, 'route-not-in-policy'],
      ['default', 'forwarded-url-malformed'],
    ])
  })

  it("answers the first failing fact's reason in decide()'s order, reading no fact after it", () => {
    const compiled = compileNginxPolicy(
      policy({
        hops: 'local',
        routes: [
          {route: 'a.example', allow: ['203.0.113.0/24']},
          {route: 'a.example/s', allow: ['203.0.113.0/24'], headerSecret: {header: 'X-Edge', value: 'edge-secret-value-1234'}},
        ],
      }),
    )
    const allowed = {
      request: 'GET /x HTTP/1.1',
      request_method: 'GET',
      request_uri: '/x',
      http_x_cf_forwarded_url: 'https://a.example/x',
      http_x_cf_proxy_signature: 'signature',
      http_x_cf_proxy_metadata: 'metadata',
      http_x_forwarded_for: '203.0.113.9',
      http_x_edge: 'edge-secret-value-1234',
      cgx_hop_0: '1',
      cgx_allowed_r0: '',
      cgx_allow_r1: '1',
    }
    const cases: Array<[Partial<typeof allowed>, string, string?]> = [
      [{}, ''],
      [{http_x_cf_forwarded_url: 'https://a.example/s/1'}, ''],
      [{http_x_cf_forwarded_url: '', request: 'GET /_health HTTP/1.1', request_uri: '/_health'}, '0'],
      [{http_x_cf_forwarded_url: '', request: 'GET http://x/_health HTTP/1.1', request_uri: '/_health'}, '0'],
      [{request: 'GET http://x/ HTTP/1.1', http_x_cf_proxy_signature: ''}, 'bad-request-target', 'http_x_cf_proxy_signature'],
      [{http_x_cf_forwarded_url: '', http_x_cf_proxy_signature: ''}, 'forwarded-url-missing', 'http_x_cf_proxy_signature'],
      [{http_x_cf_proxy_signature: '', http_x_forwarded_for: ''}, 'signature-missing', 'http_x_forwarded_for'],
      [{http_x_cf_proxy_metadata: '', http_x_cf_forwarded_url: 'https://a.example/a b'}, 'signature-missing', 'cgx_unknown'],
      [{http_x_cf_proxy_signature: '', http_x_cf_proxy_metadata: ''}, 'signature-missing'],
      [{http_x_cf_proxy_signature: '\tx', http_x_cf_proxy_metadata: 'a b'}, ''],
      [{http_x_cf_forwarded_url: 'https://a.example/a b'}, 'forwarded-url-malformed'],
      [{http_x_cf_forwarded_url: 'https://b.example/'}, 'route-not-in-policy'],
      [{http_x_forwarded_for: '', cgx_hop_0: '0'}, 'chain-short', 'cgx_allowed'],
      [{cgx_hop_0: '0', http_x_forwarded_for: '010.1.1.1'}, 'hop-mismatch', 'cgx_allowed'],
      [{http_x_forwarded_for: '010.1.1.1', cgx_allowed_r0: 'address-not-allowed'}, 'client-invalid', 'cgx_allowed_r0'],
      [{http_x_forwarded_for: '203.0.113.9, x'}, 'client-invalid'],
      [{http_x_forwarded_for: '10.0.0.1, \t2001:db8::1 '}, ''],
      [{cgx_allowed_r0: 'address-not-allowed'}, 'address-not-allowed'],
      [{http_x_cf_forwarded_url: 'https://a.example/s', cgx_allow_r1: '0', http_x_edge: ''}, 'address-not-allowed', 'http_x_edge'],
      [{http_x_cf_forwarded_url: 'https://a.example/s', http_x_edge: 'Edge-secret-value-1234'}, 'secret-mismatch'],
    ]
    for (const [change, reason, unread] of cases) {
      const verdict = request(compiled, {...allowed, ...change})
      assert.equal(verdict.value('cgx_reason'), reason, JSON.stringify(change))
      if (unread !== undefined) assert.ok(!verdict.read.includes(unread), `${reason} read ${unread}`)
    }
    const fullyRead = request(compiled, allowed)
    fullyRead.value('cgx_reason')
    assert.equal(fullyRead.read.filter((name) => name === 'http_x_cf_forwarded_url').length, 1, 'an allowed request reads the URL once')
  })

  it('allows with four map reads, two geo answers and four regex runs, each costing about the same (bench/proxy/notes.md)', () => {
    const routes = ['a.example', 'b.example'].map((route) => ({route, allow: ['203.0.113.0/24']}))
    const allowed = request(compileNginxPolicy(policy({hops: 'local', routes})), {
      request: 'GET /x HTTP/1.1',
      http_x_cf_forwarded_url: 'http://a.example/x',
      http_x_cf_proxy_signature: 'signature',
      http_x_cf_proxy_metadata: 'metadata',
      http_x_forwarded_for: '203.0.113.9',
      cgx_hop_0: '1',
      cgx_allowed: '',
    })
    assert.equal(allowed.value('cgx_reason'), '')
    assert.deepEqual(allowed.read, [
      'cgx_reason',
      'cgx_route',
      'http_x_cf_forwarded_url',
      'request',
      'cgx_routed',
      'http_x_cf_proxy_signature',
      'http_x_cf_proxy_metadata',
      'cgx_routed_1',
      'cgx_hop_0',
      'http_x_forwarded_for',
      'cgx_allowed',
    ])
    assert.equal(allowed.regexRuns.count, 4, 'the route, the target, the signature and X-Forwarded-For: one regex each')
  })

  it('takes the client by position from the right, spaces and empty entries counted', () => {
    const compiled = compileNginxPolicy(policy({hops: ['127.0.0.1/32', '10.0.0.0/8', '10.0.0.0/8'], routes: []}))
    const cases: Array<[string, string, string, string]> = [
      ['9.9.9.9, 203.0.113.9 ,10.0.0.2,\t10.0.0.1', '203.0.113.9', '10.0.0.2', '10.0.0.1'],
      ['203.0.113.9, , 10.0.0.1', '203.0.113.9', '', '10.0.0.1'],
      ['10.0.0.2, 10.0.0.1', '', '10.0.0.2', '10.0.0.1'],
    ]
    for (const [xff, third, second, first] of cases) {
      assert.equal(evaluate(mapEntries(compiled, '$cgx_xff_3'), xff), third === '' ? '""' : '$1', xff)
      const positions = [first, second, third]
      positions.forEach((entry, index) => {
        const [key] = mapEntries(compiled, `$cgx_xff_${index + 1}`)[0]
        const match = new RegExp(key.slice(1).replaceAll('\\t', '\t')).exec(xff)
        assert.equal(match?.[1] ?? '', entry, `${xff} position ${index + 1}`)
      })
    }
    // Past a long enough chain, with every hop where expected, the client: the reason, and the address the geo reads.
    const verdictFor = (hops: string[], xff: string) => {
      const routes = [{route: 'a.example', allow: ['203.0.113.0/24']}]
      const geos = Object.fromEntries(hops.map((_, position) => [`cgx_hop_${position}`, '1']))
      const given = {request: 'GET / HTTP/1.1', http_x_cf_forwarded_url: 'https://a.example/', http_x_cf_proxy_signature: 's'}
      const evaluated = request(compileNginxPolicy(policy({hops, routes})), {
        ...given,
        ...geos,
        http_x_cf_proxy_metadata: 'm',
        http_x_forwarded_for: xff,
        cgx_allowed: '',
      })
      const reason = evaluated.value('cgx_reason')
      return reason === '' ? evaluated.value('cgx_client') : reason
    }
    const three = ['127.0.0.1/32', '10.0.0.0/8', '10.0.0.0/8']
    assert.deepEqual(
      [...cases.map(([xff]) => xff), ', 10.0.0.2, 10.0.0.1', ''].map((xff) => verdictFor(three, xff)),
      ['203.0.113.9', 'hop-mismatch', 'chain-short', 'client-invalid', 'chain-short'],
    )
    assert.deepEqual(
      ['', 'x', ' , ', ' 203.0.113.9\t'].map((xff) => verdictFor(['127.0.0.1/32'], xff)),
      ['chain-short', 'client-invalid', 'client-invalid', '203.0.113.9'],
    )
  })

  it('writes one client check for routes that check the same, and needs no map from the route when there is one', () => {
    const allow = ['203.0.113.0/24', '198.51.100.0/24']
    const compiledFor = (routes: Array<{route: string; allow: string[]}>) => compileNginxPolicy(policy({hops: 'local', routes}))
    const shared = compiledFor([
      {route: 'a.example', allow},
      {route: 'b.example', allow: [...allow].reverse()},
    ])
    assert.equal(shared.match(/^geo \$cgx_client /gm)?.length, 1)
    assert.match(shared, /^geo \$cgx_client \$cgx_allowed \{$/m)
    assert.doesNotMatch(shared, /^map "\$cgx_route" \$cgx_allowed /m)
    const apart = compiledFor([
      {route: 'a.example', allow},
      {route: 'b.example', allow: ['203.0.113.0/24']},
      {route: 'c.example', allow},
    ])
    assert.deepEqual(mapEntries(apart, '$cgx_allowed'), [
      ['r0', '$cgx_allowed_r0'],
      ['r1', '$cgx_allowed_r1'],
      ['r2', '$cgx_allowed_r0'],
      ['default', 'route-not-in-policy'],
    ])
    assert.equal(apart.match(/^geo \$cgx_client /gm)?.length, 2)
  })

  it('compares a header secret exactly and case-sensitively, and never needs quoting', () => {
    const value = 'Se"cret$1{x}\\;<script>'
    const compiled = compileNginxPolicy(
      policy({hops: 'local', routes: [{route: 'a.example', allow: ['203.0.113.0/24'], headerSecret: {header: 'X-Edge', value}}]}),
    )
    const entries = mapEntries(compiled, '$cgx_secret_r0')
    assert.equal(evaluate(entries, value), '""')
    for (const wrong of [value.toLowerCase(), `${value} `, value.slice(1), `x${value}`]) {
      assert.equal(evaluate(entries, wrong), 'secret-mismatch', wrong)
    }
    assert.equal(entries[0][0], `~^${literal(value)}$`)
    assert.match(compiled, /^proxy_set_header x-edge "";$/m)
  })

  it('writes nothing the buildpack templating would read as an action or a tag', () => {
    const compiled = compileNginxPolicy(
      policy({hops: 'cloud.gov', routes: [{route: '*.a.example/x', allow: ['203.0.113.0/24', '2001:db8::/32', '::ffff:10.0.0.0/104']}]}),
    )
    assert.doesNotMatch(compiled, /\{\{|\}\}|</)
    assert.match(compiled, /^ {2}10\.0\.0\.0\/8 1;$/m, 'an IPv4-mapped block is written as the IPv4 block it stands for')
  })

  it('refuses, with its own code, a header nginx cannot read', () => {
    const withSecret = policy({
      hops: 'local',
      routes: [{route: 'a.example', allow: ['203.0.113.0/24'], headerSecret: {header: 'X_Edge', value: 'a-long-enough-secret'}}],
    })
    assert.throws(
      () => compileNginxPolicy(withSecret),
      (error: Error & {code?: string}) => error.code === 'NGINX_POLICY_UNSUPPORTED' && /X_Edge|x_edge/.test(error.message),
    )
    assert.throws(
      () => compileNginxPolicy(policy({hops: 'local', routes: []}), {instanceHeader: 'XX.Instance'}),
      /nginx cannot read the header/,
    )
  })

  it("takes the Node engine's upstream timeouts, and refuses what its one read timer cannot do", () => {
    const empty = policy({hops: 'local', routes: []})
    const directives = (compiled: string) => compiled.match(/^proxy_(connect|read)_timeout .*;$/gm)
    assert.deepEqual(directives(compileNginxPolicy(empty)), ['proxy_connect_timeout 10s;', 'proxy_read_timeout 3600s;'])
    assert.deepEqual(directives(compileNginxPolicy(empty, {upstreamTimeouts: {connectMs: 2500, headersMs: 100, bodyIdleMs: 100}})), [
      'proxy_connect_timeout 2500ms;',
      'proxy_read_timeout 100ms;',
    ])
    for (const upstreamTimeouts of [{headersMs: 100}, {bodyIdleMs: 5000}, {headersMs: 100, bodyIdleMs: 200}, {keepAliveMs: 1000}]) {
      assert.throws(
        () => compileNginxPolicy(empty, {upstreamTimeouts}),
        (error: Error & {code?: string}) => error.code === 'NGINX_POLICY_UNSUPPORTED' && /nginx/.test(error.message),
        JSON.stringify(upstreamTimeouts),
      )
    }
  })

  it('fills the buildpack placeholders the way varify does', () => {
    const conf = fillTemplate(NGINX_CONF_TEMPLATE, {
      port: 8080,
      nameservers: ['169.254.0.2', '10.0.0.2'],
      env: {CGX_NGINX_POLICY: '# the policy', CGX_NGINX_CA_FILE: '/ca.pem'},
    })
    assert.match(conf, /^ {4}listen 8080;$/m)
    assert.match(conf, /^ {2}resolver 169\.254\.0\.2 10\.0\.0\.2 valid=30s;$/m)
    assert.match(conf, /^# the policy$/m)
    assert.match(conf, /proxy_ssl_trusted_certificate \/ca\.pem;/)
    assert.doesNotMatch(conf, /\{\{/)
    assert.match(NGINX_CONF_TEMPLATE, /\{\{env "CGX_NGINX_POLICY"\}\}/)
  })

  it('writes the deny line where nginx denies and the gateway line where it answers a gateway error: a proxied request reads neither', () => {
    const location = (name: string) => new RegExp(`location ${name} \\{\\n([^}]*)\\}`).exec(NGINX_CONF_TEMPLATE)?.[1] ?? ''
    const everywhere = NGINX_CONF_TEMPLATE.slice(0, NGINX_CONF_TEMPLATE.indexOf('  server {'))
    assert.deepEqual(everywhere.match(/^ *access_log .*$/gm), ['  access_log /dev/stdout cgx_deny if=$cgx_reason;'])
    const proxied = NGINX_CONF_TEMPLATE.slice(NGINX_CONF_TEMPLATE.indexOf('    location / {'))
    assert.match(proxied, /^ {6}access_log off;$/m)
    assert.match(proxied, /if \(\$cgx_reason\) \{\n {8}access_log \/dev\/stdout cgx_deny;\n/)
    for (const name of ['@bad_gateway', '@gateway_timeout'])
      assert.match(location(name), /^ *access_log \/dev\/stdout cgx_gateway if=\$cgx_gateway_reason;$/m, name)
  })

  it('gives exact routes a keep-alive pool; names only where nginx re-resolves them, wildcards never', () => {
    const routes = ['10.0.0.5:8080', 'a.example', '*.b.example'].map((route) => ({route, allow: ['203.0.113.0/24']}))
    const local = compileNginxPolicy(policy({hops: 'local', routes}))
    assert.deepEqual(local.match(/^ {2}server .*;$/gm), ['  server 10.0.0.5:8080;', '  server 10.0.0.5:8080;'])
    const buildpack = compileNginxPolicy(policy({hops: 'local', routes}), {upstreamResolve: true})
    assert.deepEqual(buildpack.match(/^ {2}server .*;$/gm), [
      '  server 10.0.0.5:8080;',
      '  server 10.0.0.5:8080;',
      '  server a.example:80 resolve;',
      '  server a.example:443 resolve;',
    ])
    // The upstream URL, Host and TLS name from the route regex's captures: path and query as written, "/" for none.
    const sent = (url: string) => {
      const proxied = request(buildpack, {http_x_cf_forwarded_url: url})
      assert.notEqual(proxied.value('cgx_route'), '', url)
      return ['cgx_upstream', 'cgx_host', 'cgx_upstream_host'].map((name) => proxied.value(name))
    }
    assert.deepEqual(sent('https://A.example/x?y=1'), ['https://cgx_pool_3/x?y=1', 'A.example', 'A.example'])
    assert.deepEqual(sent('https://a.example:443?y=1'), ['https://cgx_pool_3/?y=1', 'a.example', 'a.example'])
    assert.deepEqual(sent('HTTP://a.example:80'), ['http://cgx_pool_2/', 'a.example', 'a.example'])
    assert.deepEqual(sent('http://10.0.0.5:8080//a/%2F'), ['http://cgx_pool_0//a/%2F', '10.0.0.5:8080', '10.0.0.5'])
    assert.deepEqual(sent('https://X.b.example:443/'), ['https://X.b.example:443/', 'X.b.example', 'X.b.example'])
    assert.deepEqual(sent('http://x.b.example?q'), ['http://x.b.example/?q', 'x.b.example', 'x.b.example'])
    assert.equal(request(local, {http_x_cf_forwarded_url: 'https://a.example/'}).value('cgx_upstream'), 'https://a.example/')
  })

  it('compares nginx versions part by part', () => {
    assert.deepEqual(
      [
        atLeast('1.22.1', [1, 23]),
        atLeast('1.23.0', [1, 23]),
        atLeast('1.27.3', [1, 27, 3]),
        atLeast('1.30.0', [1, 27, 3]),
        atLeast('1.9.15', [1, 27, 3]),
      ],
      [false, true, true, true, false],
    )
  })
})
