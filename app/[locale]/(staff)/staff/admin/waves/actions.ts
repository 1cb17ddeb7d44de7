"use server";

import { getDb } from "@/db/client";
import { todayInKazakhstan } from "@/db/queries/responses";
import { changeWaveStatus, createWave as insertWave, setHideResults } from "@/db/queries/waves";
import { staffAction } from "@/app/staff-action";
import { createWaveSchema, hideResultsSchema, waveSlugSchema } from "@/lib/survey/wave-schema";
import { fieldErrorsOf } from "@/lib/survey/response-schema";

/*
 * Survey waves, for admins ("waves.manage"). Each action checks the caller's role itself
 * (staffAction) and validates its input with the schema the form uses.
 */

export async function createWave(input: unknown) {
  return staffAction("createWave", "waves.manage", async (user) => {
    const parsed = createWaveSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    await insertWave({ db: await getDb(), actor: user, wave: parsed.data });
    return { status: "ok" };
  });
}

export async function openWave(input: unknown) {
  return staffAction("openWave", "waves.manage", async (user) => {
    const parsed = waveSlugSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    await changeWaveStatus({ db: await getDb(), actor: user, slug: parsed.data.slug, to: "open", today: todayInKazakhstan() });
    return { status: "ok" };
  });
}

export async function closeWave(input: unknown) {
  return staffAction("closeWave", "waves.manage", async (user) => {
    const parsed = waveSlugSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    await changeWaveStatus({ db: await getDb(), actor: user, slug: parsed.data.slug, to: "closed", today: todayInKazakhstan() });
    return { status: "ok" };
  });
}

export async function setWaveHideResults(input: unknown) {
  return staffAction("setWaveHideResults", "waves.manage", async (user) => {
    const parsed = hideResultsSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    await setHideResults({ db: await getDb(), actor: user, ...parsed.data });
    return { status: "ok" };
  });
}
