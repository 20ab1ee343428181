// nginx.conf for the nginx engine: one text, filled in two ways. Pushed, the nginx buildpack's start command (varify)
// fills {{port}}, {{nameservers}} and {{env "CGX_NGINX_POLICY"}} (listed as plaintext in buildpack.yml, so it is pasted
// as written rather than HTML-escaped); `serve --engine nginx` fills the same placeholders itself (fillTemplate).
// Everything that depends on the policy is in CGX_NGINX_POLICY (compile.ts); this file only reads its variables.
//
// Timeouts mirror the Node engine's (timeouts.ts): keep-alive 100 s; a whole request up to 3600 s (nginx bounds body
// and response by inactivity between reads or writes, which is never shorter). nginx has one timer from a connection's
// start to the end of its headers (client_header_timeout, also re-armed for each keep-alive request): it is 100 s,
// the first-byte bound, because gorouter parks connections it dialled but does not need yet, silent, in its idle pool;
// cutting those at 20 s would race gorouter's next request on them. A slowloris client therefore holds a connection
// for up to 100 s, at nginx's cost of a few KiB per connection. The upstream connect and read timeouts are the Node
// engine's upstream timeouts, compiled into the policy (upstream-timeouts.ts).

import {GATEWAY_REASON, NGINX_CA_VAR, NGINX_POLICY_VAR} from '../contract.js'
import {FIRST_BYTE_TIMEOUT_SECONDS, IDLE_TIMEOUT_SECONDS, REQUEST_TIMEOUT_SECONDS} from '../timeouts.js'

const DENY_BODY = 'Forbidden: this route is restricted by the cgx allowlist route service.\\n'

export const NGINX_CONF_TEMPLATE = `# cgx allowlist route service, nginx engine. The policy is compiled into ${NGINX_POLICY_VAR}.
worker_processes 1;
# Every request runs a dozen anchored regexes (maps over X-Forwarded-For and X-CF-Forwarded-Url): compile them to machine code.
pcre_jit on;
daemon off;
pid nginx.pid;
# crit: nginx's error lines quote the upstream URL, query included, which may carry an app's tokens; gateway errors are
# logged as JSON lines below instead. Start-up failures (emerg) still say what is wrong.
error_log stderr crit;
events { worker_connections 4096; }

http {
  server_tokens off;
  # For nginx's own answers; location / turns it off, so an app's Content-Type passes as the app sent it.
  charset utf-8;
  default_type text/plain;
  resolver {{nameservers}} valid=30s;
  resolver_timeout 10s;

  # Denials only, one JSON line each: never a header value beyond the bounded client and request id. The verdict
  # $cgx_reason (compile.ts) is "" when allowed and "0" for the health check: neither is logged.
  log_format cgx_deny escape=json '{"time":"$time_iso8601","event":"deny","route":"$cgx_route_name","client":"$cgx_log_client","reason":"$cgx_reason","requestId":"$cgx_log_request_id"}';
  access_log /dev/stdout cgx_deny if=$cgx_reason;
  # Gateway errors nginx answered itself (no response headers came from upstream): one line each, as the Node engine logs.
  map $status $cgx_gateway_reason {
    502 $cgx_gateway_502;
    504 $cgx_gateway_504;
    default "";
  }
  map $upstream_header_time $cgx_gateway_502 {
    "-" ${GATEWAY_REASON[502]};
    default "";
  }
  map $upstream_header_time $cgx_gateway_504 {
    "-" ${GATEWAY_REASON[504]};
    default "";
  }
  # Written from the gateway error locations only (below), so a proxied request reads none of these variables. Only
  # allowed requests reach those locations: the deny line, which their access_log replaces there, never applies.
  log_format cgx_gateway escape=json '{"time":"$time_iso8601","event":"upstream-error","route":"$cgx_route_name","status":$status,"reason":"$cgx_gateway_reason","requestId":"$cgx_log_request_id"}';

  client_body_temp_path body_temp;
  proxy_temp_path proxy_temp;
  fastcgi_temp_path fastcgi_temp;
  uwsgi_temp_path uwsgi_temp;
  scgi_temp_path scgi_temp;

  large_client_header_buffers 4 64k;
  client_max_body_size 0;
  client_header_timeout ${FIRST_BYTE_TIMEOUT_SECONDS}s;
  client_body_timeout ${REQUEST_TIMEOUT_SECONDS}s;
  send_timeout ${REQUEST_TIMEOUT_SECONDS}s;
  keepalive_timeout ${IDLE_TIMEOUT_SECONDS}s;
  keepalive_requests 100000;

  proxy_http_version 1.1;
  proxy_request_buffering off;
  proxy_buffering off;
  proxy_send_timeout ${REQUEST_TIMEOUT_SECONDS}s;
  proxy_buffer_size 32k;
  proxy_buffers 4 32k;
  proxy_busy_buffers_size 64k;
  proxy_ssl_server_name on;
  proxy_ssl_name $cgx_upstream_host;
  proxy_ssl_verify on;
  proxy_ssl_verify_depth 4;
  proxy_ssl_trusted_certificate {{env "${NGINX_CA_VAR}"}};
  proxy_pass_header Server;
  proxy_pass_header Date;
  proxy_hide_header Proxy-Authenticate;
  proxy_hide_header Trailer;
  proxy_hide_header X-CF-Proxy-Signature;
  proxy_hide_header X-CF-Proxy-Metadata;
  proxy_intercept_errors off;

{{env "${NGINX_POLICY_VAR}"}}

  server {
    listen {{port}};
    # Headers over 64 KiB: 431, as the Node engine answers (nginx's own answer is a 400).
    error_page 494 =431 @header_too_large;
    location @header_too_large {
      return 431 "Request header fields too large.\\n";
    }
    # An unknown Transfer-Encoding: 400, as the Node engine answers any framing it cannot trust (nginx says 501).
    error_page 501 =400 @bad_request;
    location @bad_request {
      return 400 "Bad request.\\n";
    }
    # Gateway errors in the Node engine's words (upstream answers pass untouched: proxy_intercept_errors is off).
    error_page 502 @bad_gateway;
    location @bad_gateway {
      add_header Cache-Control no-store always;
      access_log /dev/stdout cgx_gateway if=$cgx_gateway_reason;
      return 502 "Bad gateway: the route could not be reached.\\n";
    }
    error_page 504 @gateway_timeout;
    location @gateway_timeout {
      add_header Cache-Control no-store always;
      access_log /dev/stdout cgx_gateway if=$cgx_gateway_reason;
      return 504 "Gateway timeout: the route did not answer in time.\\n";
    }
    location / {
      # The deny below writes its own line: an allowed request's log phase then reads nothing. The http block's deny
      # line stays for what nginx refuses before choosing a location (CONNECT, an asterisk target) or in @ locations.
      access_log off;
      charset off;
      if ($cgx_reason = 0) {
        charset utf-8;
        add_header Cache-Control no-store always;
        return 200 "ok\\n";
      }
      if ($cgx_reason) {
        access_log /dev/stdout cgx_deny;
        charset utf-8;
        add_header Cache-Control no-store always;
        add_header X-Content-Type-Options nosniff always;
        return 403 "${DENY_BODY}";
      }
      proxy_pass $cgx_upstream;
    }
  }
}
`

export interface TemplateValues {
  readonly port: number
  readonly nameservers: readonly string[]
  readonly env: Readonly<Record<string, string | undefined>>
}

/** The buildpack's varify, for running nginx here: the same placeholders, the same values. */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template
    .replaceAll('{{port}}', String(values.port))
    .replaceAll('{{nameservers}}', values.nameservers.join(' '))
    .replace(/\{\{env "([A-Z0-9_]+)"\}\}/g, (_, name: string) => values.env[name] ?? '')
}
