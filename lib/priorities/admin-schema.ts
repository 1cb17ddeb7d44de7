import * as z from "zod/mini";
import { safeText } from "@/lib/safe-text";

/*
 * The admin's forms for a town's priorities in a wave (issue 11, point 1), for the form
 * (zodResolver) and the action (safeParse). Messages are keys under "priorities.admin.errors".
 * Amounts are whole tenge; an empty box is no amount.
 */

const key = (name: string) => `priorities.admin.errors.${name}`;

// Number inputs hold strings; an empty one is no value.
const toNumber = (value: unknown) => {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") {
    const trimmed = value.replace(/[\s\u00a0]/g, "");
    if (trimmed === "") return undefined;
    return /^-?\d+$/.test(trimmed) ? Number(trimmed) : value;
  }
  return value;
};
const optionalNumber = (schema: z.ZodMiniNumber<number>) =>
  z.pipe<z.ZodMiniTransform<unknown, unknown>, z.ZodMiniOptional<z.ZodMiniNumber<number>>>(z.transform(toNumber), z.optional(schema));

/** Whole tenge, up to what the database's integer column holds. */
const tenge = z.number({ error: key("amount") }).check(z.int({ error: key("amount") }), z.gte(0, { error: key("amount") }), z.lte(2_000_000_000, { error: key("amount") }));

export const MAX_CHOICES_LIMIT = 20;

const target = {
  waveSlug: z.string({ error: key("notFound") }).check(z.minLength(1, { error: key("notFound") }), z.maxLength(60, { error: key("notFound") }), safeText()),
  townCode: z.string({ error: key("notFound") }).check(z.minLength(1, { error: key("notFound") }), z.maxLength(60, { error: key("notFound") }), safeText()),
};

/** The election's settings: the ballot rule, its number of choices or its budget. */
export const electionSchema = z
  .object({
    ...target,
    rule: z.enum(["approval", "budget"], { error: key("rule") }),
    maxChoices: optionalNumber(
      z.number({ error: key("maxChoices") }).check(z.int({ error: key("maxChoices") }), z.gte(1, { error: key("maxChoices") }), z.lte(MAX_CHOICES_LIMIT, { error: key("maxChoices") })),
    ),
    budget: optionalNumber(tenge),
  })
  .check(
    z.refine((election) => election.rule !== "approval" || election.maxChoices !== undefined, { error: key("maxChoicesRequired"), path: ["maxChoices"] }),
    z.refine((election) => election.rule !== "budget" || election.budget !== undefined, { error: key("budgetRequired"), path: ["budget"] }),
  );
export type ElectionInput = z.input<typeof electionSchema>;
export type ElectionValues = z.output<typeof electionSchema>;

const title = z.string({ error: key("titleRequired") }).check(z.trim(), z.minLength(1, { error: key("titleRequired") }), z.maxLength(120, { error: key("titleTooLong") }), safeText());
const description = z
  .string({ error: key("descriptionRequired") })
  .check(z.trim(), z.minLength(1, { error: key("descriptionRequired") }), z.maxLength(500, { error: key("descriptionTooLong") }), safeText());

/** One candidate priority: new when `id` is absent, else a correction of that one. */
export const prioritySchema = z.object({
  ...target,
  id: optionalNumber(z.number({ error: key("notFound") }).check(z.int({ error: key("notFound") }), z.positive({ error: key("notFound") }))),
  title: z.object({ kk: title, ru: title, en: title }),
  description: z.object({ kk: description, ru: description, en: description }),
  cost: optionalNumber(tenge),
  areaId: z.string({ error: key("areaRequired") }).check(z.minLength(1, { error: key("areaRequired") }), z.maxLength(60, { error: key("unknownArea") }), safeText()),
  itemIds: z.array(z.string({ error: key("unknownItem") }).check(z.maxLength(60, { error: key("unknownItem") }), safeText()), { error: key("unknownItem") }).check(
    z.maxLength(50, { error: key("unknownItem") }),
  ),
});
export type PriorityInput = z.input<typeof prioritySchema>;
export type PriorityValues = z.output<typeof prioritySchema>;

export const removePrioritySchema = z.object({
  ...target,
  id: z.number({ error: key("notFound") }).check(z.int({ error: key("notFound") }), z.positive({ error: key("notFound") })),
});
