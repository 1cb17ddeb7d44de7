/*
 * A poster's short link: `/s/<town code>-<wave id>`, e.g. /s/ridder-3. It is typed by hand
 * from a printed poster, so it is short, lower-case and made of the town's own name; the
 * wave's number keeps an old poster pointing at the wave it announced. Nothing is stored for
 * it: the code is read back into its town and wave (docs/fieldwork.md, "Posters and sharing").
 */

const SHORT_CODE = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)*?)-([1-9][0-9]{0,8})$/;

export function shortCode(townCode: string, waveId: number): string {
  return `${townCode}-${waveId}`;
}

/** The town and wave a short code names, or null; capitals typed on a phone are forgiven. */
export function parseShortCode(code: string): { townCode: string; waveId: number } | null {
  const match = SHORT_CODE.exec(code.trim().toLowerCase());
  return match ? { townCode: match[1]!, waveId: Number(match[2]) } : null;
}

/** The address printed on a poster and shared: no language in it, so each phone gets its own. */
export function shortLinkUrl(base: string, code: string): string {
  return `${base.replace(/\/+$/, "")}/s/${code}`;
}

/** What a short link leads to: the survey with the town chosen, in the reader's language. */
export function surveyPath(locale: string, waveSlug: string, townCode: string): string {
  return `/${locale}/survey/${waveSlug}?town=${encodeURIComponent(townCode)}`;
}

/** The staff page that prints a town's poster for a wave. */
export function posterPath(locale: string, waveSlug: string, townCode: string): string {
  return `/${locale}/staff/posters/${waveSlug}/${townCode}`;
}

/** The address as printed in words: without the scheme, which nobody types. */
export function printedAddress(url: string): string {
  return url.replace(/^https?:\/\//, "");
}

/** A WhatsApp link that opens a chat with the message and the link filled in (where the phone has no share sheet). */
export function whatsappUrl(text: string, link: string): string {
  return `https://wa.me/?text=${encodeURIComponent(`${text} ${link}`)}`;
}
