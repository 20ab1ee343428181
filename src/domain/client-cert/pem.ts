// PEM text as users and CAs hand it over: one file may hold a key, a certificate and its chain, in any order.

export interface PemBlock {
  /** The word(s) after BEGIN: CERTIFICATE, PRIVATE KEY, EC PRIVATE KEY, RSA PRIVATE KEY... */
  label: string
  /** The whole block, BEGIN and END lines included, ending with a newline. */
  text: string
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]*?-----END \1-----/g

export function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(BLOCK)].map((match) => ({label: match[1], text: `${match[0].replaceAll('\r\n', '\n')}\n`}))
}

export const certificateBlocks = (text: string): string[] =>
  pemBlocks(text)
    .filter((block) => block.label === 'CERTIFICATE')
    .map((block) => block.text)

export const privateKeyBlocks = (text: string): string[] =>
  pemBlocks(text)
    .filter((block) => /(^|\s)PRIVATE KEY$/.test(block.label))
    .map((block) => block.text)

/** Whether a string holds a PEM certificate: how a user-provided instance's credentials are recognised as a client certificate. */
export const holdsCertificate = (value: unknown): value is string => typeof value === 'string' && certificateBlocks(value).length > 0

export function toPem(label: string, der: ArrayBuffer | Uint8Array): string {
  const base64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString('base64')
  return `-----BEGIN ${label}-----\n${base64.replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`
}
