import assert from 'node:assert/strict'

import type {RouteAllowResult} from '../../../src/ops/route-allow/context.js'
import type {DescribedRoute} from '../../../src/ops/route-allow/describe.js'
import {renderRouteAllow, renderRouteCheck, renderRouteList} from '../../../src/render/route-allow.js'
import {plainRenderOptions, plainTheme, type RenderOptions} from '../../../src/render/theme.js'

const tty: RenderOptions = {tty: true, width: 120, theme: plainTheme}

const added: RouteAllowResult = {
  route: {guid: 'r1', url: 'api.agency.gov/v1', org: 'agency-a', space: 'prod'},
  allow: ['203.0.113.0/24', '198.51.100.7/32'],
  headerSecret: {header: 'x-allowlist-secret', value: '[set]'},
  protected: true,
  proxy: {name: 'cgx-allowlist-proxy', guid: 'p1', url: 'https://cgx-allowlist-0123.app.cloud.gov'},
  changes: ['bound cgx-allowlist to api.agency.gov/v1'],
}

const route = (url: string, status: DescribedRoute['status'], extra: Partial<DescribedRoute> = {}): DescribedRoute => ({
  guid: url,
  url,
  org: 'agency-a',
  space: 'prod',
  protected: status === 'protected',
  status,
  allow: [],
  headerSecret: null,
  routeService: null,
  stale: null,
  ...extra,
})

describe('render/route-allow', () => {
  it('shows the route after a change, the secret only as [set], and what was done on a terminal', () => {
    assert.equal(
      renderRouteAllow(added, tty),
      [
        'route:           api.agency.gov/v1',
        'org / space:     agency-a / prod',
        'protected:       yes',
        'allow:           203.0.113.0/24, 198.51.100.7/32',
        'header secret:   x-allowlist-secret: [set]',
        'route service:   cgx-allowlist-proxy (https://cgx-allowlist-0123.app.cloud.gov)',
        '',
        '✓ bound cgx-allowlist to api.agency.gov/v1',
        '',
      ].join('\n'),
    )
  })

  it('says nothing changed when nothing did, and prints plain fields when piped', () => {
    assert.match(renderRouteAllow({...added, changes: []}, tty), /No changes: everything already was as asked\.\n$/)
    assert.equal(renderRouteAllow({...added, changes: []}, plainRenderOptions).split('\n')[2], 'protected\tyes')
  })

  it('lists routes as a table with their status and route service', () => {
    const routes = [
      route('api.agency.gov/v1', 'protected', {
        allow: ['203.0.113.0/24'],
        routeService: {name: 'cgx-allowlist', guid: 'i', url: 'https://p', managedByCgx: true},
      }),
      route('static.app.cloud.gov', 'foreign', {routeService: {name: 'allowlist', guid: 'j', url: 'https://other', managedByCgx: false}}),
      route('www.agency.gov', 'unprotected'),
      route('old.agency.gov', 'stale', {
        routeService: {name: 'cgx-allowlist', guid: 'i', url: 'https://gone', managedByCgx: true},
        stale: {routeServiceUrl: 'https://gone', proxyUrl: 'https://p', reason: 'cgx-allowlist points at https://gone'},
      }),
    ]
    const text = renderRouteList({org: 'agency-a', space: null, proxy: null, proxies: [], routes}, tty)
    assert.deepEqual(
      text.split('\n').map((line) => line.split(/ {3,}/)),
      [
        ['route', 'space', 'status', 'allow', 'secret', 'route service'],
        ['api.agency.gov/v1', 'prod', 'protected', '203.0.113.0/24', '-', 'cgx-allowlist'],
        ['static.app.cloud.gov', 'prod', 'foreign', '-', '-', 'allowlist (https://other)'],
        ['www.agency.gov', 'prod', 'unprotected', '-', '-', '-'],
        ['old.agency.gov', 'prod', 'stale', '-', '-', "cgx-allowlist → https://gone, not the proxy's https://p"],
        [''],
      ],
    )
    assert.equal(
      renderRouteList({org: 'agency-a', space: null, proxy: null, proxies: [], routes: []}, tty),
      'No protected routes in org agency-a (--all-routes shows the others).\n',
    )
  })

  it('with every org (--all-orgs), adds the org column, piped too, and says when no org has a protected route', () => {
    const routes = [route('api.agency.gov/v1', 'unprotected'), route('intake.app.cloud.gov', 'unprotected', {org: 'agency-c'})]
    const all = {org: null, space: null, proxy: null, proxies: [], routes}
    assert.deepEqual(renderRouteList(all, tty).split('\n')[0].split(/ {3,}/), [
      'org',
      'route',
      'space',
      'status',
      'allow',
      'secret',
      'route service',
    ])
    assert.equal(renderRouteList(all, plainRenderOptions).split('\n')[1], 'agency-c\tintake.app.cloud.gov\tprod\tunprotected\t-\t-\t-')
    assert.equal(
      renderRouteList({...all, routes: []}, tty),
      'No protected routes in any org you can see (--all-routes shows the others).\n',
    )
  })

  it('says why an address gets in, and that it needs the secret header', () => {
    const text = renderRouteCheck(
      {
        route: 'api.agency.gov/v1',
        ip: '203.0.113.9',
        allowed: true,
        reason: '203.0.113.9 is in the allow list of api.agency.gov/v1.',
        allow: ['203.0.113.0/24'],
        headerSecret: 'x-allowlist-secret',
      },
      plainRenderOptions,
    )
    assert.equal(text, 'allowed: 203.0.113.9 is in the allow list of api.agency.gov/v1. It must also send the x-allowlist-secret header.\n')
  })

  it('says plainly that an address is denied, and why', () => {
    const reason = '192.0.2.1 is not in the allow list of api.agency.gov/v1 (203.0.113.0/24).'
    const text = renderRouteCheck(
      {route: 'api.agency.gov/v1', ip: '192.0.2.1', allowed: false, reason, allow: ['203.0.113.0/24'], headerSecret: 'x-allowlist-secret'},
      plainRenderOptions,
    )
    assert.equal(text, `denied: ${reason}\n`)
  })
})
