import { getQuestionnaire, itemRules, latestQuestionnaireVersion, scaleOf } from "@/lib/survey/questionnaire";
import { withoutHidden } from "@/lib/survey/skip-logic";
import type { Item } from "@/lib/survey/types";
import { locales } from "@/lib/i18n/locales";
import type { Db } from "@/db/client";
import type { Wave } from "@/db/schema";
import { recordResponse } from "@/server/submissions/record";
import { todayInKazakhstan } from "@/lib/time";
import { storeDemoResponses, type DemoSubmission } from "@/scripts/seed/bulk";

/** A small deterministic generator (mulberry32), so every demo database looks the same. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function daysFrom(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * How a demo town's residents answer: a favourable lean (0..1) moved by area and by item,
 * and a trend per wave (index 0 the earliest demo wave). Invented for the demo, like every
 * demo answer: the app labels them as generated wherever they show. Item ids and areas that
 * the questionnaire does not have are ignored, so the profiles hold for any version.
 */
export interface DemoTownProfile {
  lean: number;
  areas?: Record<string, number>;
  items?: Record<string, number>;
  trend?: { all?: number[]; areas?: Record<string, number[]>; items?: Record<string, number[]> };
  /** Adults by age band (18–29, 30–44, 45–59, 60+) × sex (female, male), shares summing to 1. */
  population: Array<[ageBand: number, sex: number, share: number]>;
}

/**
 * The story the demo tells (README, "Demo data"):
 * - Ridder meets the programme's unemployment target (4.8 % against at most 5.5 %, a
 *   sourced figure), yet few residents think a good job can be found there; its buses got
 *   better between waves.
 * - Serebryansk has the worst heating and water: its utilities trail every other town.
 * - Kurchatov improves between waves on most questions, beyond sampling noise.
 * - Altai sits in between, with more confidence in jobs and housing.
 */
export const DEMO_TOWN_PROFILES: Record<string, DemoTownProfile> = {
  ridder: {
    lean: 0.55,
    areas: { jobs: -0.12, environment: -0.2 },
    items: { agree_find_job: -0.18, agree_depend_enterprise: 0.15, sat_air_quality: -0.1 },
    trend: { items: { sat_public_transport: [0, 0.14, 0.22] } },
    population: [[1, 1, 0.09], [1, 2, 0.095], [2, 1, 0.13], [2, 2, 0.125], [3, 1, 0.14], [3, 2, 0.12], [4, 1, 0.18], [4, 2, 0.12]],
  },
  altai: {
    lean: 0.5,
    areas: { jobs: 0.1, housing: 0.12 },
    population: [[1, 1, 0.1], [1, 2, 0.11], [2, 1, 0.135], [2, 2, 0.135], [3, 1, 0.13], [3, 2, 0.12], [4, 1, 0.16], [4, 2, 0.11]],
  },
  kurchatov: {
    lean: 0.4,
    areas: { administration: -0.05 },
    trend: { all: [0, 0.12, 0.2] },
    population: [[1, 1, 0.11], [1, 2, 0.12], [2, 1, 0.14], [2, 2, 0.14], [3, 1, 0.125], [3, 2, 0.115], [4, 1, 0.145], [4, 2, 0.105]],
  },
  serebryansk: {
    lean: 0.45,
    areas: { utilities: -0.32, housing: -0.1 },
    items: { sat_heating: -0.05, sat_water_supply: -0.05, sat_tap_water_quality: -0.3 },
    population: [[1, 1, 0.08], [1, 2, 0.09], [2, 1, 0.12], [2, 2, 0.12], [3, 1, 0.145], [3, 2, 0.13], [4, 1, 0.195], [4, 2, 0.12]],
  },
};
const DEFAULT_PROFILE: DemoTownProfile = { lean: 0.45, population: DEMO_TOWN_PROFILES.altai!.population };

/**
 * Like real online samples, the demo over-represents the young and women, and the young are
 * less content: so the weighted figures differ visibly from the unweighted ones.
 */
const DEMO_AGE_MIX = [0.34, 0.3, 0.22, 0.14];
const AGE_LEAN = [-0.12, -0.04, 0.04, 0.1];
const DEMO_FEMALE_SHARE = 0.6;
/**
 * Employment by the scale's option order (town-forming enterprise, other private, self-employed,
 * public sector, unemployed, retired, student in 2026.1): monotowns work for one employer, and few
 * run a business, so some groups stay small and are hidden in breakdowns. Options past these get 5 %.
 */
const EMPLOYMENT_MIX = [0.3, 0.18, 0.08, 0.17, 0.06, 0.14, 0.07];
const SEX_LEAN = [0.02, -0.02];
const ADULT_SHARE = 0.72;

export const DEMO_POPULATION_CITATION =
  "Demo structure (generated, not official): the town's population split by made-up adult age and sex shares";

/** Adults by age band × sex for a demo town: a made-up structure (weighting needs one), labelled so. */
export function demoPopulationCells(town: { id: number; code?: string; population: number | null }, year: number) {
  const adults = (town.population ?? 10_000) * ADULT_SHARE;
  const profile = (town.code && DEMO_TOWN_PROFILES[town.code]) || DEFAULT_PROFILE;
  return profile.population.map(([ageBand, sex, share]) => ({
    townId: town.id,
    ageBand,
    sex,
    population: Math.round(adults * share),
    year,
    sourceCitation: DEMO_POPULATION_CITATION,
    sourceUrl: null,
  }));
}

function pick<T>(next: () => number, weights: readonly number[], values: readonly T[]): T {
  const total = weights.slice(0, values.length).reduce((a, b) => a + b, 0);
  let draw = next() * total;
  for (let i = 0; i < values.length; i++) {
    draw -= weights[i] ?? 0;
    if (draw < 0) return values[i]!;
  }
  return values[values.length - 1]!;
}

const clamp = (value: number) => Math.min(0.95, Math.max(0.04, value));

/** The chance a resident answers an item favourably: the town's lean, moved by area, item, wave, age and sex. */
function favourableChance(profile: DemoTownProfile, item: Item, waveIndex: number, personLean: number): number {
  const at = (series: number[] | undefined) => (series ? (series[Math.min(waveIndex, series.length - 1)] ?? 0) : 0);
  return clamp(
    profile.lean +
      (profile.areas?.[item.area] ?? 0) +
      (profile.items?.[item.id] ?? 0) +
      at(profile.trend?.all) +
      at(profile.trend?.areas?.[item.area]) +
      at(profile.trend?.items?.[item.id]) +
      personLean,
  );
}

/**
 * Generated answers for one demo resident. `town` is a lean (0..1) or a town profile;
 * `waveIndex` picks the point of the profile's trend.
 */
export function demoAnswers(next: () => number, town: number | DemoTownProfile, waveIndex = 0): Record<string, number> {
  const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
  const profile: DemoTownProfile = typeof town === "number" ? { lean: town, population: [] } : town;
  const result: Record<string, number> = {};
  const ageIndex = pick(next, DEMO_AGE_MIX, [0, 1, 2, 3]);
  const sexIndex = next() < DEMO_FEMALE_SHARE ? 0 : 1;
  const personLean = AGE_LEAN[ageIndex]! + SEX_LEAN[sexIndex]!;
  for (const item of questionnaire.items) {
    if (item.kind === "text") continue;
    const scale = scaleOf(questionnaire, item);
    const opinions = scale.options.map((o) => o.code).filter((code) => !scale.missing.includes(code));
    if (opinions.length === 0) continue;
    // Age band and sex: nearly everyone gives them (weighting needs them), from the sample's mix.
    if (item.id === "age_band" || item.id === "sex") {
      if (next() < 0.04) continue;
      const index = item.id === "age_band" ? ageIndex : sexIndex;
      result[item.id] = opinions[Math.min(index, opinions.length - 1)]!;
      continue;
    }
    if (!item.required && next() < 0.3) continue;
    if (item.id === "employment") {
      result[item.id] = pick(next, opinions.map((_, i) => EMPLOYMENT_MIX[i] ?? 0.05), opinions);
      continue;
    }
    if (scale.missing.length > 0 && next() < 0.05) {
      result[item.id] = scale.missing[0]!;
      continue;
    }
    const favourable = opinions.filter((code) => scale.topBox.includes(code));
    const rest = opinions.filter((code) => !favourable.includes(code));
    const choices =
      favourable.length === 0 || rest.length === 0 ? opinions : next() < favourableChance(profile, item, waveIndex, personLean) ? favourable : rest;
    result[item.id] = choices[Math.floor(next() * choices.length)]!;
  }
  return withoutHidden(itemRules(questionnaire), result) as Record<string, number>;
}

/** A version 4 UUID from the generator: demo response ids are the same in every demo database. */
function demoUuid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
  hex[12] = "4";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * Generated responses for one demo wave. The open wave's arrive through recordResponse, as a
 * resident's would (in one transaction per town, so the embedded database writes them
 * fast); a closed wave's history is stored in bulk (storeDemoResponses: the same rows and
 * rollups, one statement per town).
 */
export async function seedDemoResponses({ db, wave, waveIndex = 0, towns, perTown }: {
  db: Db;
  wave: Wave;
  /** The wave's place among the demo waves, earliest 0: picks the towns' trend. */
  waveIndex?: number;
  towns: Array<{ id: number; code: string }>;
  perTown: number;
}): Promise<number> {
  if (perTown <= 0) return 0;
  // Demo answers arrive while the wave is open; for the open wave, up to today.
  const today = todayInKazakhstan();
  const lastDay = wave.closesOn < today ? wave.closesOn : today;
  const spanDays = Math.max(1, Math.round((Date.parse(lastDay) - Date.parse(wave.opensOn)) / 86_400_000) + 1);
  let stored = 0;
  for (const town of towns) {
    const next = random(2026 + 1_000 * waveIndex + town.id);
    const profile = DEMO_TOWN_PROFILES[town.code] ?? DEFAULT_PROFILE;
    const submissions: DemoSubmission[] = Array.from({ length: perTown }, () => ({
      day: daysFrom(lastDay, -Math.floor(next() * spanDays)),
      responseId: demoUuid(next),
      townId: town.id,
      locale: locales[Math.floor(next() * locales.length)]!,
      answers: demoAnswers(next, profile, waveIndex),
    }));
    if (wave.status === "closed") {
      stored += await storeDemoResponses({ db, wave, submissions });
      continue;
    }
    await db.transaction(async (tx) => {
      for (const { day, ...submission } of submissions) {
        const outcome = await recordResponse({
          db: tx as unknown as Db,
          isDemo: true,
          acceptClosedWave: true,
          day,
          submission: { ...submission, waveId: wave.id, questionnaireVersion: wave.questionnaireVersion },
        });
        if (outcome === "stored") stored++;
      }
    });
  }
  return stored;
}
