import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { fieldworkAssignments, fieldworkQuotas, populationCells, towns, users, waves } from "@/db/schema";
import { drawQuotas } from "@/lib/fieldwork/quotas";

/** The demo's fieldwork: the demo interviewer's assignment in Ridder in the open demo wave. */
export const DEMO_INTERVIEWER_EMAIL = "interviewer@demo.qala";
export const DEMO_ASSIGNMENT = { waveSlug: "demo-2026", townCode: "ridder", target: 30 } as const;

/**
 * Gives the demo interviewer an assignment of DEMO_ASSIGNMENT.target interviews in Ridder in
 * the open demo wave, with quota cells drawn from Ridder's population cells. Idempotent, and
 * a no-op until the demo accounts exist (the seed makes them after the waves, then calls this again).
 */
export async function seedDemoFieldwork(db: Db): Promise<boolean> {
  const [interviewer] = await db.select({ id: users.id }).from(users).where(and(eq(users.email, DEMO_INTERVIEWER_EMAIL), eq(users.role, "interviewer"))).limit(1);
  const [wave] = await db.select({ id: waves.id }).from(waves).where(eq(waves.slug, DEMO_ASSIGNMENT.waveSlug)).limit(1);
  const [town] = await db.select({ id: towns.id }).from(towns).where(eq(towns.code, DEMO_ASSIGNMENT.townCode)).limit(1);
  if (!interviewer || !wave || !town) return false;
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: fieldworkAssignments.id })
      .from(fieldworkAssignments)
      .where(and(eq(fieldworkAssignments.waveId, wave.id), eq(fieldworkAssignments.townId, town.id), eq(fieldworkAssignments.interviewerId, interviewer.id)))
      .limit(1);
    if (existing) return false;
    const population = await tx.select({ ageBand: populationCells.ageBand, sex: populationCells.sex, population: populationCells.population }).from(populationCells).where(eq(populationCells.townId, town.id));
    const cells = drawQuotas(DEMO_ASSIGNMENT.target, population).filter((cell) => cell.target > 0);
    const [assignment] = await tx.insert(fieldworkAssignments).values({ waveId: wave.id, townId: town.id, interviewerId: interviewer.id, target: DEMO_ASSIGNMENT.target }).returning({ id: fieldworkAssignments.id });
    if (cells.length > 0) await tx.insert(fieldworkQuotas).values(cells.map((cell) => ({ assignmentId: assignment!.id, ageBand: cell.ageBand, sex: cell.sex, target: cell.target })));
    return true;
  });
}
