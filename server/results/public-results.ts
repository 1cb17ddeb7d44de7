import "server-only";
import { getDb, type Db } from "@/db/client";
import { getItemCounts, getLatestIndicatorValues, getTownResponseCount } from "@/db/queries/rollups";
import { getPreviousWave, getWaveTownContext } from "@/db/queries/waves";
import { comparable } from "@/lib/survey/comparability";
import { getQuestionnaire } from "@/lib/survey/questionnaire";
import { throughGate } from "./gate";

/**
 * A town's results for the public: undefined for an unknown wave or town, and counts and
 * figures only once the gate lets the public see them (once the wave has closed, whatever
 * the wave allows staff). With them, the town's previous closed wave (through the gate too)
 * and its counts, for the change since then; null when there is none.
 */
export async function loadPublicTownResults({ db: given, slug, townCode }: { db?: Db; slug: string; townCode: string }) {
  const db = given ?? (await getDb());
  const context = await getWaveTownContext({ db, slug, townCode });
  if (!context) return undefined;
  const wave = throughGate(context.wave, "public");
  if (!wave) return { wave: context.wave, town: context.town, published: false as const };
  const [counts, figures, { responses, demoResponses }, previousRow] = await Promise.all([
    getItemCounts({ db, waveId: wave.id, townId: context.town.id }),
    getLatestIndicatorValues({ db, townId: context.town.id, closesOn: wave.closesOn }),
    getTownResponseCount({ db, waveId: wave.id, townId: context.town.id }),
    getPreviousWave({ db, wave, townId: context.town.id }),
  ]);
  const previousWave = previousRow ? throughGate(previousRow, "public") : null;
  const previousQuestionnaire = previousWave ? getQuestionnaire(previousWave.questionnaireVersion) : undefined;
  const previous =
    previousWave && previousQuestionnaire
      ? {
          wave: previousWave,
          questionnaire: previousQuestionnaire,
          counts: await getItemCounts({ db, waveId: previousWave.id, townId: context.town.id }),
          /** Whether an item of this wave may be compared with the previous wave's (lib/survey/comparability.ts). */
          comparable: (itemId: string) => comparable(previousQuestionnaire.version, itemId, context.questionnaire.version),
        }
      : null;
  return { ...context, wave, published: true as const, counts, figures, responses, demoResponses, previous };
}
