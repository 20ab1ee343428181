// PCRE patterns for the nginx engine, written as the Node engine's parsers read: the same strict
// address grammar (net/ip.ts), the same forwarded-URL grammar (allowlist/forwarded-url.ts).
// Every pattern is plain ASCII without "<", "{{" or "}}": the nginx buildpack renders the config
// through Go's html/template, where those would start a tag or an action.

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])'
const IPV4 = `${OCTET}(?:\\.${OCTET}){3}`
const H = '[0-9a-fA-F]{1,4}'
const LS32 = `(?:${H}:${H}|${IPV4})`
/** RFC 4291 §2.2 text forms, embedded IPv4 in the last 32 bits only: what parseIp accepts. */
const IPV6 = [
  `(?:${H}:){6}${LS32}`,
  `::(?:${H}:){5}${LS32}`,
  `(?:${H})?::(?:${H}:){4}${LS32}`,
  `(?:(?:${H}:){0,1}${H})?::(?:${H}:){3}${LS32}`,
  `(?:(?:${H}:){0,2}${H})?::(?:${H}:){2}${LS32}`,
  `(?:(?:${H}:){0,3}${H})?::${H}:${LS32}`,
  `(?:(?:${H}:){0,4}${H})?::${LS32}`,
  `(?:(?:${H}:){0,5}${H})?::${H}`,
  `(?:(?:${H}:){0,6}${H})?::`,
].join('|')

/** A whole strict IP address: nothing nginx's own looser parser (127.1, 010.1.1.1) would also take. */
export const IP = `(?:${IPV4}|${IPV6})`
export const STRICT_IP = `^${IP}$`

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?'
export const HOST = `${LABEL}(?:\\.${LABEL})*`
const PORT = '(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])'
/** A path after its first "/": Go's validEncoded path characters, a "%" only before two hex digits (route-spec.ts PATH_CHARS). */
export const PATH_TAIL = "(?:[A-Za-z0-9._~!$&'()*+,;=:@/\\[\\]-]|%[0-9A-Fa-f]{2})*"
export const PATH = `(?:/${PATH_TAIL})?`
export const QUERY = '(?:\\?[\\x21\\x22\\x24-\\x7e]*)?'
/** parseForwardedUrl's grammar; matched case-insensitively. */
export const FORWARDED_URL = `^https?://${HOST}(?::${PORT})?${PATH}${QUERY}$`

/** Each character that is not a letter or digit as \xHH: safe in a regex, in nginx quoting and in Go templates. */
export function literal(text: string): string {
  return [...text].map((char) => (/[A-Za-z0-9]/.test(char) ? char : `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`)).join('')
}

/** A map key or value in nginx's double quotes, where \" \\ \' \n \r would be unescaped (\t means a tab either way). */
export function quoted(text: string): string {
  if (text.includes('"') || /\\["\\'nr]/.test(text)) throw new Error(`cannot quote ${JSON.stringify(text)} for nginx`)
  return `"${text}"`
}
