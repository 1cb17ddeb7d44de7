/*
 * Which town the resident just answered for, kept in this tab's sessionStorage for the
 * thanks page, never in its address: an address ends up in history, server logs and the
 * Referer of the next page, and with the town beside the moment it would say who answered
 * from where and when (docs/decisions/0017).
 */
const key = (waveSlug: string) => `qala:answered-town:${waveSlug}`;

export function rememberAnsweredTown(waveSlug: string, townCode: string) {
  try {
    sessionStorage.setItem(key(waveSlug), townCode);
  } catch {
    // No storage (a private window with it off): the thanks page leads to the list of towns.
  }
}

export function answeredTown(waveSlug: string): string | null {
  try {
    return sessionStorage.getItem(key(waveSlug));
  } catch {
    return null;
  }
}
