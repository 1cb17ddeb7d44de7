import { isAsked, withoutHidden } from "@/lib/survey/skip-logic";
import type { LocalizedText } from "@/lib/i18n/locales";
import type { ItemRule } from "@/lib/survey/types";

/**
 * The interviewer's device side of an interview (docs/fieldwork.md, "Conducting interviews
 * offline"): what the assignments sync said about the quota cells, and the submission built
 * from a finished interview. Pure, so the device's logic is tested without a browser.
 */

/** One quota cell (age band × sex) of an assignment, as of the device's last sync. */
export interface SyncedCell {
  ageBand: number;
  sex: number;
  target: number;
  completes: number;
  full: boolean;
}

/** An assignment as GET /api/fieldwork/assignments gives it. */
export interface SyncedAssignment {
  id: number;
  wave: { id: number; slug: string; name: LocalizedText; questionnaireVersion: string; open: boolean };
  town: { id: number; code: string; name: LocalizedText };
  target: number;
  completes: number;
  closed: boolean;
  cells: SyncedCell[];
}

/** The item ids asked first in an interview, each with a "refused to answer" choice. */
export const AGE_BAND_ITEM = "age_band";
export const SEX_ITEM = "sex";

/** What the device knows of the cell an interview falls in: unknown when either was refused. */
export function cellStatus(assignment: SyncedAssignment, ageBand: number | null, sex: number | null): "open" | "full" | "unknown" {
  if (ageBand === null || sex === null) return "unknown";
  const cell = assignment.cells.find((candidate) => candidate.ageBand === ageBand && candidate.sex === sex);
  if (!cell) return "unknown";
  return cell.full || cell.completes >= cell.target ? "full" : "open";
}

/** Whether an assignment can take a new interview on this device (open wave, not closed). */
export const canInterview = (assignment: SyncedAssignment) => assignment.wave.open && !assignment.closed;

/** Whole seconds from the first question shown to the last answer, never negative. */
export function interviewDuration(firstShownMs: number, lastAnswerMs: number): number {
  return Math.max(0, Math.round((lastAnswerMs - firstShownMs) / 1000));
}

/**
 * The ids of required items that are asked (skip logic) among `ids` and still unanswered.
 * Age band and sex are never among them: they are asked first, with a refusal allowed.
 */
export function missingRequired(rules: ItemRule[], answers: Record<string, unknown>, ids: string[]): string[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  return ids.filter((id) => {
    const rule = byId.get(id);
    if (!rule || !rule.required || id === AGE_BAND_ITEM || id === SEX_ITEM) return false;
    if (!isAsked(rule, answers, byId)) return false;
    const value = answers[id];
    return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
  });
}

/** Radio values are strings; the server gets codes as numbers and trimmed text, hidden items dropped. */
export function submittedAnswers(rules: ItemRule[], answers: Record<string, unknown>): Record<string, number | string> {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const out: Record<string, number | string> = {};
  for (const [id, value] of Object.entries(withoutHidden(rules, answers))) {
    const rule = byId.get(id);
    if (!rule || value === undefined || value === null) continue;
    if (rule.kind === "text") {
      if (typeof value === "string" && value.trim() !== "") out[id] = value.trim();
    } else if (value !== "") {
      const code = Number(value);
      if (Number.isInteger(code)) out[id] = code;
    }
  }
  return out;
}

export interface FinishedInterview {
  responseId: string;
  assignment: SyncedAssignment;
  locale: string;
  answers: Record<string, unknown>;
  ageBand: number | null;
  sex: number | null;
  /** Device time (ms) when consent was recorded. */
  consentAtMs: number;
  firstShownMs: number;
  lastAnswerMs: number;
}

/** The body of POST /api/responses for an interview (the contract of issue 14). */
export function interviewSubmission(rules: ItemRule[], interview: FinishedInterview) {
  const answers = submittedAnswers(rules, interview.answers);
  delete answers[AGE_BAND_ITEM];
  delete answers[SEX_ITEM];
  if (interview.ageBand !== null) answers[AGE_BAND_ITEM] = interview.ageBand;
  if (interview.sex !== null) answers[SEX_ITEM] = interview.sex;
  return {
    responseId: interview.responseId,
    waveId: interview.assignment.wave.id,
    townId: interview.assignment.town.id,
    locale: interview.locale,
    questionnaireVersion: interview.assignment.wave.questionnaireVersion,
    answers,
    interview: {
      assignmentId: interview.assignment.id,
      durationSeconds: interviewDuration(interview.firstShownMs, interview.lastAnswerMs),
      consentGiven: true as const,
      startedAt: new Date(interview.consentAtMs).toISOString(),
      ageBandRefused: interview.ageBand === null,
      sexRefused: interview.sex === null,
    },
  };
}

export type InterviewSubmission = ReturnType<typeof interviewSubmission>;
