import { describe, expect, it } from "vitest";
import { normaliseTownName } from "@/lib/indicators/town-names";
import { localizedNames } from "@/lib/indicators/fields";
import { OFFICIAL_CURRENT_COUNT, townRegister, townSources } from "@/scripts/seed/town-register";

const current = townRegister.filter((town) => town.status === "current");

describe("the town register", () => {
  it("holds no more current monotowns than the official list's 20, each named so by a source of 2023 or later", () => {
    expect(OFFICIAL_CURRENT_COUNT).toBe(20);
    expect(current.length).toBeLessThanOrEqual(OFFICIAL_CURRENT_COUNT);
    const recent = new Set(["kazinform2023", "primeMinister20", "kazinformIndustrialZones", "newsline2025", "informRudny", "zhanaozen2024", "baqKurchatov2025"]);
    for (const town of current) expect(town.sources.filter((id) => recent.has(id)), town.code).not.toEqual([]);
  });

  it("says of every town not confirmed current why, and gives former towns the year they left", () => {
    for (const town of townRegister.filter(({ status }) => status !== "current")) expect(town.notes, town.code).toBeTruthy();
    expect(townRegister.filter(({ status }) => status === "former").map(({ code, former }) => [code, former])).toEqual([
      ["saran", 2024],
      ["tekeli", 2024],
    ]);
    for (const town of townRegister.filter(({ status }) => status !== "former")) expect(town.former, town.code).toBeNull();
  });

  it("cites only sources it lists, and every source has a title, publisher and address", () => {
    for (const town of townRegister) {
      expect(town.sources.length, town.code).toBeGreaterThan(0);
      for (const id of town.sources) expect(townSources, town.code).toHaveProperty(id);
    }
    for (const source of Object.values(townSources)) {
      expect(source.title && source.publisher && source.gives).toBeTruthy();
      expect(new URL(source.url).protocol).toBe("https:");
      if (source.date !== null) expect(source.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("gives КАТО codes of nine digits or none, never one code for two towns, and says why one is missing", () => {
    const codes = townRegister.map(({ kato }) => kato).filter((kato) => kato !== null);
    for (const kato of codes) expect(kato).toMatch(/^\d{9}$/);
    expect(new Set(codes).size).toBe(codes.length);
    for (const town of townRegister.filter(({ kato }) => kato === null)) expect(town.notes, town.code).toMatch(/КАТО/);
  });

  it("keeps the codes that waves, tests and addresses use, and lets no written name mean two towns", () => {
    const codes = townRegister.map(({ code }) => code);
    expect(codes).toEqual(expect.arrayContaining(["ridder", "altai", "kurchatov", "serebryansk", "saran", "arkalyk", "tekeli"]));
    expect(new Set(codes).size).toBe(codes.length);
    const townOf = new Map<string, string>();
    for (const { code, name, aliases } of townRegister) {
      for (const written of new Set([code, ...localizedNames(name), ...aliases.map(({ alias }) => alias)].map(normaliseTownName))) {
        expect(townOf.get(written) ?? code, `${written} (${code})`).toBe(code);
        townOf.set(written, code);
      }
    }
  });
});
