import assert from 'node:assert/strict'

import type {CalibrateResult} from '../../../src/ops/route-service/calibrate.js'
import type {DeployResult} from '../../../src/ops/route-service/deploy.js'
import {renderCalibrate, renderDeploy} from '../../../src/render/route-service.js'
import {plainRenderOptions, plainTheme, type RenderOptions} from '../../../src/render/theme.js'

const tty: RenderOptions = {tty: true, width: 120, theme: plainTheme}

const deployed: DeployResult = {
  org: 'agency-a',
  space: 'route-services',
  app: {name: 'cgx-allowlist-proxy', guid: 'a'},
  engine: 'nginx',
  buildpack: 'nginx_buildpack',
  url: 'https://cgx-allowlist-0123.app.cloud.gov',
  instances: 2,
  memoryMb: 64,
  hops: 'cloud.gov',
  hopsCalibrated: false,
  bundleSha256: 'abcdef0123456789',
  egress: {public: false, dns: true, suggestedGroups: ['public_networks_egress']},
  repointed: 2,
  changes: [],
}

const calibrated: CalibrateResult = {
  route: 'www.agency.gov',
  probeUrl: 'https://www.agency.gov/_cgx/calibrate',
  chain: [
    {position: 0, address: '10.0.1.5'},
    {position: 1, address: '127.0.0.1'},
    {position: 2, address: '198.51.100.23'},
  ],
  client: '198.51.100.23',
  currentHops: 'cloud.gov',
  currentFits: false,
  fittingPreset: null,
  suggestedHops: ['10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,127.0.0.0/8,::1/128,fc00::/7', '127.0.0.1/32'],
  command: 'cgx route-service deploy --org agency-a --space route-services --hops 10.0.0.0/8 127.0.0.1/32',
}

describe('render/route-service', () => {
  it('shows the deployed proxy, flags an uncalibrated profile and missing egress', () => {
    const text = renderDeploy(deployed, tty)
    assert.match(text, /^app:\s+cgx-allowlist-proxy in agency-a \/ route-services\n/)
    assert.match(text, /\nhops:\s+cloud\.gov \(not calibrated\)\n/)
    assert.match(text, /\negress:\s+missing public\n/)
    assert.match(text, /\nbundle:\s+abcdef012345\n/)
    assert.match(text, /\nengine:\s+nginx \(nginx_buildpack\)\n/)
    assert.match(text, /\nrepointed:\s+2 route service instance\(s\) now point at https:\/\/cgx-allowlist-0123\.app\.cloud\.gov\n/)
    assert.match(text, /No changes/)
  })

  it('shows the measured chain right to left and the command that fits it', () => {
    const text = renderCalibrate(calibrated, tty)
    assert.match(text, /^X-Forwarded-For as the proxy saw https:\/\/www\.agency\.gov\/_cgx\/calibrate \(right to left\):\n/)
    assert.match(text, /0\s+10\.0\.1\.5\s+socket peer\n1\s+127\.0\.0\.1\s+platform hop\n2\s+198\.51\.100\.23\s+client \(this machine\)\n/)
    assert.match(text, /do not fit this chain/)
    assert.match(text, /To use it: cgx route-service deploy .* --hops 10\.0\.0\.0\/8 127\.0\.0\.1\/32\n$/)
    assert.equal(
      renderCalibrate(calibrated, plainRenderOptions),
      '0\t10.0.1.5\tsocket peer\n1\t127.0.0.1\tplatform hop\n2\t198.51.100.23\tclient (this machine)\n',
    )
  })
})
