import "server-only";
import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { LocalizedText } from "@/lib/i18n/locales";
import { getQuestionnaire } from "@/lib/survey/questionnaire";
import { transitionError } from "@/lib/survey/wave-schema";
import type { Db } from "../client";
import { towns, waves, waveTowns } from "../schema";
import { recordAudit, type Actor } from "./audit";

export async function getOpenWaves({ db }: { db: Db }) {
  return db.select().from(waves).where(eq(waves.status, "open")).orderBy(asc(waves.opensOn));
}

/** Every wave, newest first. */
export async function listWaves({ db }: { db: Db }) {
  return db.select().from(waves).orderBy(desc(waves.opensOn), desc(waves.id));
}

export async function getWaveBySlug({ db, slug }: { db: Db; slug: string }) {
  const [wave] = await db.select().from(waves).where(eq(waves.slug, slug)).limit(1);
  return wave;
}

/** A wave's towns, by code. */
export async function getWaveTowns({ db, waveId }: { db: Db; waveId: number }) {
  return db
    .select({ id: towns.id, code: towns.code, name: towns.name })
    .from(waveTowns)
    .innerJoin(towns, eq(towns.id, waveTowns.townId))
    .where(eq(waveTowns.waveId, waveId))
    .orderBy(asc(towns.code));
}

export async function getWaveTown({ db, waveId, townCode }: { db: Db; waveId: number; townCode: string }) {
  const [row] = await db
    .select({ town: towns })
    .from(waveTowns)
    .innerJoin(towns, eq(towns.id, waveTowns.townId))
    .where(and(eq(waveTowns.waveId, waveId), eq(towns.code, townCode)));
  return row?.town;
}

/** A wave, its questionnaire and one of its towns by slug and code; undefined if any is missing. */
export async function getWaveTownContext({ db, slug, townCode }: { db: Db; slug: string; townCode: string }) {
  const wave = await getWaveBySlug({ db, slug });
  const questionnaire = wave && getQuestionnaire(wave.questionnaireVersion);
  const town = wave && (await getWaveTown({ db, waveId: wave.id, townCode }));
  return wave && questionnaire && town ? { wave, questionnaire, town } : undefined;
}

/** The latest closed wave before this one that asked the same town: what "change since" compares with. */
export async function getPreviousWave({ db, wave, townId }: { db: Db; wave: { id: number; opensOn: string }; townId: number }) {
  const [previous] = await db
    .select({ wave: waves })
    .from(waves)
    .innerJoin(waveTowns, and(eq(waveTowns.waveId, waves.id), eq(waveTowns.townId, townId)))
    .where(and(eq(waves.status, "closed"), lt(waves.opensOn, wave.opensOn)))
    .orderBy(desc(waves.opensOn))
    .limit(1);
  return previous?.wave;
}

/** Every wave, newest first (then by id), with its towns. */
export async function listWavesWithTowns({ db }: { db: Db }) {
  const allWaves = await db.select().from(waves).orderBy(desc(waves.opensOn), desc(waves.id));
  const members = await db
    .select({ waveId: waveTowns.waveId, code: towns.code, name: towns.name })
    .from(waveTowns)
    .innerJoin(towns, eq(towns.id, waveTowns.townId))
    .orderBy(asc(towns.code));
  return allWaves.map((wave) => ({
    ...wave,
    towns: members.filter((member) => member.waveId === wave.id).map(({ code, name }) => ({ code, name })),
  }));
}

/*
 * Wave management by an admin: each change and its audit entry share one transaction,
 * and the wave's row is locked while its status is checked and changed.
 */

export interface NewWaveInput {
  slug: string;
  name: LocalizedText;
  questionnaireVersion: string;
  opensOn: string;
  closesOn: string;
  townCodes: string[];
  requiresInvitation: boolean;
  hideResultsUntilClosed: boolean;
}

/** A new wave, always a draft; a taken slug or an unknown town is a field error. */
export async function createWave({ db, actor, wave: { townCodes, ...values } }: { db: Db; actor: Actor; wave: NewWaveInput }) {
  const codes = [...new Set(townCodes)].sort();
  await db.transaction(async (tx) => {
    const members = await tx.select({ id: towns.id }).from(towns).where(inArray(towns.code, codes));
    if (members.length !== codes.length) throw new AppError("adminWaves.errors.unknownTown", 400, "townCodes");
    const [created] = await tx
      .insert(waves)
      .values({ ...values, status: "draft" })
      .onConflictDoNothing({ target: waves.slug })
      .returning({ id: waves.id });
    if (!created) throw new AppError("adminWaves.errors.slugTaken", 409, "slug");
    await tx.insert(waveTowns).values(members.map((town) => ({ waveId: created.id, townId: town.id })));
    await recordAudit({ db: tx, actor, action: "waves.create", detail: { ...values, townCodes: codes } });
  });
}

async function lockedWave(tx: Db, slug: string) {
  const [wave] = await tx.select().from(waves).where(eq(waves.slug, slug)).for("update");
  if (!wave) throw new AppError("adminWaves.errors.notFound", 404);
  return wave;
}

/**
 * Opens a draft or closes an open wave (draft → open → closed, once). A wave whose closing
 * day has passed is not opened: it could take no answers.
 */
export async function changeWaveStatus({ db, actor, slug, to, today }: { db: Db; actor: Actor; slug: string; to: "open" | "closed"; today: string }) {
  await db.transaction(async (tx) => {
    const wave = await lockedWave(tx, slug);
    const refusal = transitionError(wave.status, to) ?? (to === "open" && wave.closesOn < today ? "adminWaves.errors.alreadyEnded" : null);
    if (refusal) throw new AppError(refusal, 409);
    await tx.update(waves).set({ status: to }).where(eq(waves.id, wave.id));
    await recordAudit({ db: tx, actor, action: to === "open" ? "waves.open" : "waves.close", detail: { slug, from: wave.status, to } });
  });
}

/** Whether results stay hidden until the wave closes; a closed wave's results are always shown. */
export async function setHideResults({ db, actor, slug, hideResultsUntilClosed }: { db: Db; actor: Actor; slug: string; hideResultsUntilClosed: boolean }) {
  await db.transaction(async (tx) => {
    const wave = await lockedWave(tx, slug);
    if (wave.status === "closed") throw new AppError("adminWaves.errors.hideClosed", 409);
    if (wave.hideResultsUntilClosed === hideResultsUntilClosed) return;
    await tx.update(waves).set({ hideResultsUntilClosed }).where(eq(waves.id, wave.id));
    await recordAudit({ db: tx, actor, action: "waves.hideResults", detail: { slug, status: wave.status, hideResultsUntilClosed } });
  });
}
