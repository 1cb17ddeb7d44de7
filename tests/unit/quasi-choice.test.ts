import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planAnonymisation, type QuasiFrequency, type QuasiValues } from "@/lib/export/anonymise";
import { exportBaseName } from "@/lib/export/formats";
import { exportQuery, parseExportQuery } from "@/lib/export/request";
import { QUASI_CHOICES, type QuasiChoice } from "@/lib/export/types";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { quasiFrequency } from "../support/quasi-frequencies";

/** Issue 10, point 5: the researcher chooses the quasi-identifiers to keep. */
const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
const COLUMNS = ["town", ...QUASI_CHOICES] as const;
const keyOf = (v: QuasiValues) => JSON.stringify(COLUMNS.map((c) => v[c]));

const frequency = quasiFrequency(["ridder", "altai", "kurchatov", "tekeli"]);
const table = fc.array(frequency, { maxLength: 100 });
const subset = fc.subarray([...QUASI_CHOICES]);

function publish(frequencies: QuasiFrequency[], k: number, minK: number, keep?: readonly QuasiChoice[]) {
  const plan = planAnonymisation({ frequencies, k, minK, questionnaire, keep });
  const recode = plan.recoder();
  const rows = frequencies.flatMap((row) => Array.from({ length: row.count }, () => ({ raw: row as QuasiValues, out: recode(row) })));
  return { plan, rows };
}

describe("microdata with a chosen set of quasi-identifiers (property)", () => {
  it("is k-anonymous on every quasi-identifier that remains, and blank on every one left out", () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 2, max: 12 }), fc.integer({ min: 0, max: 4 }), subset, (frequencies, k, below, keep) => {
        const { rows, plan } = publish(frequencies, k, Math.max(2, k - below), keep);
        const counts = new Map<string, number>();
        for (const { out } of rows) {
          if (!out) continue;
          counts.set(keyOf(out), (counts.get(keyOf(out)) ?? 0) + 1);
          for (const q of QUASI_CHOICES) if (!keep.includes(q)) expect(out[q]).toBeNull();
        }
        // Every combination of the published values (town and what remains; a blank a value of its own) holds ≥ k rows.
        for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(k);
        const withheld = rows.filter(({ out }) => out === null).length;
        expect(withheld === 0 || rows.length < k).toBe(true);
        expect(plan.report.dropped ?? []).toEqual(QUASI_CHOICES.filter((q) => !keep.includes(q)));
      }),
      { numRuns: 250 },
    );
  });

  it("reports the share of each column's values that is blank in the file", () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 2, max: 12 }), subset, (frequencies, k, keep) => {
        const { rows, plan } = publish(frequencies, k, k, keep);
        for (const { column, values, of, share } of plan.report.blanked!) {
          const c = column as (typeof COLUMNS)[number];
          const held = rows.filter(({ raw }) => raw[c] !== null).length;
          const blank = rows.filter(({ raw, out }) => raw[c] !== null && (!out || out[c] === null)).length;
          expect({ values, of }).toEqual({ values: blank, of: held });
          // The report rounds the share to four decimals (0.03125 is reported as 0.0313).
          expect(Math.abs(share - (held === 0 ? 0 : blank / held))).toBeLessThanOrEqual(0.00005 + 1e-12);
          if (c !== "town" && !keep.includes(c) && held > 0) expect(share).toBe(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("keeping every quasi-identifier is the default release, value for value", () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 2, max: 12 }), (frequencies, k) => {
        const all = publish(frequencies, k, k, QUASI_CHOICES);
        const plain = publish(frequencies, k, k);
        expect(all.rows).toEqual(plain.rows);
        expect(all.plan.report).toEqual(plain.plan.report);
      }),
      { numRuns: 100 },
    );
  });

  it("keeps more of age band and sex when employment and years in town are left out", () => {
    // Forty people over two towns, every one with a different employment × years pair.
    const frequencies: QuasiFrequency[] = Array.from({ length: 40 }, (_, i) => ({
      town: i % 2 ? "ridder" : "altai",
      age_band: 1 + (i % 2),
      sex: 1 + ((i >> 1) % 2),
      employment: 1 + (i % 7),
      years_in_town: 1 + (i % 4),
      language: "ru",
      month: "2026-05",
      mode: 1,
      count: 1,
    }));
    const share = (keep?: readonly QuasiChoice[]) => {
      const { plan } = publish(frequencies, 5, 5, keep);
      return Object.fromEntries(plan.report.blanked!.map((b) => [b.column, b.share])) as Record<string, number>;
    };
    const both = share(["age_band", "sex", "language", "month"]);
    expect(both.age_band).toBe(0);
    expect(both.sex).toBe(0);
    expect(both.employment).toBe(1);
    const all = share();
    expect(all.age_band! + all.sex!).toBeGreaterThanOrEqual(both.age_band! + both.sex!);
  });
});

describe("the quasi option of the export request", () => {
  const parse = (query: string) => parseExportQuery(new URLSearchParams(query), 10);

  it("keeps every quasi-identifier by default, and the default request, its query and file name unchanged", () => {
    const value = { kind: "microdata", format: "csv", k: 10, includeText: false };
    expect(parse("")).toEqual({ ok: true, value });
    expect(parse(`quasi=${QUASI_CHOICES.join(",")}`)).toEqual({ ok: true, value });
    expect(exportQuery(value as never)).toBe("kind=microdata&format=csv&k=10");
    expect(exportBaseName("spring-2026", value as never, "2026-05-01")).toBe("qala-pulse_spring-2026_microdata_2026-05-01_k10");
  });

  it("reads a chosen list in a canonical order, names it in the file, and round-trips", () => {
    const parsed = parse("quasi=sex,age_band,language,month");
    expect(parsed).toEqual({ ok: true, value: { kind: "microdata", format: "csv", k: 10, includeText: false, quasi: ["age_band", "sex", "language", "month"] } });
    if (!parsed.ok) return;
    expect(parse(exportQuery(parsed.value))).toEqual(parsed);
    expect(exportBaseName("spring-2026", parsed.value, "2026-05-01")).toBe("qala-pulse_spring-2026_microdata_2026-05-01_k10_keep-age-sex-lang-month");
    expect(parse("quasi=")).toMatchObject({ ok: true, value: { quasi: [] } });
  });

  it("refuses an unknown quasi-identifier with a message naming the allowed ones, and ignores quasi for aggregates", () => {
    const refused = parse("quasi=age_band,town");
    expect(refused).toMatchObject({ ok: false, error: "invalid quasi" });
    if (!refused.ok) expect(refused.message).toContain("years_in_town");
    expect(parse("kind=aggregates&quasi=sex")).toEqual({ ok: true, value: { kind: "aggregates", format: "csv", k: 10, includeText: false } });
  });
});
