import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { recordAudit, type Actor } from "@/db/queries/audit";
import { getWaveBySlug, getWaveTown, getWaveTowns, listWaves } from "@/db/queries/waves";
import { priorities, priorityBallots, priorityElections, responses as responseRows, townResponseCounts } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { ElectionValues, PriorityValues } from "@/lib/priorities/admin-schema";
import { getQuestionnaire } from "@/lib/survey/questionnaire";

/*
 * An admin's list of a town's candidate priorities for a wave, and the ballot rule
 * (issue 11, point 1). Lock rule: once the wave has responses in the town, the texts (and the
 * area a priority answers) can still be corrected, but adding, removing or re-costing a
 * priority, or changing the rule, the number of choices or the budget, is refused: ballots
 * were cast on that set. Each change and its audit entry share one transaction, which
 * checks the lock with the election's row locked (a ballot being stored holds a share lock
 * on it, server/priorities/ballots.ts).
 */

const refuse = (name: string, status = 409, field?: string) => new AppError(`priorities.admin.errors.${name}`, status, field);

async function responsesIn(db: Db, waveId: number, townId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${townResponseCounts.responses}), 0)::int` })
    .from(townResponseCounts)
    .where(and(eq(townResponseCounts.waveId, waveId), eq(townResponseCounts.townId, townId)));
  return Number(row?.n ?? 0);
}

async function waveTownOf(db: Db, waveSlug: string, townCode: string) {
  const wave = await getWaveBySlug({ db, slug: waveSlug });
  const town = wave && (await getWaveTown({ db, waveId: wave.id, townCode }));
  const questionnaire = wave && getQuestionnaire(wave.questionnaireVersion);
  if (!wave || !town || !questionnaire) throw refuse("notFound", 404);
  return { wave, town, questionnaire };
}

async function lockedElection(tx: Db, waveId: number, townId: number) {
  const [election] = await tx
    .select()
    .from(priorityElections)
    .where(and(eq(priorityElections.waveId, waveId), eq(priorityElections.townId, townId)))
    .for("update");
  return election;
}

function prioritiesOf(db: Db, waveId: number, townId: number) {
  return db
    .select()
    .from(priorities)
    .where(and(eq(priorities.waveId, waveId), eq(priorities.townId, townId)))
    .orderBy(asc(priorities.position), asc(priorities.id));
}

/** Every wave, newest first, for the admin's choice of wave. */
export async function priorityWaves() {
  return listWaves({ db: await getDb() });
}

/** A wave's towns, each with its election's rule (if any), number of priorities and responses, for the admin's list. */
export async function priorityWaveTowns(waveSlug: string) {
  const db = await getDb();
  const wave = await getWaveBySlug({ db, slug: waveSlug });
  if (!wave) return undefined;
  const [towns, elections, counts] = await Promise.all([
    getWaveTowns({ db, waveId: wave.id }),
    db.select().from(priorityElections).where(eq(priorityElections.waveId, wave.id)),
    db
      .select({ townId: priorities.townId, n: sql<number>`count(*)::int` })
      .from(priorities)
      .where(eq(priorities.waveId, wave.id))
      .groupBy(priorities.townId),
  ]);
  return {
    wave,
    towns: towns.map((town) => ({
      ...town,
      election: elections.find((election) => election.townId === town.id),
      priorities: Number(counts.find((count) => count.townId === town.id)?.n ?? 0),
    })),
  };
}

/** One town's election in a wave, its priorities, and whether responses lock the set; undefined for an unknown wave or town. */
export async function priorityElectionView(waveSlug: string, townCode: string) {
  const db = await getDb();
  const found = await waveTownOf(db, waveSlug, townCode).catch(() => undefined);
  if (!found) return undefined;
  const { wave, town, questionnaire } = found;
  const [[election], list, responses, [ballots]] = await Promise.all([
    db
      .select()
      .from(priorityElections)
      .where(and(eq(priorityElections.waveId, wave.id), eq(priorityElections.townId, town.id))),
    prioritiesOf(db, wave.id, town.id),
    responsesIn(db, wave.id, town.id),
    // How many answered the step, not what: the admin sees the step reach people (rejected interviews left out).
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(priorityBallots)
      .innerJoin(responseRows, eq(responseRows.id, priorityBallots.responseId))
      .where(and(eq(responseRows.waveId, wave.id), eq(responseRows.townId, town.id), eq(responseRows.rejected, false))),
  ]);
  return { wave, town, questionnaire, election, priorities: list, locked: responses > 0, ballots: Number(ballots?.n ?? 0) };
}

/**
 * Creates or changes the town's election. After the first response only an unchanged rule
 * passes; a budget rule needs every priority already listed to have a cost.
 */
export async function saveElection(actor: Actor, input: ElectionValues) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { wave, town } = await waveTownOf(tx, input.waveSlug, input.townCode);
    const before = await lockedElection(tx, wave.id, town.id);
    const after = {
      rule: input.rule,
      maxChoices: input.rule === "approval" ? (input.maxChoices ?? null) : null,
      budget: input.budget ?? null,
    };
    const changed = !before || before.rule !== after.rule || before.maxChoices !== after.maxChoices || before.budget !== after.budget;
    if (!changed) return;
    if ((await responsesIn(tx, wave.id, town.id)) > 0) throw refuse("locked");
    if (after.rule === "budget") {
      const list = await prioritiesOf(tx, wave.id, town.id);
      if (list.some((priority) => priority.cost === null)) throw refuse("costsNeeded", 409, "rule");
    }
    if (before) {
      await tx.update(priorityElections).set(after).where(and(eq(priorityElections.waveId, wave.id), eq(priorityElections.townId, town.id)));
    } else {
      await tx.insert(priorityElections).values({ waveId: wave.id, townId: town.id, ...after });
    }
    await recordAudit({
      db: tx,
      actor,
      action: "priorityLists.rule",
      detail: { wave: wave.slug, town: town.code, ...after, ...(before ? { from: { rule: before.rule, maxChoices: before.maxChoices, budget: before.budget } } : {}) },
    });
  });
}

/** The area and items a priority answers, checked against the wave's questionnaire. */
function checkAnswers(questionnaire: NonNullable<ReturnType<typeof getQuestionnaire>>, areaId: string, itemIds: string[]) {
  if (!(questionnaire.areas as readonly string[]).includes(areaId)) throw refuse("unknownArea", 400, "areaId");
  const inArea = new Set(questionnaire.items.filter((item) => item.area === areaId).map((item) => item.id));
  if (itemIds.some((id) => !inArea.has(id))) throw refuse("unknownItem", 400, "itemIds");
}

/**
 * Adds a priority, or corrects one (`id`). Once the town has responses, a new priority or a
 * changed cost is refused; texts and the area it answers may still be corrected.
 */
export async function savePriority(actor: Actor, input: PriorityValues) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { wave, town, questionnaire } = await waveTownOf(tx, input.waveSlug, input.townCode);
    const election = await lockedElection(tx, wave.id, town.id);
    if (!election) throw refuse("noElection");
    const itemIds = [...new Set(input.itemIds)];
    checkAnswers(questionnaire, input.areaId, itemIds);
    const cost = input.cost ?? null;
    if (election.rule === "budget" && cost === null) throw refuse("costRequired", 400, "cost");
    const values = { title: input.title, description: input.description, cost, areaId: input.areaId, itemIds };
    const locked = (await responsesIn(tx, wave.id, town.id)) > 0;
    if (input.id === undefined) {
      if (locked) throw refuse("locked");
      const list = await prioritiesOf(tx, wave.id, town.id);
      const position = list.reduce((last, priority) => Math.max(last, priority.position + 1), 0);
      const [created] = await tx.insert(priorities).values({ waveId: wave.id, townId: town.id, position, ...values }).returning({ id: priorities.id });
      await recordAudit({ db: tx, actor, action: "priorityLists.add", detail: { wave: wave.slug, town: town.code, id: created!.id, title: input.title.en, cost, areaId: input.areaId } });
      return;
    }
    const [before] = await tx
      .select()
      .from(priorities)
      .where(and(eq(priorities.id, input.id), eq(priorities.waveId, wave.id), eq(priorities.townId, town.id)));
    if (!before) throw refuse("notFound", 404);
    if (locked && before.cost !== cost) throw refuse("locked", 409, "cost");
    await tx.update(priorities).set(values).where(eq(priorities.id, before.id));
    const changes = Object.fromEntries(
      (Object.keys(values) as Array<keyof typeof values>)
        .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(values[field]))
        .map((field) => [field, { from: before[field], to: values[field] }]),
    );
    await recordAudit({ db: tx, actor, action: "priorityLists.correct", detail: { wave: wave.slug, town: town.code, id: before.id, changes } });
  });
}

/** Removes a priority; refused once the town has responses. */
export async function removePriority(actor: Actor, input: { waveSlug: string; townCode: string; id: number }) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { wave, town } = await waveTownOf(tx, input.waveSlug, input.townCode);
    await lockedElection(tx, wave.id, town.id);
    const [before] = await tx
      .select()
      .from(priorities)
      .where(and(eq(priorities.id, input.id), eq(priorities.waveId, wave.id), eq(priorities.townId, town.id)));
    if (!before) throw refuse("notFound", 404);
    if ((await responsesIn(tx, wave.id, town.id)) > 0) throw refuse("locked");
    await tx.delete(priorities).where(eq(priorities.id, before.id));
    await recordAudit({ db: tx, actor, action: "priorityLists.remove", detail: { wave: wave.slug, town: town.code, id: before.id, title: before.title.en, cost: before.cost } });
  });
}
