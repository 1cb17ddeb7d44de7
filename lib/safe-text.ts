import * as z from "zod/mini";

/** The message of text that cannot be stored as typed, under "errors" in messages/*.json. */
export const UNSAFE_TEXT_ERROR = "errors.unsafeText";

/*
 * A NUL character (U+0000), or half of a surrogate pair without its other half (a broken
 * emoji: JSON may carry "\ud83d" alone). Postgres refuses both in jsonb and NUL in text, so
 * they would end in a server error and a resend every half minute; and UTF-8 cannot encode
 * a lone surrogate, so it would be stored as something other than what was typed.
 * Without the `u` flag the pattern sees UTF-16 code units, which is what a lone half is.
 */
const UNSAFE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when `value` holds a NUL character or an unpaired surrogate. */
export function hasUnsafeCharacters(value: string): boolean {
  return UNSAFE.test(value);
}

/**
 * The check every text a person types or uploads goes through, for zod/mini's `.check()`:
 * `z.string().check(z.maxLength(500), safeText())`. Refused with "errors.unsafeText", which
 * the form shows beside the field.
 */
export function safeText() {
  return z.refine<string>((value) => !hasUnsafeCharacters(value), { error: UNSAFE_TEXT_ERROR });
}
