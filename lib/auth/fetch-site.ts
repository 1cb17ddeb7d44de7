/**
 * Whether a request authenticated by the session cookie may go on, by the browser's
 * Sec-Fetch-Site header: our own pages send `same-origin`, an address typed or opened from a
 * bookmark sends `none`; a link, form or script on another site (`cross-site`), or on a
 * sibling subdomain (`same-site`), is refused. A client that sends no such header (not a
 * current browser) is not a cross-site page and goes on. Bearer tokens do not pass here.
 */
export function mayUseSessionCookie(secFetchSite: string | null): boolean {
  if (secFetchSite === null) return true;
  return secFetchSite === "same-origin" || secFetchSite === "none";
}
