import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { priorities, priorityElections } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";

/** What the survey's priorities step shows for one town, in the reader's language. */
export interface SurveyElection {
  rule: "approval" | "budget";
  maxChoices: number | null;
  budget: number | null;
  priorities: Array<{ id: number; title: string; description: string; cost: number | null }>;
}

/**
 * The priorities step of every town of a wave that has an election, by town id: the town is
 * chosen in the survey, so the page sends them all (a few short texts per town).
 */
export async function surveyElections(waveId: number, locale: Locale): Promise<Record<number, SurveyElection>> {
  const db = await getDb();
  const [elections, list] = await Promise.all([
    db.select().from(priorityElections).where(eq(priorityElections.waveId, waveId)),
    db.select().from(priorities).where(eq(priorities.waveId, waveId)).orderBy(asc(priorities.position), asc(priorities.id)),
  ]);
  const byTown: Record<number, SurveyElection> = {};
  for (const election of elections) {
    const candidates = list.filter((priority) => priority.townId === election.townId);
    // An election without priorities asks nothing.
    if (candidates.length === 0) continue;
    byTown[election.townId] = {
      rule: election.rule,
      maxChoices: election.maxChoices,
      budget: election.budget,
      priorities: candidates.map((priority) => ({ id: priority.id, title: priority.title[locale], description: priority.description[locale], cost: priority.cost })),
    };
  }
  return byTown;
}
