import { describe, expect, it } from "vitest";
import { IntlMessageFormat } from "intl-messageformat";
import en from "@/messages/en.json";
import kk from "@/messages/kk.json";
import ru from "@/messages/ru.json";

type Messages = { [key: string]: string | Messages };

function flatten(messages: Messages, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const catalogues = { en: flatten(en), ru: flatten(ru), kk: flatten(kk) };

describe("translations", () => {
  for (const [locale, messages] of Object.entries(catalogues)) {
    it(`${locale} has exactly the keys of every other language`, () => {
      const missing = [...catalogues.en.keys()].filter((key) => !messages.has(key));
      const extra = [...messages.keys()].filter((key) => !catalogues.en.has(key));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it(`${locale} messages are valid ICU and use the same placeholders as English`, () => {
      for (const [key, message] of messages) {
        // The parser throws on a message that is not valid ICU.
        expect(() => new IntlMessageFormat(message, locale), `${locale}: ${key}`).not.toThrow();
        const english = catalogues.en.get(key);
        if (english === undefined) continue;
        const names = (text: string) => [...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort();
        expect(new Set(names(message)), `${locale}: ${key}`).toEqual(new Set(names(english)));
      }
    });
  }
});
