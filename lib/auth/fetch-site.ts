/**
 * Whether a request authenticated by the session cookie may go on, by the browser's
 * Sec-Fetch-Site header: our own pages send `same-origin`, an address typed or opened from a
 * bookmark sends `none`; a link, form or script on another site (`cross-site`), or on a
 * sibling subdomain (`same-site`), is refused. A browser too old to send that header (Safari
 * before 16.4) still names the page it came from in Origin or Referer: another origin there
 * is refused too. A client that sends none of them is not a page of another site and goes
 * on. Bearer tokens do not pass here.
 */
export function mayUseSessionCookie(secFetchSite: string | null, from?: { url: string; appUrl?: string; origin: string | null; referer: string | null }): boolean {
  if (secFetchSite !== null) return secFetchSite === "same-origin" || secFetchSite === "none";
  if (!from) return true;
  // Behind a proxy the request's own address may be an inner one: APP_URL is ours too.
  const own = new Set([new URL(from.url).origin, ...(from.appUrl ? [new URL(from.appUrl).origin] : [])]);
  const cameFrom = from.origin ?? from.referer;
  if (cameFrom === null || cameFrom === "null") return cameFrom === null;
  try {
    return own.has(new URL(cameFrom).origin);
  } catch {
    return false;
  }
}

/** What mayUseSessionCookie reads of a request; `appUrl` is the deployment's APP_URL. */
export const requestSite = (request: Request, appUrl?: string) =>
  [request.headers.get("sec-fetch-site"), { url: request.url, appUrl, origin: request.headers.get("origin"), referer: request.headers.get("referer") }] as const;
