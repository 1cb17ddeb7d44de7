import * as z from "zod/mini";
import { safeText } from "@/lib/safe-text";
import { questionnaireVersions } from "./questionnaire";

/**
 * Slugs that would clash with the fixed staff pages (/staff/admin, /staff/exports, the
 * password page being added) or a wave's own (/staff/{wave}/compare): a wave under such a
 * slug could never be opened.
 */
export const RESERVED_WAVE_SLUGS = ["admin", "commitments", "compare", "exports", "fieldwork", "password", "posters"];

const slug = z
  .string({ error: "adminWaves.errors.slugRequired" })
  .check(
    z.trim(),
    z.minLength(1, { error: "adminWaves.errors.slugRequired", abort: true }),
    z.maxLength(60, { error: "adminWaves.errors.slugTooLong" }),
    z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "adminWaves.errors.slugFormat" }),
    z.refine((value) => !RESERVED_WAVE_SLUGS.includes(value), { error: "adminWaves.errors.slugReserved" }),
  );
const name = z.string({ error: "adminWaves.errors.nameRequired" }).check(z.trim(), z.minLength(1, { error: "adminWaves.errors.nameRequired" }), z.maxLength(120, { error: "adminWaves.errors.nameTooLong" }), safeText());
const day = z.iso.date({ error: "adminWaves.errors.date" });
const isDay = (value: unknown) => day.safeParse(value).success;

/** The new-wave form, for the form (zodResolver) and the action (safeParse). */
export const createWaveSchema = z
  .object({
    slug,
    name: z.object({ kk: name, ru: name, en: name }),
    questionnaireVersion: z.string({ error: "adminWaves.errors.questionnaireVersion" }).check(z.refine((value) => questionnaireVersions.includes(value), { error: "adminWaves.errors.questionnaireVersion" })),
    opensOn: day,
    closesOn: day,
    townCodes: z.array(z.string().check(safeText()), { error: "adminWaves.errors.noTowns" }).check(z.minLength(1, { error: "adminWaves.errors.noTowns" }), z.maxLength(500, { error: "adminWaves.errors.unknownTown" })),
    requiresInvitation: z.boolean(),
    hideResultsUntilClosed: z.boolean(),
  })
  // Compared only once both are dates: a missing date has its own message.
  .check(z.refine((wave) => !isDay(wave.opensOn) || !isDay(wave.closesOn) || wave.closesOn >= wave.opensOn, { error: "adminWaves.errors.closesBeforeOpens", path: ["closesOn"] }));
export type CreateWaveInput = z.input<typeof createWaveSchema>;

export const waveSlugSchema = z.object({ slug: z.string({ error: "adminWaves.errors.notFound" }).check(z.minLength(1, { error: "adminWaves.errors.notFound" }), z.maxLength(60, { error: "adminWaves.errors.notFound" }), safeText()) });

export const hideResultsSchema = z.object({
  slug: waveSlugSchema.shape.slug,
  hideResultsUntilClosed: z.boolean({ error: "adminWaves.errors.invalid" }),
});

export type WaveStatus = "draft" | "open" | "closed";

/**
 * Why a wave may not move from one status to another, as a message key; null when it may.
 * A wave goes draft → open → closed, once: reopening a closed wave would let answers
 * arrive after its results were published.
 */
export function transitionError(from: WaveStatus, to: "open" | "closed"): string | null {
  if (from === to) return to === "open" ? "adminWaves.errors.alreadyOpen" : "adminWaves.errors.alreadyClosed";
  if (to === "open" && from === "closed") return "adminWaves.errors.reopenClosed";
  if (to === "closed" && from === "draft") return "adminWaves.errors.closeDraft";
  return null;
}
