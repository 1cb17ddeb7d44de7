/**
 * Free-text answers may hold what the survey never asks for: a phone number, an e-mail
 * address, an ID or account number. The export replaces those with a marker and counts the
 * replacements. Names and addresses cannot be told apart from ordinary words by pattern, so
 * every free-text answer is flagged for a person to review before publication anyway.
 */
export const REMOVED = "[removed]";

const AT = String.raw`(?:\s*@\s*|\s*[\[({]\s*(?:at|собака)\s*[\])}]\s*)`;
const DOT = String.raw`(?:\.|\s*[\[({]\s*(?:dot|точка)\s*[\])}]\s*|\s+(?:dot|точка)\s+)`;

/** Numbers that look like a phone's groups but are a date, a year range or an amount. */
const notPhone = [
  /^\d{1,2}[.\-/]\d{1,2}[.\-/](?:19|20)\d\d$/, // 12.05.2025
  /^(?:19|20)\d\d-\d\d-\d\d$/, // 2025-05-12
  /^(?:19|20)\d\d\s?[-–]\s?(?:19|20)\d\d$/, // 2024-2025
  /^\d{1,3}(?:[\s\u00a0]\d{3})+$/, // 1 500 000 (тенге)
];

const patterns: Array<{ pattern: RegExp; keep?: (match: string) => boolean; onlyIf?: RegExp }> = [
  // E-mail addresses, Cyrillic ones included, and spelt out: ivan[at]mail.ru, ivan @ mail.ru,
  // ivan (at) mail dot ru, ivan(собака)mail.ru. The pattern takes time quadratic in a long
  // run of letters, so it runs only on a text that has an "at" of some kind at all.
  {
    pattern: new RegExp(String.raw`[\p{L}\p{N}._%+-]+${AT}[\p{L}\p{N}-]+(?:${DOT}[\p{L}\p{N}-]+)*${DOT}\p{L}{2,}`, "giu"),
    onlyIf: /@|[[({]\s*(?:at|собака)\s*[\])}]/iu,
  },
  // Phone numbers: ten or more digits with spaces, dashes, dots or brackets between them,
  // as Kazakh numbers are written (+7 701 123 45 67, 8 (7212) 41-23-45, 8-701-123-45-67).
  { pattern: /\+?\(?\d(?:[\s\-.()]{0,3}\d){9,}/g },
  // Local numbers: three or more groups of digits split by spaces, dots or dashes, five or
  // more digits in all, ending in two or more (41-23-45, 4-15-87, 123 45 67). Years and
  // short numbers ("3 children", "дом 5-23") stay.
  {
    pattern: /(?<![\p{N}])\d{1,4}(?:(?: ?[-–] ?|[\s.\u00a0])\d{1,4}){2,}(?![\p{N}])/gu,
    keep: (match) => match.replace(/\D/g, "").length < 5 || /\D\d$/.test(match) || notPhone.some((p) => p.test(match)),
  },
  // Any other run of six or more digits: an ID (ИИН has 12), a card or account number.
  { pattern: /\d{6,}/g },
];

export function scrubText(text: string): { text: string; scrubbed: number } {
  let scrubbed = 0;
  const result = patterns.reduce(
    (current, { pattern, keep, onlyIf }) =>
      onlyIf && !onlyIf.test(current) ? current : current.replace(pattern, (match) => {
        if (keep?.(match)) return match;
        scrubbed++;
        return REMOVED;
      }),
    text,
  );
  return { text: result, scrubbed };
}
