import { z } from "zod";
import { locales } from "@/lib/i18n/locales";
import type { ItemRule } from "./types";

/**
 * The one schema for a survey submission, used by the form (zodResolver) and by the server
 * action (safeParse). Messages are keys under "errors" in messages/*.json; the form
 * translates them. Built from item rules only (ids, codes, required), so the phone does
 * not download the questionnaire's texts twice.
 */
export const errorKeys = {
  required: "errors.required",
  outOfScale: "errors.outOfScale",
  unknownItem: "errors.unknownItem",
  invalidId: "errors.invalidId",
  unknownTown: "errors.unknownTown",
  unknownWave: "errors.unknownWave",
  invalid: "errors.invalid",
} as const;

// Radio inputs hold strings, or null when nothing is chosen; the server gets numbers.
const toCode = (value: unknown) => {
  if (value === null || value === undefined || value === "") return undefined;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  return value;
};

function answerSchema(rule: ItemRule) {
  const code = z
    .number({ error: (issue) => (issue.input === undefined ? errorKeys.required : errorKeys.outOfScale) })
    .int({ error: errorKeys.outOfScale })
    .refine((value) => rule.codes.includes(value), { error: errorKeys.outOfScale });
  return z.preprocess(toCode, rule.required ? code : code.optional());
}

export function buildResponseSchema(rules: ItemRule[]) {
  const answers = z.strictObject(
    Object.fromEntries(rules.map((rule) => [rule.id, answerSchema(rule)])),
    { error: (issue) => (issue.code === "unrecognized_keys" ? errorKeys.unknownItem : errorKeys.invalid) },
  );
  return z.object({
    responseId: z.uuid({ error: errorKeys.invalidId }),
    waveId: z.number({ error: errorKeys.unknownWave }).int({ error: errorKeys.unknownWave }).positive({ error: errorKeys.unknownWave }),
    townId: z.preprocess(
      toCode,
      z.number({ error: (issue) => (issue.input === undefined ? errorKeys.required : errorKeys.unknownTown) })
        .int({ error: errorKeys.unknownTown })
        .positive({ error: errorKeys.unknownTown }),
    ),
    locale: z.enum(locales, { error: errorKeys.invalid }),
    questionnaireVersion: z.string({ error: errorKeys.invalid }).min(1).max(32),
    answers,
  });
}

export type ResponseInput = z.input<ReturnType<typeof buildResponseSchema>>;
export type ResponseSubmission = z.output<ReturnType<typeof buildResponseSchema>>;

/** Every error of every field, keyed by its path ("answers.sat_heating"), as message keys. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) (fieldErrors[[...issue.path, key].join(".")] ??= []).push(issue.message);
      continue;
    }
    (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
  }
  return fieldErrors;
}
