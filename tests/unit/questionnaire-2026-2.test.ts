import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/locales";
import { HIERARCHIES, hierarchiesFor, QUASI_IDENTIFIERS } from "@/lib/export/hierarchies";
import { changesOf, comparable, comparisonNotes } from "@/lib/survey/comparability";
import { getQuestionnaire, latestQuestionnaireVersion, questionnaireVersions, scaleOf } from "@/lib/survey/questionnaire";
import { DONT_KNOW } from "@/lib/survey/scales";
import type { Questionnaire } from "@/lib/survey/types";

const v1 = getQuestionnaire("2026.1")!;
const v2 = getQuestionnaire("2026.2")!;
const item = (q: Questionnaire, id: string) => q.items.find((candidate) => candidate.id === id);
const scale = (q: Questionnaire, id: string) => scaleOf(q, item(q, id)!);
const label = (q: Questionnaire, id: string, code: number) => scale(q, id).options.find((option) => option.code === code)!.label;

describe("questionnaire versions", () => {
  it("offers 2026.1 and 2026.2, and new waves default to 2026.2", () => {
    expect(questionnaireVersions).toEqual(["2026.1", "2026.2"]);
    expect(latestQuestionnaireVersion).toBe("2026.2");
  });

  it.each(["2026.1", "2026.2"])("%s has unique ids, known scales and every text in three languages", (version) => {
    const q = getQuestionnaire(version)!;
    expect(new Set(q.items.map((i) => i.id)).size).toBe(q.items.length);
    for (const i of q.items) {
      for (const locale of locales) expect(i.text[locale].trim(), `${i.id} ${locale}`).not.toBe("");
      for (const option of scaleOf(q, i).options) for (const locale of locales) expect(option.label[locale].trim()).not.toBe("");
    }
  });

  it("leaves 2026.1 as it was, so its waves keep working", () => {
    expect(label(v1, "sat_public_transport", 4).kk).toBe("Толығымен қанағаттанамын");
    expect(scale(v1, "employment").options.map((o) => o.code)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(item(v1, "sat_admin_services")).toBeDefined();
  });

  it("keeps every 2026.1 item id but the one it split, so export columns stay", () => {
    const v2ids = new Set(v2.items.map((i) => i.id));
    expect(v1.items.map((i) => i.id).filter((id) => !v2ids.has(id))).toEqual(["sat_admin_services"]);
  });
});

describe("2026.2 fixes the method defects of review section A", () => {
  it("#1 says 'very' at the Kazakh top satisfaction point, as Russian and English", () => {
    expect(label(v2, "sat_public_transport", 4)).toEqual({ kk: "Өте қанағаттанамын", ru: "Очень удовлетворён(а)", en: "Very satisfied" });
  });

  it("#2 gives 'don't know' one meaning in all languages and on every scale", () => {
    for (const i of v2.items) {
      const dk = scaleOf(v2, i).options.find((option) => option.code === DONT_KNOW);
      if (dk) expect(dk.label, i.id).toEqual({ kk: "Білмеймін", ru: "Не знаю", en: "Don't know" });
    }
  });

  it("#3 states corruption with one strength, no intensifier", () => {
    const text = item(v2, "agree_corruption_akimat")!.text;
    expect(text.ru).toBe("В местном акимате есть коррупция.");
    expect(text.kk).toBe("Жергілікті әкімдікте сыбайлас жемқорлық бар.");
    expect(text.en).not.toMatch(/problem/);
    expect(text.ru).not.toMatch(/серьёзн/);
  });

  it("#4 splits the akimat and the public service centre into two items with new ids", () => {
    expect(item(v2, "sat_admin_services")).toBeUndefined();
    const akimat = item(v2, "sat_akimat_services")!;
    const centre = item(v2, "sat_service_centre")!;
    expect(akimat.text.ru).not.toMatch(/ЦОН/);
    expect(akimat.text.kk).toMatch(/Қалаңыздағы/);
    expect(centre.text.ru).toMatch(/центра обслуживания населения/);
    expect(centre.text.kk).not.toMatch(/әкімдік/i);
  });

  it("#5 drops 'quality' from the water supply item in every language", () => {
    const text = item(v2, "sat_water_supply")!.text;
    expect(text.ru).not.toMatch(/качеств/);
    expect(text.kk).not.toMatch(/сапа/);
    expect(text.en).not.toMatch(/quality/);
  });

  it("#6 years in town: 'since birth' is a code of its own and no band mentions it", () => {
    const years = scale(v2, "years_in_town");
    expect(years.options.map((o) => o.code)).toEqual([1, 2, 3, 4, 5]);
    expect(label(v2, "years_in_town", 5).en).toBe("Since birth");
    for (const code of [1, 2, 3, 4]) expect(label(v2, "years_in_town", code).en).not.toMatch(/birth|life/i);
    expect(item(v2, "years_in_town")!.hint!.en).toMatch(/since birth/i);
  });

  it("#7 employment is exhaustive: home or parental leave, other, another organisation", () => {
    const employment = scale(v2, "employment");
    expect(employment.options.map((o) => o.code)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(label(v2, "employment", 8).ru).toBe("Веду домашнее хозяйство или в декретном отпуске");
    expect(label(v2, "employment", 9).ru).toMatch(/^Другое/);
    expect(label(v2, "employment", 2).ru).toMatch(/в другой организации/);
    expect(label(v2, "employment", 2).kk).toMatch(/басқа ұйымда/i);
    expect(label(v2, "employment", 6).ru).toBe("На пенсии");
    // The town-forming enterprise wins over "public body" where the state owns it.
    expect(item(v2, "employment")!.hint!.en).toMatch(/town-forming enterprise.*state owns it/);
    // Codes stay single digits: merged hierarchy bands join them.
    for (const option of employment.options) expect(option.code).toBeLessThan(10);
    // The business items still open for code 3 only.
    expect(item(v2, "obstacle_permits")!.showIf).toEqual({ itemId: "employment", anyOf: [3] });
  });

  it("#11 #13 ask the same thing in every language: leaving for good, access to finance", () => {
    expect(item(v2, "plan_leave_2y")!.text.ru).toMatch(/переехать из города насовсем/);
    expect(item(v2, "obstacle_finance")!.text.ru).toMatch(/^Насколько доступ к финансированию/);
    expect(item(v2, "obstacle_procurement")!.text.kk).not.toMatch(/қиындық/);
  });

  it("#12 #14 #18 word the answers idiomatically and show Yes first, codes kept", () => {
    expect(label(v2, "compared_5y", 2).en).toBe("Stayed the same");
    expect(label(v2, "obstacle_finance", 0)).toMatchObject({ kk: "Кедергі жоқ", ru: "Не является препятствием" });
    const leave = scale(v2, "plan_leave_2y");
    expect(leave.options.map((o) => o.label.ru)).toEqual(["Да", "Нет", "Не знаю"]);
    expect(leave.topBox).toEqual([1]);
    expect(label(v2, "plan_leave_2y", 1).ru).toBe("Нет");
  });

  it("#15 asks in Kazakh about the building, as ru and en, without the Russian «подъезд»", () => {
    expect(item(v2, "sat_building_condition")!.text.kk).not.toMatch(/ортақ бөлік|подъезд/);
  });

  it("#16 reports household dependence on the enterprise descriptively, in no area score", () => {
    expect(scale(v2, "agree_depend_enterprise").topBox).toEqual([]);
    expect(scale(v1, "agree_depend_enterprise").topBox).toEqual([2, 1]);
  });
});

describe("what changed from 2026.1, per item and language", () => {
  it("records a change for every item whose text, hint or scale differs, with the languages that changed", () => {
    for (const next of v2.items) {
      const prev = item(v1, next.id);
      if (!prev) continue;
      const prevScale = scaleOf(v1, prev);
      const nextScale = scaleOf(v2, next);
      const differs = JSON.stringify([prev.text, prev.hint, prevScale]) !== JSON.stringify([next.text, next.hint, nextScale]);
      const changes = changesOf(v2, next.id);
      expect(changes.length > 0, next.id).toBe(differs);
      for (const change of changes) for (const locale of locales) expect(change.note[locale].trim()).not.toBe("");
    }
    // Per language: the Kazakh top point changed Kazakh only.
    expect(changesOf(v2, "sat_heating").find((change) => change.review?.includes(1))!.languages).toEqual(["kk"]);
    expect(changesOf(v2, "sat_heating").find((change) => change.review?.includes(2))!.languages).toEqual(["ru"]);
  });

  it("every language whose text of an item changed is named in that item's changes", () => {
    for (const next of v2.items) {
      const prev = item(v1, next.id);
      if (!prev) continue;
      const named = new Set(changesOf(v2, next.id).flatMap((change) => change.languages));
      for (const locale of locales) {
        const changed =
          prev.text[locale] !== next.text[locale] ||
          prev.hint?.[locale] !== next.hint?.[locale] ||
          JSON.stringify(scaleOf(v1, prev).options.map((o) => [o.code, o.label[locale]]).sort()) !==
            JSON.stringify(scaleOf(v2, next).options.map((o) => [o.code, o.label[locale]]).sort());
        if (changed) expect(named.has(locale), `${next.id} ${locale}`).toBe(true);
      }
    }
  });
});

describe("comparable(prevVersion, itemId, nextVersion)", () => {
  it("compares an item whose wording changed in one language to match the others, with the note", () => {
    expect(comparable("2026.1", "sat_heating", "2026.2")).toBe(true);
    expect(comparable("2026.1", "agree_find_job", "2026.2")).toBe(true);
    expect(comparable("2026.1", "sat_building_condition", "2026.2")).toBe(true);
    expect(comparisonNotes("2026.1", "sat_heating", "2026.2").map((note) => note.en).join(" ")).toMatch(/Kazakh top point/);
    expect(comparisonNotes("2026.1", "life_satisfaction", "2026.2")).toEqual([]);
  });

  it("does not compare an item whose question or answer list changed, or a new item", () => {
    for (const id of ["agree_corruption_akimat", "sat_water_supply", "employment", "years_in_town", "compared_5y", "obstacle_finance", "obstacle_procurement", "plan_leave_2y", "agree_depend_enterprise"]) {
      expect(comparable("2026.1", id, "2026.2"), id).toBe(false);
      expect(comparisonNotes("2026.1", id, "2026.2"), id).toEqual([]);
    }
    expect(comparable("2026.1", "sat_akimat_services", "2026.2")).toBe(false);
    expect(comparable("2026.1", "sat_admin_services", "2026.2")).toBe(false);
  });

  it("is symmetric, compares a version with itself, and compares nothing of an unknown version", () => {
    expect(comparable("2026.2", "sat_heating", "2026.1")).toBe(true);
    expect(comparable("2026.2", "employment", "2026.1")).toBe(false);
    expect(comparable("2026.1", "employment", "2026.1")).toBe(true);
    expect(comparable("2026.2", "sat_admin_services", "2026.2")).toBe(false);
    expect(comparable("1999.9", "sat_heating", "2026.2")).toBe(false);
  });

  it("never compares an item whose codes or favourable answers differ, whatever the records say", () => {
    for (const next of v2.items) {
      const prev = item(v1, next.id);
      if (!prev || !comparable("2026.1", next.id, "2026.2")) continue;
      const [a, b] = [scaleOf(v1, prev), scaleOf(v2, next)];
      expect(a.options.map((o) => o.code).sort(), next.id).toEqual(b.options.map((o) => o.code).sort());
      expect(a.topBox.sort(), next.id).toEqual(b.topBox.sort());
    }
  });
});

describe("crosswalks and hierarchies", () => {
  it("maps every 2026.1 employment and years code to existing 2026.2 codes", () => {
    const crosswalks = v2.changes!.crosswalks;
    expect(crosswalks.map((c) => c.itemId)).toEqual(["employment", "years_in_town"]);
    for (const { itemId, codes } of crosswalks) {
      expect(codes.map((c) => c.from)).toEqual(scale(v1, itemId).options.map((o) => o.code));
      const known = scale(v2, itemId).options.map((o) => o.code);
      for (const { to } of codes) for (const code of to) expect(known).toContain(code);
    }
    expect(crosswalks[1]!.codes.find((c) => c.from === 4)!.to).toEqual([4, 5]);
  });

  it.each(["2026.1", "2026.2"])("%s: every hierarchy level partitions its version's codes", (version) => {
    const q = getQuestionnaire(version)!;
    const hierarchies = hierarchiesFor(version);
    for (const qi of QUASI_IDENTIFIERS) {
      const codes = scale(q, qi).options.map((o) => o.code).sort();
      for (const level of hierarchies[qi].levels) expect(level.flatMap((band) => band.members).sort(), `${version} ${qi}`).toEqual(codes);
      // Band codes are distinct within a level.
      for (const level of hierarchies[qi].levels) expect(new Set(level.map((band) => band.code)).size).toBe(level.length);
    }
  });

  it("keeps the self-employed apart and 'since birth' apart from those who moved, then merges upwards", () => {
    const h = hierarchiesFor("2026.2");
    for (const level of h.employment.levels) expect(level.find((band) => band.members.includes(3))!.members).toEqual([3]);
    expect(h.employment.levels[1]!.find((band) => band.members.includes(8))!.members).toEqual([5, 6, 7, 8, 9]);
    expect(h.years_in_town.levels[1]!.find((band) => band.members.includes(5))!.members).toEqual([5]);
    expect(h.years_in_town.levels[2]!.find((band) => band.members.includes(5))).toMatchObject({ members: [3, 4, 5], code: 345 });
    expect(HIERARCHIES).toBe(h);
  });
});
