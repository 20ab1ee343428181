// How long the allowlist route service lets an inbound connection hold a slot, sized to gorouter, its only
// legitimate client. Every engine of the service (node:http today, nginx later) applies these same numbers.
//
// gorouter (routing-release jobs/gorouter/spec): `request_timeout_in_seconds` bounds a whole request to a backend,
// route services included (default 900 s, cloud.gov 3600 s); idle backend connections are dropped after 90 s
// (its transport's IdleConnTimeout); `frontend_idle_timeout` (900 s) is its own client side and does not reach us.

/** Whole request, body included: never shorter than the router's, or long uploads and long polls break. */
export const REQUEST_TIMEOUT_SECONDS = 3600

/**
 * Idle between requests on a keep-alive connection: longer than gorouter's 90 s, so gorouter always closes first
 * and never sends a request down a connection we are closing (a non-idempotent request would fail with 502).
 */
export const IDLE_TIMEOUT_SECONDS = 100

/**
 * Silence on a new connection before its first byte. Go's transport parks a connection it dialled but no longer
 * needs in its idle pool unused, so to gorouter a silent new connection is an idle one: same bound as idle.
 */
export const FIRST_BYTE_TIMEOUT_SECONDS = IDLE_TIMEOUT_SECONDS

/**
 * From a request's first byte to the end of its headers. gorouter writes a header block in one go (at most its
 * 1 MiB max_header_kb, the ALB lets through 64 KiB); 20 s is room for TCP retransmits on a bad path, while a
 * slowloris client that trickles bytes is cut here.
 */
export const HEADERS_TIMEOUT_SECONDS = 20

/** Upstream TCP + TLS connect: an app instance that takes longer is gone or overloaded. */
export const UPSTREAM_CONNECT_TIMEOUT_SECONDS = 10

/** Upstream response headers: never sooner than the router gives up (REQUEST_TIMEOUT_SECONDS), or long polls break. */
export const UPSTREAM_HEADERS_TIMEOUT_SECONDS = REQUEST_TIMEOUT_SECONDS
