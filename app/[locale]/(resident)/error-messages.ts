import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";

/** The error messages a resident can meet, translated, for client components to show by key. */
export const residentErrorKeys = [
  "required",
  "outOfScale",
  "unknownItem",
  "invalidId",
  "unknownTown",
  "unknownWave",
  "invalid",
  "tooLong",
  "versionMismatch",
  "waveClosed",
  "rateLimited",
  "powInvalid",
  "invitationInvalid",
  "tooLarge",
  "unexpected",
] as const;

export async function residentErrorMessages(locale: Locale): Promise<Record<string, string>> {
  const t = await getTranslations({ locale, namespace: "errors" });
  return Object.fromEntries(residentErrorKeys.map((key) => [`errors.${key}`, t(key)]));
}
