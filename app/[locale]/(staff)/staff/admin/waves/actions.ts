"use server";

import { createWaveSchema, hideResultsSchema, waveSlugSchema } from "@/lib/survey/wave-schema";
import { staffAction } from "@/server/auth/staff-action";
import * as waves from "@/server/waves";

/* Survey waves, for admins ("waves.manage"), each validated with the schema its form uses. */

export const createWave = staffAction("createWave", createWaveSchema, "waves.manage", (input, user) => waves.createWave(user, input));

export const openWave = staffAction("openWave", waveSlugSchema, "waves.manage", (input, user) => waves.setWaveStatus(user, input.slug, "open"));

export const closeWave = staffAction("closeWave", waveSlugSchema, "waves.manage", (input, user) => waves.setWaveStatus(user, input.slug, "closed"));

export const setWaveHideResults = staffAction("setWaveHideResults", hideResultsSchema, "waves.manage", (input, user) => waves.setWaveHideResults(user, input));
