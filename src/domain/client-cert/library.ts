// @peculiar/x509 builds certificates over node:crypto's WebCrypto. It needs a Reflect polyfill (tsyringe) before it
// loads, and it is only for the client-cert commands: loaded on first use, so no other command pays for it at start-up.
import {webcrypto} from 'node:crypto'

export type X509Library = typeof import('@peculiar/x509')

let loading: Promise<X509Library> | undefined

export function x509Library(): Promise<X509Library> {
  loading ??= (async () => {
    await import('reflect-metadata')
    const library = await import('@peculiar/x509')
    library.cryptoProvider.set(webcrypto)
    return library
  })()
  return loading
}
