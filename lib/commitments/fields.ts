import * as z from "zod/mini";
import { safeText } from "@/lib/safe-text";
import { locales, type Locale, type LocalizedText } from "@/lib/i18n/locales";

/*
 * What a commitment is made of, for the staff forms (zodResolver), the server actions
 * (safeParse) and the CSV import: one set of rules, so a file is checked as a form is.
 */

export const COMMITMENT_STATUSES = ["planned", "in_progress", "done", "declined"] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const COMMITMENT_LINKS = ["item", "area", "priority", "indicator"] as const;
export type CommitmentLinkKind = (typeof COMMITMENT_LINKS)[number];

export const MAX_TEXT = 2000;
export const MAX_EVIDENCE_LINKS = 10;
const MAX_URL = 2000;

const text = z.string().check(z.trim(), z.maxLength(MAX_TEXT, { error: "commitments.errors.tooLong" }), safeText());
/** A text in kk, ru and en, where a language may still be missing (an empty string). */
const localized = z.object({ kk: text, ru: text, en: text });

/** The languages a text has no words in yet. */
export function missingLanguages(value: Partial<LocalizedText> | null | undefined): Locale[] {
  return locales.filter((locale) => !(value?.[locale] ?? "").trim());
}

export function hasAnyLanguage(value: Partial<LocalizedText> | null | undefined): boolean {
  return missingLanguages(value).length < locales.length;
}

/** The text in the reader's language, else in the first language that has it (and which one). */
export function textIn(value: LocalizedText | null | undefined, locale: Locale): { text: string; language: Locale } | null {
  if (!value) return null;
  if (value[locale]?.trim()) return { text: value[locale], language: locale };
  const other = locales.find((candidate) => value[candidate]?.trim());
  return other ? { text: value[other], language: other } : null;
}

/** Evidence links: http and https only (a javascript: or data: link shown to the public would be a hole). */
export function isEvidenceUrl(value: string): boolean {
  if (value.length > MAX_URL) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** The evidence box: one link a line (or separated by spaces), blank lines ignored. */
export function evidenceList(value: string): string[] {
  return value
    .split(/\s+/)
    .map((line) => line.trim())
    .filter(Boolean);
}

const day = z.iso.date({ error: "commitments.errors.date" });

/** The fields of a commitment as its form edits them. */
const commitmentShape = {
  linkKind: z.enum(COMMITMENT_LINKS, { error: "commitments.errors.linkKind" }),
  /** An item id, an area id, a priority id or an indicator code, by the link's kind. */
  linkTarget: z.string({ error: "commitments.errors.linkTarget" }).check(z.trim(), z.minLength(1, { error: "commitments.errors.linkTarget" }), z.maxLength(120, { error: "commitments.errors.linkTarget" }), safeText()),
  heard: localized,
  action: localized,
  responsibleBody: localized,
  dueOn: day,
  status: z.enum(COMMITMENT_STATUSES, { error: "commitments.errors.status" }),
  progress: z.int({ error: "commitments.errors.progress" }).check(z.minimum(0, { error: "commitments.errors.progress" }), z.maximum(100, { error: "commitments.errors.progress" })),
  declineReason: localized,
  /** One link a line. */
  evidence: z.string().check(z.maxLength(MAX_EVIDENCE_LINKS * (MAX_URL + 1), { error: "commitments.errors.tooManyLinks" }), safeText()),
  /** What this change is, in words, for the timeline. */
  note: localized,
};

type Draft = { heard: LocalizedText; action: LocalizedText; responsibleBody: LocalizedText; status: CommitmentStatus; progress: number; declineReason: LocalizedText; evidence: string };

// Each rule names the field it belongs to, so the form shows it there.
const rules = [
  z.refine<Draft>((value) => hasAnyLanguage(value.heard), { error: "commitments.errors.heardRequired", path: ["heard", "en"] }),
  z.refine<Draft>((value) => hasAnyLanguage(value.action), { error: "commitments.errors.actionRequired", path: ["action", "en"] }),
  z.refine<Draft>((value) => hasAnyLanguage(value.responsibleBody), { error: "commitments.errors.responsibleRequired", path: ["responsibleBody", "en"] }),
  z.refine<Draft>((value) => value.status !== "declined" || hasAnyLanguage(value.declineReason), { error: "commitments.errors.declineReasonRequired", path: ["declineReason", "en"] }),
  z.refine<Draft>((value) => value.status !== "done" || value.progress === 100, { error: "commitments.errors.doneProgress", path: ["progress"] }),
  z.refine<Draft>((value) => evidenceList(value.evidence).every(isEvidenceUrl), { error: "commitments.errors.evidenceUrl", path: ["evidence"] }),
  z.refine<Draft>((value) => evidenceList(value.evidence).length <= MAX_EVIDENCE_LINKS, { error: "commitments.errors.tooManyLinks", path: ["evidence"] }),
];

/** A new commitment: the town and the wave whose results it answers, then its fields. */
export const createCommitmentSchema = z
  .object({
    townCode: z.string({ error: "commitments.errors.town" }).check(z.minLength(1, { error: "commitments.errors.town" }), z.maxLength(60, { error: "commitments.errors.town" }), safeText()),
    waveSlug: z.string({ error: "commitments.errors.wave" }).check(z.minLength(1, { error: "commitments.errors.wave" }), z.maxLength(60, { error: "commitments.errors.wave" }), safeText()),
    ...commitmentShape,
  })
  .check(...rules);
export type CreateCommitmentInput = z.input<typeof createCommitmentSchema>;

/** A change to a commitment: every field as it is to be, and an optional note. */
export const updateCommitmentSchema = z.object({ id: z.int({ error: "commitments.errors.notFound" }).check(z.positive({ error: "commitments.errors.notFound" })), ...commitmentShape }).check(...rules);
export type UpdateCommitmentInput = z.input<typeof updateCommitmentSchema>;

export const EMPTY_TEXT: LocalizedText = { kk: "", ru: "", en: "" };

/** What a commitment holds, as compared between two states (an update's "old → new"). */
export interface CommitmentState {
  linkKind: CommitmentLinkKind;
  linkTarget: string;
  heard: LocalizedText;
  action: LocalizedText;
  responsibleBody: LocalizedText;
  dueOn: string;
  status: CommitmentStatus;
  progress: number;
  declineReason: LocalizedText | null;
  evidenceUrls: string[];
}

export const STATE_FIELDS = ["linkKind", "linkTarget", "heard", "action", "responsibleBody", "dueOn", "status", "progress", "declineReason", "evidenceUrls"] as const satisfies ReadonlyArray<keyof CommitmentState>;
export type StateField = (typeof STATE_FIELDS)[number];

/** Texts trimmed, a decline reason only for a declined commitment, the evidence as a list. */
export function stateOf(input: Omit<CreateCommitmentInput, "townCode" | "waveSlug" | "note">): CommitmentState {
  const trimmed = (value: LocalizedText): LocalizedText => ({ kk: value.kk.trim(), ru: value.ru.trim(), en: value.en.trim() });
  return {
    linkKind: input.linkKind,
    linkTarget: input.linkTarget.trim(),
    heard: trimmed(input.heard),
    action: trimmed(input.action),
    responsibleBody: trimmed(input.responsibleBody),
    dueOn: input.dueOn,
    status: input.status,
    progress: input.progress,
    declineReason: input.status === "declined" ? trimmed(input.declineReason) : null,
    evidenceUrls: [...new Set(evidenceList(input.evidence))],
  };
}

// Key order aside: jsonb gives an object's keys back in an order of its own.
const canonical = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(canonical) : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, inner]) => [key, canonical(inner)])) : value;
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** The fields that differ, old → new; empty when nothing changed. */
export function changesBetween(before: CommitmentState | null, after: CommitmentState): Partial<Record<StateField, { from: unknown; to: unknown }>> {
  const changes: Partial<Record<StateField, { from: unknown; to: unknown }>> = {};
  for (const field of STATE_FIELDS) {
    const from = before ? before[field] : null;
    if (!same(from, after[field])) changes[field] = { from, to: after[field] };
  }
  return changes;
}

/**
 * Overdue: due before today (in Kazakhstan, lib/time.ts) and neither done nor declined.
 * Dates are ISO days, so they compare as strings.
 */
export function isOverdue({ dueOn, status }: { dueOn: string; status: CommitmentStatus }, today: string): boolean {
  return dueOn < today && status !== "done" && status !== "declined";
}
