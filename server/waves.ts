import "server-only";
import { getDb } from "@/db/client";
import type { Actor } from "@/db/queries/audit";
import { changeWaveStatus, createWave as insertWave, getOpenWaves, getWaveBySlug, getWaveTowns, listWavesWithTowns, setHideResults, type NewWaveInput } from "@/db/queries/waves";
import { getTowns } from "@/db/queries/towns";
import { isWaveOpen } from "@/lib/survey/wave-rules";
import { todayInKazakhstan } from "@/lib/time";

/*
 * Survey waves: what residents are offered, and what admins change. Results of a wave are
 * read through server/results (the gate), never here.
 */

export async function openWaves() {
  return getOpenWaves({ db: await getDb() });
}

/** Closed waves with their towns: whose results the public may read (the results page applies the gate). */
export async function closedWavesWithTowns() {
  return (await listWavesWithTowns({ db: await getDb() })).filter((wave) => wave.status === "closed");
}

/** The survey page's wave, its towns, and whether it takes answers today; undefined for an unknown wave. */
export async function surveyWave(slug: string, today = todayInKazakhstan()) {
  const db = await getDb();
  const wave = await getWaveBySlug({ db, slug });
  if (!wave) return undefined;
  return { wave, open: isWaveOpen(wave, today), towns: await getWaveTowns({ db, waveId: wave.id }) };
}

/** The wave and town a resident has just answered for, for the thank-you page. */
/** The wave a resident just answered, with its towns: the thanks page picks theirs on the phone. */
export async function answeredWave(slug: string) {
  const db = await getDb();
  const wave = await getWaveBySlug({ db, slug });
  return wave ? { wave, towns: await getWaveTowns({ db, waveId: wave.id }) } : undefined;
}

export async function allTowns() {
  return getTowns({ db: await getDb() });
}

export async function createWave(actor: Actor, wave: NewWaveInput) {
  await insertWave({ db: await getDb(), actor, wave });
}

export async function setWaveStatus(actor: Actor, slug: string, to: "open" | "closed", today = todayInKazakhstan()) {
  await changeWaveStatus({ db: await getDb(), actor, slug, to, today });
}

export async function setWaveHideResults(actor: Actor, input: { slug: string; hideResultsUntilClosed: boolean }) {
  await setHideResults({ db: await getDb(), actor, ...input });
}

export async function waveBySlug(slug: string) {
  return getWaveBySlug({ db: await getDb(), slug });
}
