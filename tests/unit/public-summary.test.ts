import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import { publicSummary, type SummarySentence } from "@/lib/stats/public-summary";
import { allItemSummaries, targetsVsPeople, type OfficialFigure } from "@/lib/stats/targets-vs-people";
import { getQuestionnaire, latestQuestionnaireVersion, scaleOf } from "@/lib/survey/questionnaire";

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
const k = 10;

/** Counts giving every scored item `n` opinions, `share` of them favourable (or as overridden per item). */
function countsFor(share: number, n: number, overrides: Record<string, [share: number, n: number]> = {}) {
  const counts = new Map<string, Map<number, number>>();
  for (const item of questionnaire.items) {
    const scale = scaleOf(questionnaire, item);
    if (scale.topBox.length === 0) continue;
    const [itemShare, itemN] = overrides[item.id] ?? [share, n];
    const unfavourable = scale.options.find((option) => !scale.topBox.includes(option.code) && !scale.missing.includes(option.code))!.code;
    const favourable = Math.round(itemShare * itemN);
    counts.set(item.id, new Map([[scale.topBox[0]!, favourable], [unfavourable, itemN - favourable]]));
  }
  return counts;
}

const unemploymentMet: OfficialFigure = {
  indicator: { code: "unemployment_rate", name: { kk: "Жұмыссыздық", ru: "Безработица", en: "Unemployment rate" }, unit: { kk: "%", ru: "%", en: "%" }, higherIsBetter: false },
  value: { period: "2014-08-01", value: 4.8, target: 5.5, sourceCitation: "slide 11", sourceUrl: null },
};

function summarise(counts: Map<string, Map<number, number>>, { responses = 100, demoResponses = 0, figures = [unemploymentMet] } = {}) {
  const sentences = publicSummary({
    responses,
    demoResponses,
    areas: questionnaire.areas,
    items: allItemSummaries({ questionnaire, counts, k, locale: "en" }),
    targets: targetsVsPeople({ questionnaire, counts, figures, k, locale: "en" }),
    format: {
      percent: (share) => `${Math.round(share * 100)} %`,
      list: (names) => names.join(" and "),
      areaName: (area) => en.survey.areas[area],
    },
  });
  return { sentences, text: render(sentences) };
}

function render(sentences: SummarySentence[]): string {
  const messages = en.results.summary as Record<string, string>;
  return sentences.map(({ key, values }) => new IntlMessageFormat(messages[key]!, "en").format(values)).join(" ");
}

const itemText = (id: string) => questionnaire.items.find((item) => item.id === id)!.text.en.replace(/\.$/, "");

describe("the public results summary", () => {
  it("says how many answered, the best and worst rated areas, and a met target most residents disagree with", () => {
    const { sentences, text } = summarise(
      countsFor(0.5, 100, { sat_public_transport: [0.9, 100], sat_heating: [0.05, 100], agree_find_job: [0.2, 100] }),
      { demoResponses: 100 },
    );
    expect(sentences.map((sentence) => sentence.key)).toEqual(["answered", "bestWorst", "metButDisagree"]);
    expect(text).toContain("100 residents answered the survey, all of them generated demo answers.");
    expect(text).toMatch(/^[^]*rate “Services” best[^]*“Heating, water and electricity” worst/);
    expect(text).toContain(`The official target for Unemployment rate is met, yet most residents disagree: only 20 % answer favourably to “${itemText("agree_find_job")}”.`);
  });

  it("never rates an area with a hidden question, nor judges a target by a hidden question", () => {
    // Services would be rated best and the job question would contradict the met target,
    // but one services question and the job question rest on fewer than k opinions.
    const { sentences, text } = summarise(
      countsFor(0.5, 100, { sat_public_transport: [0.9, 100], sat_schools: [1, 6], sat_heating: [0.1, 100], agree_find_job: [0, 6] }),
    );
    expect(sentences.map((sentence) => sentence.key)).toEqual(["answered", "bestWorst"]);
    expect(text).not.toContain("Services");
    expect(text).not.toContain(itemText("agree_find_job"));
    expect(text).not.toContain("Unemployment");
  });

  it("says when too few answered to rate any area, and names the only area that can be rated", () => {
    expect(summarise(countsFor(0.5, 4), { responses: 4 }).text).toBe(
      "4 residents answered the survey. Too few residents have answered to rate any area of life yet.",
    );
    const onlyWellbeing = Object.fromEntries(
      questionnaire.items.filter((item) => item.area !== "wellbeing").map((item) => [item.id, [0.5, 3] as [number, number]]),
    );
    expect(summarise(countsFor(0.7, 50, onlyWellbeing), { responses: 50 }).sentences.map((s) => s.key)).toEqual(["answered", "onlyArea"]);
  });
});
