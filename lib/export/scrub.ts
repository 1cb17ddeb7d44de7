/**
 * Free-text answers may hold what the survey never asks for: a phone number, an e-mail
 * address, an ID or account number. The export replaces those with a marker and counts the
 * replacements, so the row can be flagged for a person to review before publication.
 * Names and addresses cannot be told apart from ordinary words by pattern: that is what
 * the review is for.
 */
export const REMOVED = "[removed]";

const patterns: RegExp[] = [
  // E-mail addresses, Cyrillic ones included.
  /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu,
  // Phone numbers: ten or more digits with spaces, dashes, dots or brackets between them,
  // as Kazakh numbers are written (+7 701 123 45 67, 8 (7212) 41-23-45, 8-701-123-45-67).
  /\+?\(?\d(?:[\s\-.()]{0,3}\d){9,}/g,
  // Any other run of six or more digits: an ID (ИИН has 12), a card or account number.
  /\d{6,}/g,
];

export function scrubText(text: string): { text: string; scrubbed: number } {
  let scrubbed = 0;
  const result = patterns.reduce(
    (current, pattern) =>
      current.replace(pattern, () => {
        scrubbed++;
        return REMOVED;
      }),
    text,
  );
  return { text: result, scrubbed };
}
