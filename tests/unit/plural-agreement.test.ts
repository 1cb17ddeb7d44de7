import { describe, expect, it } from "vitest";
import { formatMessage } from "@/lib/i18n/format-message";
import kk from "@/messages/kk.json";
import ru from "@/messages/ru.json";

/**
 * A number pasted in front of a noun agrees only by luck in Russian («из 21 ошибок», «3
 * ячеек»): a count goes through an ICU plural (one/few/many/other) or stands where no noun
 * follows it («Строк в файле: {found}»). Kazakh puts no plural ending on a noun after a
 * numeral («5 жол», not «5 жолдар»).
 */
type Messages = { [key: string]: string | Messages };

function flatten(messages: Messages, prefix = ""): [string, string][] {
  return Object.entries(messages).flatMap(([key, value]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    return typeof value === "string" ? [[name, value] as [string, string]] : flatten(value, name);
  });
}

/** Placeholders that hold a count. */
const COUNTS = ["count", "found", "expected", "shown", "max", "total", "rows", "k", "min", "added", "changed", "unchanged", "suppressed", "generalised", "hidden"];
const countThenWord = new RegExp(String.raw`\{(${COUNTS.join("|")})(?:, number)?\}\s+(\p{Script=Cyrillic}+)`, "gu");

/** Words that may follow a bare count: prepositions, and units that do not decline. */
const UNDECLINED = new Set(["из", "и", "МБ", "п"]);

describe("counts agree with their nouns", () => {
  it("ru: no count placeholder stands bare in front of a noun", () => {
    const bare = flatten(ru)
      .flatMap(([key, message]) => [...message.matchAll(countThenWord)].map((match) => ({ key, match })))
      .filter(({ match }) => !UNDECLINED.has(match[2]!))
      .map(({ key, match }) => `${key}: ${match[0]}`);
    expect(bare).toEqual([]);
  });

  it("ru: every plural that puts a noun after # has one, few and many", () => {
    const incomplete = flatten(ru)
      .filter(([, message]) => /plural,/.test(message) && /#\s+\p{Script=Cyrillic}/u.test(message))
      .filter(([, message]) => !(/\bone\s*\{/.test(message) && /\bfew\s*\{/.test(message) && /\bmany\s*\{/.test(message)))
      .map(([key]) => key);
    expect(incomplete).toEqual([]);
  });

  it("ru: the CSV import messages read right for 1, 3, 21 and 1002", () => {
    for (const n of [1, 3, 21, 1002]) {
      // Genitive after «длиннее»: «длиннее 21 символа», «длиннее 3 символов».
      expect(formatMessage(ru.adminIndicators.issues.tooLong, "ru", { max: n })).toMatch(n % 10 === 1 && n % 100 !== 11 ? /символа\.$/ : /символов\.$/);
      expect(formatMessage(ru.adminIndicators.problems.more, "ru", { shown: 20, count: n })).toBe(`Показано ошибок: 20 из ${n}.`);
    }
  });

  it("kk: no plural noun after a count", () => {
    const plural = /^\p{L}+(?:лар|лер|дар|дер|тар|тер)\p{L}*$/u;
    const found = flatten(kk)
      .flatMap(([key, message]) => [...message.matchAll(countThenWord)].map((match) => ({ key, match })))
      .filter(({ match }) => plural.test(match[2]!))
      .map(({ key, match }) => `${key}: ${match[0]}`);
    expect(found).toEqual([]);
  });
});
