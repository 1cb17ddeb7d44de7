import * as z from "zod/mini";
import { safeText } from "@/lib/safe-text";
import { locales } from "@/lib/i18n/locales";
import { isAsked } from "./skip-logic";
import type { ItemRule } from "./types";

/**
 * The one schema for a survey submission, used by the form (zodResolver) and by the server
 * action (safeParse). Messages are keys under "errors" in messages/*.json; the form
 * translates them. Built from item rules only (ids, codes, required), so the phone does
 * not download the questionnaire's texts twice. Written with zod/mini, which the phone
 * downloads at a fraction of full zod's size.
 */
export const errorKeys = {
  required: "errors.required",
  outOfScale: "errors.outOfScale",
  unknownItem: "errors.unknownItem",
  invalidId: "errors.invalidId",
  unknownTown: "errors.unknownTown",
  unknownWave: "errors.unknownWave",
  invalid: "errors.invalid",
  tooLong: "errors.tooLong",
} as const;

// Radio inputs hold strings, or null when nothing is chosen; the server gets numbers.
const toCode = (value: unknown) => {
  if (value === null || value === undefined || value === "") return undefined;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  return value;
};

// Free text is kept as typed, trimmed; an empty box is no answer.
const toText = (value: unknown) => {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "string") return value;
  return value.trim() === "" ? undefined : value.trim();
};

const preprocess = <T extends z.core.$ZodType>(schema: T, fn: (value: unknown) => unknown = toCode) =>
  z.pipe<z.ZodMiniTransform<unknown, unknown>, T>(z.transform(fn), schema);

// Every answer is optional at this level: whether a required item must be answered
// depends on skip logic, checked over the whole set of answers below.
function answerSchema(rule: ItemRule) {
  if (rule.kind === "text") {
    const text = z.string({ error: errorKeys.invalid }).check(z.maxLength(rule.maxLength ?? 500, { error: errorKeys.tooLong }), safeText());
    return preprocess(z.optional(text), toText);
  }
  const code = z.number({ error: errorKeys.outOfScale }).check(
    z.refine((value) => Number.isInteger(value) && rule.codes.includes(value), { error: errorKeys.outOfScale }),
  );
  return preprocess(z.optional(code));
}

/**
 * The priorities step (issue 11): the ids of the chosen priorities. Absent when the resident
 * skipped the step (or the town has none); [] when they answered it and chose none. Whether
 * the ids belong to the response's wave and town, and fit its rule, is the server's check
 * (lib/participation validateBallot), with the messages under "priorities.errors".
 */
export const prioritiesSchema = z.optional(
  z
    .array(
      z.number({ error: "priorities.errors.unknown" }).check(
        z.int({ error: "priorities.errors.unknown" }),
        z.positive({ error: "priorities.errors.unknown" }),
        z.lte(2_147_483_647, { error: "priorities.errors.unknown" }),
      ),
      { error: "priorities.errors.unknown" },
    )
    .check(z.maxLength(100, { error: "priorities.errors.tooMany" })),
);

const waveIdSchema = z.number({ error: errorKeys.unknownWave }).check(
  z.int({ error: errorKeys.unknownWave }),
  z.positive({ error: errorKeys.unknownWave }),
  z.lte(2_147_483_647, { error: errorKeys.unknownWave }),
);

/**
 * The part of a submission that says which wave it answers, read first; the questionnaire
 * version it declares picks the rest of the schema (buildResponseSchema, which checks both
 * again), and the write checks that the wave asks that version.
 */
export const submissionWaveSchema = z.looseObject({ waveId: waveIdSchema });

export function buildResponseSchema(rules: ItemRule[]) {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const answers = z
    .strictObject(Object.fromEntries(rules.map((rule) => [rule.id, answerSchema(rule)])), {
      error: (issue) => (issue.code === "unrecognized_keys" ? errorKeys.unknownItem : errorKeys.invalid),
    })
    .check(
      z.superRefine((given, ctx) => {
        for (const rule of rules) {
          if (!rule.required || given[rule.id] !== undefined || !isAsked(rule, given, byId)) continue;
          ctx.issues.push({ code: "custom", path: [rule.id], message: errorKeys.required, input: undefined });
        }
      }),
    );
  return z.object({
    responseId: z.uuid({ error: errorKeys.invalidId }),
    waveId: waveIdSchema,
    townId: preprocess(
      z.number({ error: (issue) => (issue.input === undefined ? errorKeys.required : errorKeys.unknownTown) }).check(
        z.int({ error: errorKeys.unknownTown }),
        z.positive({ error: errorKeys.unknownTown }),
        z.lte(2_147_483_647, { error: errorKeys.unknownTown }),
      ),
    ),
    locale: z.enum(locales, { error: errorKeys.invalid }),
    questionnaireVersion: z.string({ error: errorKeys.invalid }).check(z.minLength(1), z.maxLength(32), safeText()),
    invitationCode: preprocess(z.optional(z.string({ error: errorKeys.invalid }).check(z.maxLength(64, { error: errorKeys.invalid }), safeText())), toText),
    answers,
    priorities: prioritiesSchema,
  });
}

export type ResponseInput = z.input<ReturnType<typeof buildResponseSchema>>;
export type ResponseSubmission = z.output<ReturnType<typeof buildResponseSchema>>;

