// The floor of any proxy on Node: node:http in front, undici behind, no checks and no header work beyond what HTTP
// framing needs. The Node engine is measured against it (target ≥ 0.9×). `node minimal-undici-proxy.mjs PORT`.
import http from 'node:http'

import {Agent} from 'undici'

const agent = new Agent({keepAliveTimeout: 30_000})
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host'])

http.createServer((req, res) => {
  const target = new URL(req.headers['x-cf-forwarded-url'])
  const headers = req.rawHeaders.filter((_, i, raw) => !HOP.has(raw[i - (i % 2)].toLowerCase()))
  const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined
  let resume
  agent.dispatch({origin: target.origin, path: `${target.pathname}${target.search}`, method: req.method, headers, body: hasBody ? req : null}, {
    onConnect() {},
    onHeaders(status, raw, resumeUpstream) {
      const flat = raw.map((b) => b.toString('latin1')).filter((_, i, all) => !HOP.has(all[i - (i % 2)].toLowerCase()))
      res.writeHead(status, flat)
      resume = resumeUpstream
      return true
    },
    onData(chunk) {
      if (res.write(chunk)) return true
      res.once('drain', resume)
      return false
    },
    onComplete() {
      res.end()
    },
    onError() {
      if (res.headersSent) res.destroy()
      else res.writeHead(502).end()
    },
  })
}).listen(Number(process.argv[2]), '127.0.0.1')
