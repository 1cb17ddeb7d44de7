import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { answers, priorities, priorityBallots, priorityElections, responses, type Wave } from "@/db/schema";
import type { LocalizedText } from "@/lib/i18n/locales";
import { getQuestionnaire, scaleOf } from "@/lib/survey/questionnaire";
import { random } from "@/scripts/seed/demo";

/**
 * The demo's priorities step (issue 11): for each demo town, in the waves demo-2025 (closed)
 * and demo-2026 (open), a list of candidate priorities with made-up cost estimates in whole
 * tenge and a made-up budget, and ballots for about 70 % of the demo responses, drawn from
 * what each respondent said about the areas the priorities answer (a resident unhappy with
 * the heating is more likely to choose the heating mains). Deterministic, like the rest of
 * the demo: the same generator seeds every database alike. Invented, like every demo figure;
 * the ballots belong to demo responses (responses.is_demo), so they are labelled as demo data.
 */

interface DemoPriority {
  title: LocalizedText;
  description: LocalizedText;
  areaId: string;
  /** The items whose answers the priority would improve; the area's score is shown beside it. */
  itemIds: string[];
}

const CATALOGUE = {
  heating: {
    title: { kk: "Тозған жылу желілерін ауыстыру", ru: "Замена изношенных теплосетей", en: "Replace the worn-out heating mains" },
    description: {
      kk: "Қыста пәтерлер жылы болып, апаттық ажыратулар азаюы үшін жылу трассаларының ең тозған учаскелерін ауыстыру.",
      ru: "Заменить самые изношенные участки теплотрасс, чтобы зимой в квартирах было тепло, а аварийных отключений стало меньше.",
      en: "Replace the most worn sections of the heating mains, so flats stay warm in winter and emergency shutdowns become rarer.",
    },
    areaId: "utilities",
    itemIds: ["sat_heating"],
  },
  water: {
    title: { kk: "Таза ауыз су", ru: "Чистая питьевая вода", en: "Clean drinking water" },
    description: {
      kk: "Су алатын жерде жаңа сүзгілер орнатып, ескі су құбырларын ауыстыру: крандан таза су ақсын.",
      ru: "Установить новые фильтры на водозаборе и заменить старые водопроводные трубы, чтобы из крана шла чистая вода.",
      en: "New filters at the water intake and new pipes in place of the old ones, so clean water comes out of the tap.",
    },
    areaId: "utilities",
    itemIds: ["sat_water_supply", "sat_tap_water_quality"],
  },
  bus: {
    title: { kk: "Шеткері кентке автобус қатынасы", ru: "Автобус до отдалённого посёлка", en: "A bus route to the outlying village" },
    description: {
      kk: "Қала мен кент арасында кәсіпорындағы ауысымдарға сай таңғы және кешкі рейстері бар тұрақты автобус.",
      ru: "Регулярный автобус между городом и посёлком с утренними и вечерними рейсами под смены на предприятии.",
      en: "A regular bus between the town and the village, with morning and evening runs timed to the plant's shifts.",
    },
    areaId: "services",
    itemIds: ["sat_public_transport"],
  },
  youth: {
    title: { kk: "Жастар орталығы", ru: "Молодёжный центр", en: "A youth centre" },
    description: {
      kk: "Бос тұрған ғимаратты жасөспірімдер мен жастарға арналған үйірмелер, спорт залы және коворкинг ретінде жөндеу.",
      ru: "Отремонтировать пустующее здание под кружки, спортзал и коворкинг для подростков и молодёжи.",
      en: "Refit an empty building with clubs, a gym and a co-working space for teenagers and young adults.",
    },
    areaId: "services",
    itemIds: ["sat_sports_facilities", "sat_cultural_facilities"],
  },
  lighting: {
    title: { kk: "Көше жарығы", ru: "Уличное освещение", en: "Street lighting" },
    description: {
      kk: "Жарықсыз көшелерге, мектептер мен аялдамалардың маңына энергия үнемдейтін шамдар орнату.",
      ru: "Энергосберегающие фонари на неосвещённых улицах, у школ и остановок.",
      en: "Energy-saving street lamps on unlit streets and near schools and bus stops.",
    },
    areaId: "services",
    itemIds: ["sat_public_spaces"],
  },
  grants: {
    title: { kk: "Шағын бизнеске гранттар", ru: "Гранты малому бизнесу", en: "Grants for small businesses" },
    description: {
      kk: "Қала құраушы кәсіпорынға тәуелді емес өз ісін ашқысы келетіндерге шағын гранттар мен оқыту.",
      ru: "Небольшие гранты и обучение для тех, кто хочет открыть своё дело, не зависящее от градообразующего предприятия.",
      en: "Small grants and training for people starting a business that does not depend on the town-forming enterprise.",
    },
    areaId: "jobs",
    itemIds: ["agree_find_job", "sat_income"],
  },
  clinic: {
    title: { kk: "Емханаға жаңа жабдық", ru: "Оснащение поликлиники", en: "Equipment for the outpatient clinic" },
    description: {
      kk: "Облыс орталығына бармай-ақ тексерілу үшін қалалық емханаға жаңа диагностикалық жабдық алып, тар бейінді дәрігерлердің қабылдауын ашу.",
      ru: "Новое диагностическое оборудование и приём узких специалистов в городской поликлинике, чтобы не ездить на обследования в областной центр.",
      en: "New diagnostic equipment and visiting specialists at the town clinic, so residents need not travel to the regional centre for tests.",
    },
    areaId: "services",
    itemIds: ["sat_health_care"],
  },
  courtyards: {
    title: { kk: "Аулалар мен саябақты абаттандыру", ru: "Благоустройство дворов и парка", en: "Courtyards and the town park" },
    description: {
      kk: "Аулалар мен қалалық саябаққа балалар алаңдарын, орындықтар мен ағаштарды орнату.",
      ru: "Детские площадки, скамейки и деревья во дворах и в городском парке.",
      en: "Playgrounds, benches and trees in the courtyards and the town park.",
    },
    areaId: "services",
    itemIds: ["sat_green_spaces"],
  },
  waste: {
    title: { kk: "Қоқысты уақытылы шығару", ru: "Регулярный вывоз мусора", en: "Regular waste collection" },
    description: {
      kk: "Жаңа контейнер алаңдары және қоқысты кесте бойынша тұрақты шығару.",
      ru: "Новые контейнерные площадки и вывоз мусора строго по графику.",
      en: "New bin areas and waste collected on a fixed schedule.",
    },
    areaId: "environment",
    itemIds: ["sat_waste_collection"],
  },
} satisfies Record<string, DemoPriority>;
type PriorityKey = keyof typeof CATALOGUE;

interface DemoElection {
  rule: "approval" | "budget";
  maxChoices?: number;
  /** Whole tenge. */
  budget: number;
  /** Candidate priorities in their listed order, with made-up cost estimates in whole tenge. */
  priorities: Array<[PriorityKey, cost: number]>;
}

const MILLION = 1_000_000;

/** Made-up lists, costs and budgets per demo town; Kurchatov uses the budget rule, the others approval with up to 3 choices. */
export const DEMO_ELECTIONS: Record<string, DemoElection> = {
  ridder: {
    rule: "approval",
    maxChoices: 3,
    budget: 1_200 * MILLION,
    priorities: [["grants", 300 * MILLION], ["bus", 120 * MILLION], ["youth", 450 * MILLION], ["clinic", 600 * MILLION], ["lighting", 250 * MILLION], ["waste", 180 * MILLION]],
  },
  altai: {
    rule: "approval",
    maxChoices: 3,
    budget: 1_000 * MILLION,
    priorities: [["heating", 600 * MILLION], ["bus", 150 * MILLION], ["lighting", 130 * MILLION], ["youth", 300 * MILLION], ["clinic", 450 * MILLION], ["grants", 250 * MILLION], ["courtyards", 160 * MILLION]],
  },
  kurchatov: {
    rule: "budget",
    budget: 800 * MILLION,
    priorities: [["clinic", 400 * MILLION], ["youth", 300 * MILLION], ["lighting", 120 * MILLION], ["courtyards", 180 * MILLION], ["grants", 200 * MILLION], ["waste", 100 * MILLION]],
  },
  serebryansk: {
    rule: "approval",
    maxChoices: 3,
    budget: 1_200 * MILLION,
    priorities: [["heating", 900 * MILLION], ["water", 700 * MILLION], ["lighting", 150 * MILLION], ["youth", 350 * MILLION], ["bus", 90 * MILLION], ["courtyards", 200 * MILLION]],
  },
};

/** The demo waves that ask the priorities step. */
export const PRIORITY_DEMO_WAVES = ["demo-2025", "demo-2026"];
/** About this share of demo respondents answer the step; of them a few choose nothing. */
const ANSWER_SHARE = 0.7;
const EMPTY_SHARE = 0.04;

/**
 * The elections, priorities and ballots of one demo wave, for the towns given; nothing for a
 * wave that asks no priorities, or a town that already has its election (safe to run again).
 * Called once the wave's demo responses are stored.
 */
export async function seedDemoPriorities({ db, wave, waveIndex, towns }: { db: Db; wave: Wave; waveIndex: number; towns: Array<{ id: number; code: string }> }) {
  if (!PRIORITY_DEMO_WAVES.includes(wave.slug)) return 0;
  const questionnaire = getQuestionnaire(wave.questionnaireVersion)!;
  let stored = 0;
  for (const town of towns) {
    const plan = DEMO_ELECTIONS[town.code];
    if (!plan) continue;
    const [created] = await db
      .insert(priorityElections)
      .values({ waveId: wave.id, townId: town.id, rule: plan.rule, maxChoices: plan.maxChoices ?? null, budget: plan.budget })
      .onConflictDoNothing()
      .returning();
    if (!created) continue;
    const listed = await db
      .insert(priorities)
      .values(plan.priorities.map(([key, cost], position) => ({ waveId: wave.id, townId: town.id, position, cost, ...CATALOGUE[key] })))
      .returning({ id: priorities.id, itemIds: priorities.itemIds, cost: priorities.cost });

    // What each demo respondent said on the items the priorities answer, in response id order.
    const itemIds = [...new Set(listed.flatMap((priority) => priority.itemIds))];
    const said = await db
      .select({ responseId: answers.responseId, itemId: answers.itemId, value: answers.value })
      .from(answers)
      .innerJoin(responses, eq(responses.id, answers.responseId))
      .where(and(eq(responses.waveId, wave.id), eq(responses.townId, town.id), eq(responses.isDemo, true), inArray(answers.itemId, itemIds)));
    const respondents = await db
      .select({ id: responses.id })
      .from(responses)
      .where(and(eq(responses.waveId, wave.id), eq(responses.townId, town.id), eq(responses.isDemo, true)))
      .orderBy(asc(responses.id));
    const byResponse = new Map<string, Map<string, number>>();
    for (const row of said) {
      const answered = byResponse.get(row.responseId) ?? new Map<string, number>();
      answered.set(row.itemId, row.value);
      byResponse.set(row.responseId, answered);
    }
    const unfavourable = (itemId: string, value: number | undefined) => {
      const item = questionnaire.items.find((candidate) => candidate.id === itemId);
      if (!item || value === undefined) return null;
      const scale = scaleOf(questionnaire, item);
      return scale.missing.includes(value) ? null : !scale.topBox.includes(value);
    };

    const next = random(11_000 + 1_000 * waveIndex + town.id);
    const ballots = respondents.flatMap(({ id }) => {
      if (next() >= ANSWER_SHARE) return [];
      if (next() < EMPTY_SHARE) return [{ responseId: id, choices: [] as number[] }];
      const answered = byResponse.get(id) ?? new Map<string, number>();
      // Each priority's pull on this resident: stronger the less content they are with what it answers.
      const pulls = listed.map((priority) => {
        const judged = priority.itemIds.map((itemId) => unfavourable(itemId, answered.get(itemId))).filter((v): v is boolean => v !== null);
        const discontent = judged.length === 0 ? 0.5 : judged.filter(Boolean).length / judged.length;
        return 0.25 + 1.6 * discontent * discontent;
      });
      const want = plan.rule === "approval" ? [1, 2, 3, 3][Math.floor(next() * 4)]! : 1 + Math.floor(next() * 4);
      const chosen: number[] = [];
      let spent = 0;
      const open = listed.map((_, index) => index);
      while (chosen.length < Math.min(want, plan.maxChoices ?? listed.length) && open.length > 0) {
        const total = open.reduce((sum, index) => sum + pulls[index]!, 0);
        let draw = next() * total;
        let at = open.findIndex((index) => (draw -= pulls[index]!) < 0);
        if (at < 0) at = open.length - 1;
        const [index] = open.splice(at, 1) as [number];
        const cost = listed[index]!.cost ?? 0;
        // The budget rule: a choice that would go over the budget is not made.
        if (plan.rule === "budget" && spent + cost > plan.budget) continue;
        spent += cost;
        chosen.push(listed[index]!.id);
      }
      return [{ responseId: id, choices: chosen.sort((a, b) => a - b) }];
    });
    for (let start = 0; start < ballots.length; start += 500) {
      await db.insert(priorityBallots).values(ballots.slice(start, start + 500));
    }
    stored += ballots.length;
  }
  return stored;
}
