import { randomUUID } from "node:crypto";
import { getQuestionnaire, itemRules, latestQuestionnaireVersion, scaleOf } from "@/lib/survey/questionnaire";
import { withoutHidden } from "@/lib/survey/skip-logic";
import { locales } from "@/lib/i18n/locales";
import type { Db } from "@/db/client";
import { recordResponse } from "@/server/submissions/record";
import { todayInKazakhstan } from "@/lib/time";

/** A small deterministic generator (mulberry32), so every demo database looks the same. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// How favourably residents of each demo town lean, 0..1. Invented for the demo, like
// every demo answer: the app labels them as generated wherever they show.
const leaning: Record<string, number> = { ridder: 0.45, altai: 0.35, kurchatov: 0.5, serebryansk: 0.3 };

export function daysFrom(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Age bands 18–29, 30–44, 45–59, 60+ in the demo sample, and how each shifts contentment. */
const DEMO_AGE_MIX = [0.4, 0.3, 0.2, 0.1];
const AGE_LEAN = [-0.15, -0.05, 0.05, 0.15];

/**
 * Adults by age band × sex as shares of a town's population: an illustrative structure for
 * the demo (weighting needs one), not an official figure, and labelled so.
 */
const DEMO_POPULATION_SHARES: Array<[ageBand: number, sex: number, share: number]> = [
  [1, 1, 0.105], [1, 2, 0.11], [2, 1, 0.14], [2, 2, 0.135],
  [3, 1, 0.13], [3, 2, 0.115], [4, 1, 0.16], [4, 2, 0.105],
];
const ADULT_SHARE = 0.72;

export function demoPopulationCells(town: { id: number; population: number | null }, year: number) {
  const adults = (town.population ?? 10_000) * ADULT_SHARE;
  return DEMO_POPULATION_SHARES.map(([ageBand, sex, share]) => ({
    townId: town.id,
    ageBand,
    sex,
    population: Math.round(adults * share),
    year,
    sourceCitation: "Demo structure: the town's population split by typical adult age and sex shares; not an official figure",
    sourceUrl: null,
  }));
}

/** Generated answers for one demo resident: favourable codes more often where the town leans so. */
export function demoAnswers(next: () => number, townLean: number): Record<string, number> {
  const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
  const result: Record<string, number> = {};
  // Like real online samples, the demo over-represents the young, and the young are less
  // content: so the weighted figures differ visibly from the unweighted ones.
  const draw = next();
  const ageBand = DEMO_AGE_MIX.findIndex((_, i) => draw < DEMO_AGE_MIX.slice(0, i + 1).reduce((a, b) => a + b, 0)) + 1 || DEMO_AGE_MIX.length;
  const lean = townLean + AGE_LEAN[ageBand - 1]!;
  for (const item of questionnaire.items) {
    if (item.kind === "text") continue;
    const scale = scaleOf(questionnaire, item);
    if (!item.required && next() < 0.3) continue;
    if (item.id === "age_band") {
      result[item.id] = ageBand;
      continue;
    }
    if (scale.missing.length > 0 && next() < 0.06) {
      result[item.id] = scale.missing[0]!;
      continue;
    }
    const opinions = scale.options.map((o) => o.code).filter((code) => !scale.missing.includes(code));
    const favourable = opinions.filter((code) => scale.topBox.includes(code));
    const pool = favourable.length > 0 && next() < lean ? favourable : opinions.filter((c) => !favourable.includes(c));
    const choices = pool.length > 0 ? pool : opinions;
    result[item.id] = choices[Math.floor(next() * choices.length)]!;
  }
  return withoutHidden(itemRules(questionnaire), result) as Record<string, number>;
}

export async function seedDemoResponses({ db, wave, towns, perTown }: {
  db: Db;
  wave: { id: number; opensOn: string; closesOn: string };
  towns: Array<{ id: number; code: string }>;
  perTown: number;
}): Promise<number> {
  const next = random(2026 + wave.id);
  const waveId = wave.id;
  // Demo answers arrive while the wave is open; for the open wave, up to today.
  const lastDay = wave.closesOn < todayInKazakhstan() ? wave.closesOn : todayInKazakhstan();
  let stored = 0;
  for (const town of towns) {
    const lean = leaning[town.code] ?? 0.4;
    for (let i = 0; i < perTown; i++) {
      const outcome = await recordResponse({
        db,
        isDemo: true,
        acceptClosedWave: true,
        day: daysFrom(lastDay, -Math.floor(next() * 30)),
        submission: {
          responseId: randomUUID(),
          waveId,
          townId: town.id,
          locale: locales[Math.floor(next() * locales.length)]!,
          questionnaireVersion: latestQuestionnaireVersion,
          answers: demoAnswers(next, lean),
        },
      });
      if (outcome === "stored") stored++;
    }
  }
  return stored;
}
