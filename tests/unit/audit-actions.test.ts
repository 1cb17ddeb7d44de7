import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { auditActionLabel, auditActions } from "@/lib/audit-actions";
import { locales } from "@/lib/i18n/locales";
import en from "@/messages/en.json";
import kk from "@/messages/kk.json";
import ru from "@/messages/ru.json";

const catalogues = { en, kk, ru };
const labeller = (locale: keyof typeof catalogues) => {
  const t = createTranslator({ locale, messages: catalogues[locale], namespace: "admin" });
  return (action: string) => auditActionLabel(action, (key) => t(key));
};

describe("audit log actions", () => {
  it("names the indicator import in each language", () => {
    expect(locales.map((locale) => labeller(locale)("indicators.import.values"))).toEqual(
      locales.map((locale) => ({ en: "Official figures imported", ru: "Импортированы официальные показатели", kk: "Ресми көрсеткіштер импортталды" })[locale]),
    );
  });

  it("has a label, not the key, for every action in every language, and no two alike", () => {
    for (const locale of locales) {
      const labels = auditActions.map(labeller(locale));
      for (const [index, label] of labels.entries()) expect(label, `${locale}: ${auditActions[index]}`).not.toMatch(/^[a-z]+\.[a-zA-Z.]+$/);
      expect(new Set(labels).size).toBe(auditActions.length);
    }
  });

  it("shows an action it has no label for as its key", () => {
    expect(labeller("ru")("users.renamedInAnotherVersion")).toBe("users.renamedInAnotherVersion");
  });
});
