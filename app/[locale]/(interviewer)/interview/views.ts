import type { QuestionView } from "@/app/[locale]/(resident)/survey/[wave]/question";
import type { ItemRule } from "@/lib/survey/types";

/** A questionnaire version's texts in the interviewer's language, rendered into the page so they work offline. */
export interface QuestionnaireView {
  rules: ItemRule[];
  areas: Array<{ id: string; title: string; items: QuestionView[] }>;
  ageBand: { text: string; options: Array<{ code: number; label: string }> };
  sex: { text: string; options: Array<{ code: number; label: string }> };
}

/** The texts of the "interviewer" namespace the app shows; ICU messages raw, formatted on the device. */
export const interviewTextKeys = [
  "title",
  "signInTitle",
  "signInIntro",
  "email",
  "password",
  "signIn",
  "signingIn",
  "signInOffline",
  "signInAgain",
  "signedInAs",
  "signOut",
  "signOutWarning",
  "signOutConfirm",
  "cancel",
  "offlineReady",
  "asOf",
  "neverSynced",
  "sync",
  "syncing",
  "syncFailed",
  "noAssignments",
  "progress",
  "closed",
  "cellsTitle",
  "ageBandColumn",
  "sexColumn",
  "completesColumn",
  "cellOpen",
  "cellFullShort",
  "start",
  "waiting",
  "sending",
  "refusedByServer",
  "refusals",
  "consentTitle",
  "consentReadAloud",
  "consentText",
  "consentGiven",
  "consentRefused",
  "refusedTitle",
  "refusedText",
  "backToAssignments",
  "demographicsTitle",
  "refusedToAnswer",
  "chooseOne",
  "cellFullTitle",
  "cellFull",
  "continueInterview",
  "finish",
  "savedTitle",
  "savedText",
  "nextInterview",
] as const;

/** Texts borrowed from the survey and errors namespaces. */
export const borrowedTextKeys = ["stepOf", "next", "back", "optional", "required", "fixErrors", "charactersLeft", "unexpected"] as const;

export type InterviewTexts = Record<(typeof interviewTextKeys)[number] | (typeof borrowedTextKeys)[number], string>;
