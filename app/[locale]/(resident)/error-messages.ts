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
  "unsafeText",
  "versionMismatch",
  "waveClosed",
  "rateLimited",
  "powInvalid",
  "invitationInvalid",
  "tooLarge",
  "unexpected",
] as const;

/** The priorities step's refusals (the ballot travels in the same submission). */
export const residentPriorityErrorKeys = ["unknown", "tooMany", "overBudget", "noElection"] as const;

export async function residentErrorMessages(locale: Locale): Promise<Record<string, string>> {
  const t = await getTranslations({ locale, namespace: "errors" });
  const p = await getTranslations({ locale, namespace: "priorities" });
  const priorityErrors: Record<(typeof residentPriorityErrorKeys)[number], string> = {
    unknown: p("errors.unknown"),
    tooMany: p("errors.tooMany"),
    overBudget: p("errors.overBudget"),
    noElection: p("errors.noElection"),
  };
  return {
    ...Object.fromEntries(residentErrorKeys.map((key) => [`errors.${key}`, t(key)])),
    ...Object.fromEntries(residentPriorityErrorKeys.map((key) => [`priorities.errors.${key}`, priorityErrors[key]])),
  };
}
