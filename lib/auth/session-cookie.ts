/**
 * The staff session cookie, named once: better-auth (server/auth/better-auth.ts) writes it
 * under this prefix, and the proxy (proxy.ts) looks for it to allow the import page's larger
 * body. Over https better-auth adds the `__Secure-` prefix.
 */
export const SESSION_COOKIE_PREFIX = "qala";
export const SESSION_COOKIE_NAMES = [`${SESSION_COOKIE_PREFIX}.session_token`, `__Secure-${SESSION_COOKIE_PREFIX}.session_token`] as const;
