import "server-only";
import { getDb } from "@/db/client";
import type { CommitmentRow } from "@/db/queries/commitments";
import type { Locale } from "@/lib/i18n/locales";
import type { Audience } from "@/lib/survey/wave-rules";
import { shownCommitments as shown } from "./public";

/** The commitments as staff pages show them ("did it work" through the gate for this audience). */
export async function shownCommitments({ rows, locale, audience }: { rows: CommitmentRow[]; locale: Locale; audience: Audience }) {
  return shown({ db: await getDb(), rows, locale, audience });
}

export type { CommitmentRow } from "@/db/queries/commitments";
