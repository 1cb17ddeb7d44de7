import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateRows, type CodeCount, type GroupCodeCount } from "@/lib/export/aggregates";
import { planAnonymisation, type QuasiFrequency, type QuasiValues } from "@/lib/export/anonymise";
import { QUASI_IDENTIFIERS } from "@/lib/export/hierarchies";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { quasiFrequency } from "../support/quasi-frequencies";

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
const COLUMNS = ["town", ...QUASI_IDENTIFIERS, "language", "month", "mode"] as const;
const keyOf = (v: QuasiValues) => JSON.stringify(COLUMNS.map((c) => v[c]));

const frequency = quasiFrequency(["ridder", "altai", "kurchatov", "serebryansk", "tekeli"]);
const table = fc.array(frequency, { maxLength: 120 });
const k = fc.integer({ min: 2, max: 15 });

/** Every published row with its original values, as the stream would recode them. */
function publish(frequencies: QuasiFrequency[], k: number, minK = k) {
  const plan = planAnonymisation({ frequencies, k, minK, questionnaire });
  const recode = plan.recoder();
  const rows = frequencies.flatMap((row) => Array.from({ length: row.count }, () => ({ raw: row as QuasiValues, out: recode(row) })));
  return { plan, rows };
}

const row = (town: string, values: Partial<QuasiValues>, count: number): QuasiFrequency => ({
  town,
  age_band: null,
  sex: null,
  employment: null,
  years_in_town: null,
  language: "ru",
  month: "2026-05",
  mode: 1,
  ...values,
  count,
});

describe("microdata k-anonymity (property)", () => {
  it("publishes every combination of town, quasi-identifiers, language and month (blank counted as a value) at least k times", () => {
    fc.assert(
      fc.property(table, k, fc.integer({ min: 0, max: 5 }), (frequencies, k, below) => {
        const { rows } = publish(frequencies, k, Math.max(2, k - below));
        const counts = new Map<string, number>();
        for (const { out } of rows) if (out) counts.set(keyOf(out), (counts.get(keyOf(out)) ?? 0) + 1);
        for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(k);
        // Rows are withheld only when the whole table has fewer than k: nothing can reach k then.
        const withheld = rows.filter(({ out }) => out === null).length;
        expect(withheld === 0 || withheld === rows.length).toBe(true);
        if (withheld > 0) expect(rows.length).toBeLessThan(k);
      }),
      { numRuns: 300 },
    );
  });

  it("suppresses a town with fewer than k responses and never invents a town", () => {
    fc.assert(
      fc.property(table, k, (frequencies, k) => {
        const { rows } = publish(frequencies, k);
        const perTown = new Map<string | null, number>();
        for (const { raw } of rows) perTown.set(raw.town, (perTown.get(raw.town) ?? 0) + 1);
        for (const { raw, out } of rows) {
          if (!out) continue;
          if (perTown.get(raw.town)! < k) expect(out.town).toBeNull();
          expect([null, raw.town]).toContain(out.town);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic and does not depend on the order of the frequency table", () => {
    fc.assert(
      fc.property(table, k, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (frequencies, k, draws) => {
        const shuffled = frequencies.map((f) => ({ f, r: draws.next().value })).sort((a, b) => a.r - b.r).map(({ f }) => f);
        const first = planAnonymisation({ frequencies, k, minK: 2, questionnaire });
        const again = planAnonymisation({ frequencies: shuffled, k, minK: 2, questionnaire });
        expect(again.report).toEqual(first.report);
        expect(again.columns).toEqual(first.columns);
        const [recodeFirst, recodeAgain] = [first.recoder(), again.recoder()];
        for (const row of frequencies) for (let i = 0; i < row.count; i++) expect(recodeAgain(row)).toEqual(recodeFirst(row));
      }),
      { numRuns: 200 },
    );
  });

  it("reports exactly the values it blanked, column by column, and the rows it publishes", () => {
    fc.assert(
      fc.property(table, k, (frequencies, k) => {
        const { plan, rows } = publish(frequencies, k);
        const published = rows.filter(({ out }) => out !== null);
        expect(plan.report.rows).toBe(published.length);
        for (const column of COLUMNS) {
          const blanked = published.filter(({ raw, out }) => raw[column] !== null && out![column] === null).length;
          expect(plan.report.suppressed.find((s) => s.column === column)?.values ?? 0).toBe(blanked);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("microdata releases at two k (property)", () => {
  const pair = fc.integer({ min: 2, max: 12 }).chain((minK) => fc.tuple(fc.constant(minK), fc.integer({ min: minK + 1, max: minK + 12 })));

  it("derives the release at a larger k from the minimum release, so joining the two singles no one out", () => {
    fc.assert(
      fc.property(table, pair, (frequencies, [minK, k]) => {
        const base = publish(frequencies, minK);
        const larger = publish(frequencies, k, minK);
        const counts = new Map<string, number>();
        for (const { out } of larger.rows) if (out) counts.set(keyOf(out), (counts.get(keyOf(out)) ?? 0) + 1);
        for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(k);

        // The larger release of a row is a function of its minimum release alone, and never
        // shows a value the minimum release hid or a finer band than it shows.
        const derived = new Map<string, string>();
        const joined = new Map<string, number>();
        base.rows.forEach(({ out: min }, i) => {
          const out = larger.rows[i]!.out;
          if (!min) return expect(out).toBeNull();
          const key = keyOf(min);
          const image = JSON.stringify(out && keyOf(out));
          expect(derived.get(key) ?? image).toBe(image);
          derived.set(key, image);
          if (!out) return;
          for (const column of COLUMNS) {
            if (out[column] === null) continue;
            expect(min[column]).not.toBeNull();
            if (column === "town" || column === "language" || column === "month") expect(out[column]).toBe(min[column]);
            // A band's code joins its members' codes: the larger release's band holds the minimum's.
            else expect([...String(out[column])]).toEqual(expect.arrayContaining([...String(min[column])]));
          }
          joined.set(key + image, (joined.get(key + image) ?? 0) + 1);
        });
        for (const count of joined.values()) expect(count).toBeGreaterThanOrEqual(minK);
      }),
      { numRuns: 300 },
    );
  });
});

describe("planAnonymisation", () => {
  it("blanks a lone survey language or month, as it would any rare value", () => {
    const frequencies = [row("ridder", { sex: 1 }, 9), row("ridder", { sex: 1, language: "en" }, 1), row("ridder", { sex: 2, month: "2026-06" }, 1), row("ridder", { sex: 2 }, 12)];
    const plan = planAnonymisation({ frequencies, k: 10, minK: 10, questionnaire });
    const recode = plan.recoder();
    const published = frequencies.flatMap((f) => Array.from({ length: f.count }, () => recode(f)!));
    expect(published.filter((p) => p.language === "en")).toEqual([]);
    expect(published.filter((p) => p.month === "2026-06")).toEqual([]);
    expect(plan.report.suppressed.map((s) => s.column)).toEqual(expect.arrayContaining(["language", "month"]));
  });

  it("changes nothing when every combination already reaches k", () => {
    const plan = planAnonymisation({ minK: 10, frequencies: [row("ridder", { age_band: 1, sex: 1 }, 12), row("ridder", { age_band: 2, sex: 1 }, 10)], k: 10, questionnaire });
    expect(plan.report).toEqual({ k: 10, rows: 22, generalised: [], suppressed: [], blanked: expect.any(Array) });
    expect(plan.report.blanked!.every((column) => column.values === 0)).toBe(true);
    expect(plan.recoder()(row("ridder", { age_band: 2, sex: 1 }, 1))).toMatchObject({ town: "ridder", age_band: 2, sex: 1 });
  });

  it("merges neighbouring age bands when that loses less than blanking, with their own code and label", () => {
    // Four people in each band, k = 5: blanking would cost every age; merging halves it.
    const plan = planAnonymisation({
      minK: 5,
      frequencies: [row("ridder", { age_band: 1 }, 4), row("ridder", { age_band: 2 }, 4), row("ridder", { age_band: 3 }, 4), row("ridder", { age_band: 4 }, 4)],
      k: 5,
      questionnaire,
    });
    expect(plan.report.generalised).toEqual([
      { column: "age_band", from: ["18–29", "30–44"], to: "18–44" },
      { column: "age_band", from: ["45–59", "60 or older"], to: "45 or older" },
    ]);
    expect(plan.report.suppressed).toEqual([]);
    expect(plan.recoder()(row("ridder", { age_band: 2 }, 1))!.age_band).toBe(12);
    expect(plan.columns.find((c) => c.name === "age_band")!.valueLabels).toEqual([
      { code: 12, label: { kk: "18–44", ru: "18–44", en: "18–44" } },
      { code: 34, label: { kk: "45 және одан жоғары", ru: "45 и старше", en: "45 or older" } },
    ]);
  });

  it("blanks a few ages rather than coarsen everyone's when that loses less", () => {
    const plan = planAnonymisation({
      minK: 5,
      frequencies: [row("ridder", { age_band: 1 }, 3), row("ridder", { age_band: 2 }, 3), row("ridder", { age_band: 3 }, 5), row("ridder", { age_band: 4 }, 5)],
      k: 5,
      questionnaire,
    });
    expect(plan.report.generalised).toEqual([]);
    expect(plan.report.suppressed).toEqual([{ column: "age_band", values: 6 }]);
  });

  it("blanks the rare value on a lone row, and on as few others as make a blank group of k", () => {
    const frequencies = [row("ridder", { sex: 1, employment: 1 }, 40), row("ridder", { sex: 2, employment: 1 }, 40), row("ridder", { sex: 2, employment: 3 }, 1)];
    const plan = planAnonymisation({ frequencies, k: 10, minK: 10, questionnaire });
    expect(plan.report.generalised).toEqual([]);
    // A blank is a value of its own: alone, it would single the business owner out, so
    // nine of the forty rows that differ only in employment are blanked with it.
    expect(plan.report.suppressed).toEqual([{ column: "employment", values: 10 }]);
    const recode = plan.recoder();
    const published = frequencies.flatMap((f) => Array.from({ length: f.count }, () => recode(f)!));
    const lone = published.at(-1)!;
    expect(lone).toMatchObject({ town: "ridder", sex: 2, employment: null });
    expect(published.filter((p) => p.sex === 2 && p.employment === 1)).toHaveLength(31);
    expect(published.filter((p) => p.sex === 1 && p.employment === 1)).toHaveLength(40);
    // Answers to the business questions would give the blanked job away.
    expect(plan.hiddenItems(lone)).toContain("obstacle_finance");
  });

  it("keeps the business questions of a published business-owner band", () => {
    const plan = planAnonymisation({ minK: 10, frequencies: [row("ridder", { employment: 3 }, 10)], k: 10, questionnaire });
    expect(plan.hiddenItems(plan.recoder()(row("ridder", { employment: 3 }, 1))!)).toEqual([]);
  });

  it("withholds every row of a wave with fewer than k responses", () => {
    const plan = planAnonymisation({ minK: 10, frequencies: [row("ridder", { sex: 1 }, 3)], k: 10, questionnaire });
    expect(plan.recoder()(row("ridder", { sex: 1 }, 1))).toBeNull();
    expect(plan.report.rows).toBe(0);
  });
});

describe("aggregate suppression (property)", () => {
  const item = "sat_heating";
  const respondent = fc.record({
    town: fc.constantFrom("ridder", "altai", "kurchatov"),
    value: fc.constantFrom(1, 2, 3, 4, -1),
    age_band: fc.integer({ min: 0, max: 4 }),
    sex: fc.integer({ min: 0, max: 2 }),
    employment: fc.integer({ min: 0, max: 7 }),
  });

  it("publishes no cell below k and no hidden cell that a published total gives away", () => {
    fc.assert(
      fc.property(fc.array(respondent, { maxLength: 150 }), fc.integer({ min: 2, max: 12 }), (people, k) => {
        const overall: CodeCount[] = people.map((p) => ({ town: p.town, itemId: item, value: p.value, responses: 1 }));
        const groups: GroupCodeCount[] = people.flatMap((p) =>
          (["age_band", "sex", "employment"] as const).map((breakdown) => ({ town: p.town, itemId: item, value: p.value, breakdown, group: p[breakdown], responses: 1 })),
        );
        const towns = ["altai", "kurchatov", "ridder"];
        const { rows, cellsHidden } = aggregateRows({ questionnaire, towns, overall, groups, k });
        const mine = rows.filter((r) => r.item === item);
        // The true n of each cell, to judge what the hidden ones would reveal.
        const opinions = people.filter((p) => p.value !== -1);
        const trueN = (town: string, breakdown: string, group: string) =>
          opinions.filter((p) => p.town === town && (breakdown === "overall" || `${breakdown}_${p[breakdown as "sex"]}` === group)).length;
        for (const r of mine) {
          if (r.suppressed === 0) expect(r.n === 0 || (r.n as number) >= k).toBe(true);
          else expect(r.n).toBeNull();
        }
        const cell = (town: string, breakdown: string, group: string) => mine.find((r) => r.town === town && r.breakdown === breakdown && r.group === group)!;
        const checkLine = (total: { town: string; breakdown: string; group: string }, parts: Array<{ town: string; breakdown: string; group: string }>) => {
          const hidden = parts.filter((p) => cell(p.town, p.breakdown, p.group).suppressed === 1);
          if (cell(total.town, total.breakdown, total.group).suppressed === 0) {
            expect(hidden.length).not.toBe(1);
            if (hidden.length > 0) expect(hidden.reduce((sum, p) => sum + trueN(p.town, p.breakdown, p.group), 0)).toBeGreaterThanOrEqual(k);
          } else if (trueN(total.town, total.breakdown, total.group) > 0) {
            expect(hidden.length).toBeGreaterThan(0);
          }
        };
        // No all-towns rows: the public page publishes each town's n, and such a row would give a hidden town away.
        expect(mine.some((r) => r.town === "all")).toBe(false);
        for (const breakdown of ["age_band", "sex", "employment"]) {
          const groupCodes = [...new Set(mine.filter((r) => r.breakdown === breakdown).map((r) => r.group as string))];
          for (const town of towns) checkLine({ town, breakdown: "overall", group: "all" }, groupCodes.map((group) => ({ town, breakdown, group })));
        }
        expect(cellsHidden.primary + cellsHidden.group! + cellsHidden.secondary).toBe(rows.filter((r) => r.suppressed === 1).length);
      }),
      { numRuns: 150 },
    );
  });
});
