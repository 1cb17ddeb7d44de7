import { describe, expect, it } from "vitest";
import { normaliseTownName, townLookup, writtenOtherwise, type TownReference } from "@/lib/indicators/town-names";
import { townRegister } from "@/scripts/seed/town-register";

// The register holds no КАТО code yet (docs/towns.md); Ridder gets one here, made up for the test.
const TEST_KATO = "100000001";
const register: TownReference[] = townRegister.map(({ code, name, kato, aliases }) => ({ code, name, kato: code === "ridder" ? TEST_KATO : kato, aliases }));
const lookup = townLookup(register);
const town = (text: string) => lookup(text, "unknownTown");

describe("town names as officials write them", () => {
  it.each([
    ["г. Риддер", "риддер"],
    ["г.Риддер", "риддер"],
    ["г Риддер", "риддер"],
    ["город Риддер", "риддер"],
    ["Риддер қаласы", "риддер"],
    ["Риддер қ.", "риддер"],
    ["қ. Риддер", "риддер"],
    ["City of Ridder", "ridder"],
    ["Ridder town", "ridder"],
    ["«Риддер»", "риддер"],
    ["Риддер Г.А.", "риддер"],
    ["Риддер г. а.", "риддер"],
    ["Риддер Қ.Ә.", "риддер"],
    ["Г.А. Риддер", "риддер"],
    ['  "г. Риддер"  ', "риддер"],
    ["г. «Риддер»", "риддер"],
    ["ПРИОЗЁРСК", "приозерск"],
  ])("reads %j as %j", (written, normalised) => {
    expect(normaliseTownName(written)).toBe(normalised);
  });

  it("keeps a name that is only a prefix word, and does not cut letters off a name", () => {
    expect(normaliseTownName("Город")).toBe("город");
    expect(normaliseTownName("Гродно")).toBe("гродно");
    expect(normaliseTownName("Townsville")).toBe("townsville");
  });
});

describe("finding the town", () => {
  it("by code, by name in any language, and whatever the case, «ё» or words around it", () => {
    expect(town("ridder")).toEqual({ ok: true, value: "ridder" });
    expect(town("РИДДЕР")).toEqual({ ok: true, value: "ridder" });
    expect(town("г. Риддер")).toEqual({ ok: true, value: "ridder" });
    expect(town("Ridder city")).toEqual({ ok: true, value: "ridder" });
    expect(town("Сәтбаев қаласы")).toEqual({ ok: true, value: "satpayev" });
  });

  it("by the short name and the former name of a renamed town", () => {
    for (const written of ["Алтай", "Altai", "ЗЫРЯНОВСК", "г. Зыряновск", "Zyryanovsk", "Алтай (бывш. Зыряновск)"]) {
      expect(town(written)).toEqual({ ok: true, value: "altai" });
    }
    expect(town("Лениногорск")).toEqual({ ok: true, value: "ridder" });
  });

  it("by the spellings the sources use", () => {
    expect(town("Lissakovsk")).toEqual({ ok: true, value: "lisakovsk" });
    expect(town("Zhanozen")).toEqual({ ok: true, value: "zhanaozen" });
  });

  it("by КАТО code, with or without spaces, and says so when no town has it", () => {
    expect(town(TEST_KATO)).toEqual({ ok: true, value: "ridder" });
    expect(town("100 000 001")).toEqual({ ok: true, value: "ridder" });
    expect(town("999999999")).toEqual({ ok: false, key: "towns.unknownKato", params: { value: "999999999" } });
  });

  it("finds a former monotown too: figures may still be imported for it", () => {
    expect(town("г. Сарань")).toEqual({ ok: true, value: "saran" });
    expect(town("Текели")).toEqual({ ok: true, value: "tekeli" });
  });

  it("names both towns when one name fits two", () => {
    const twins = townLookup([
      { code: "aksu", name: { kk: "Ақсу", ru: "Аксу", en: "Aksu" } },
      { code: "aksu_village", name: { kk: "Ақсу ауылы", ru: "Аксу (село)", en: "Aksu village" }, aliases: [{ locale: "ru", alias: "Аксу" }] },
    ]);
    expect(twins("г. Аксу", "unknownTown")).toEqual({
      ok: false,
      key: "towns.ambiguous",
      params: { value: "г. Аксу", towns: "Аксу (aksu), Аксу (село) (aksu_village)" },
    });
  });

  it("suggests the closest names when none fits, and only names that are close", () => {
    expect(town("Ридер")).toEqual({ ok: false, key: "towns.unknownSuggest", params: { value: "Ридер", suggestions: "Риддер" } });
    expect(town("г. Экибастус")).toEqual({ ok: false, key: "towns.unknownSuggest", params: { value: "г. Экибастус", suggestions: "Экибастуз" } });
    expect(town("Москва")).toEqual({ ok: false, key: "unknownTown", params: { value: "Москва" } });
  });

  it("tells the preview when the file wrote a town otherwise than by its code or name", () => {
    const ridder = register.find(({ code }) => code === "ridder")!;
    expect(writtenOtherwise("г. Риддер", ridder)).toBe(true);
    expect(writtenOtherwise("Лениногорск", ridder)).toBe(true);
    expect(writtenOtherwise("риддер", ridder)).toBe(false);
    expect(writtenOtherwise("ridder", ridder)).toBe(false);
  });
});
