/*
 * The pages' Content-Security-Policy (docs/decisions/0016-content-security-policy.md).
 * proxy.ts makes a nonce per request and sends this policy with the page; Next.js reads the
 * nonce back from the request's copy of the header and puts it on its own scripts.
 */

/**
 * Scripts only with this request's nonce, and what those scripts load ('strict-dynamic':
 * the page's chunks, the chart and proof-of-work code loaded on demand). No inline style
 * either: the pages style through the stylesheet, and what scripts set (chart.js, a
 * chart's height) goes through the CSSOM, which CSP does not govern. `development` adds
 * 'unsafe-eval', which only `next dev` needs (React rebuilds server error stacks with eval),
 * and inline styles for its error overlay.
 */
export function contentSecurityPolicy({ nonce, development = false }: { nonce: string; development?: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // The dev overlay injects styles without a nonce; a nonce would make 'unsafe-inline' ignored.
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    // The interviewer's offline worker (public/interview-sw.js): 'strict-dynamic' would
    // otherwise leave workers without an allowed source.
    "worker-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Two years, this host and every subdomain, once the app is known to be served over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** 16 random bytes as base64: unguessable, and fresh for every page. */
export function newNonce(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  return btoa(String.fromCharCode(...random(new Uint8Array(16))));
}
