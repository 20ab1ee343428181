import assert from 'node:assert/strict'
import {decodeTokenClaims, isTokenExpiring, stripTokenType, tokenScopes, tokenSubject} from '../../../src/cf/index.js'

function jwt(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({alg: 'RS256', typ: 'JWT'})}.${part(claims)}.c2lnbmF0dXJl`
}

describe('JWT expiry', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0)
  const nowSec = now / 1000

  it('strips the bearer prefix the config stores', () => {
    assert.equal(stripTokenType('bearer a.b.c'), 'a.b.c')
    assert.equal(stripTokenType('a.b.c'), 'a.b.c')
  })

  it('decodes the claims of a bearer-prefixed token', () => {
    assert.deepEqual(decodeTokenClaims(`bearer ${jwt({exp: 5, user_name: 'admin'})}`), {exp: 5, user_name: 'admin'})
  })

  it('is expiring with less than 60 s left, fresh with more', () => {
    assert.equal(isTokenExpiring(jwt({exp: nowSec + 59}), now), true)
    assert.equal(isTokenExpiring(jwt({exp: nowSec + 61}), now), false)
    assert.equal(isTokenExpiring(jwt({exp: nowSec - 1}), now), true)
  })

  it('treats an unreadable token or one without exp as expiring', () => {
    assert.equal(isTokenExpiring('not-a-jwt', now), true)
    assert.equal(isTokenExpiring('a.%%%.c', now), true)
    assert.equal(isTokenExpiring(jwt({user_name: 'x'}), now), true)
  })

  it('names the user, or the client for client credentials', () => {
    assert.equal(tokenSubject(jwt({user_name: 'alice', client_id: 'cf'})), 'alice')
    assert.equal(tokenSubject(jwt({client_id: 'ci-bot'})), 'ci-bot')
    assert.equal(tokenSubject('garbage'), undefined)
  })

  it('reads the scopes as UAA lists them, or space-separated, and none from garbage', () => {
    assert.deepEqual(tokenScopes(jwt({scope: ['cloud_controller.admin', 'openid']})), ['cloud_controller.admin', 'openid'])
    assert.deepEqual(tokenScopes(jwt({scope: 'cloud_controller.read  openid'})), ['cloud_controller.read', 'openid'])
    assert.deepEqual(tokenScopes('garbage'), [])
  })
})
