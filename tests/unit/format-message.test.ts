import { describe, expect, it } from "vitest";
import { IntlMessageFormat } from "intl-messageformat";
import { formatMessage, type MessageValues } from "@/lib/i18n/format-message";
import en from "@/messages/en.json";
import kk from "@/messages/kk.json";
import ru from "@/messages/ru.json";

type Messages = { [key: string]: string | Messages };
const catalogues = { en, kk, ru } as Record<string, Messages>;

function lookup(locale: string, key: string): string {
  let node: string | Messages | undefined = catalogues[locale];
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`${locale} has no message ${key}`);
  return node;
}

function flatten(messages: Messages, prefix = ""): Array<[string, string]> {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`),
  );
}

// What the resident pages show, from the real catalogue strings.
const charactersLeft = (locale: string, count: number) => formatMessage(lookup(locale, "survey.charactersLeft"), locale, { count });
const waiting = (locale: string, count: number) => formatMessage(lookup(locale, "outbox.waiting"), locale, { count });

describe("resident messages agree with their number", () => {
  it("Russian: one, few and many", () => {
    expect([1, 2, 5, 21, 11, 22, 500].map((n) => charactersLeft("ru", n))).toEqual([
      "Остался 1 символ",
      "Осталось 2 символа",
      "Осталось 5 символов",
      "Остался 21 символ",
      "Осталось 11 символов",
      "Осталось 22 символа",
      "Осталось 500 символов",
    ]);
    expect([1, 2, 5, 21].map((n) => waiting("ru", n))).toEqual([
      "С этого телефона ждёт отправки 1 анкета.",
      "С этого телефона ждут отправки 2 анкеты.",
      "С этого телефона ждут отправки 5 анкет.",
      "С этого телефона ждёт отправки 21 анкета.",
    ]);
  });

  it("English: one and other", () => {
    expect([1, 2, 5, 21].map((n) => charactersLeft("en", n))).toEqual(["1 character left", "2 characters left", "5 characters left", "21 characters left"]);
    expect([1, 2].map((n) => waiting("en", n))).toEqual([
      "1 completed survey is waiting to be sent from this phone.",
      "2 completed surveys are waiting to be sent from this phone.",
    ]);
  });

  it("Kazakh: the noun stays singular after a number", () => {
    expect([1, 2, 5, 21].map((n) => charactersLeft("kk", n))).toEqual([
      "Қалған таңба саны: 1",
      "Қалған таңба саны: 2",
      "Қалған таңба саны: 5",
      "Қалған таңба саны: 21",
    ]);
    expect(waiting("kk", 3)).toBe("Осы телефоннан жіберуді күтіп тұрған сауалнамалар саны: 3.");
  });

  it("the step and the refusal fill their arguments", () => {
    expect(formatMessage(lookup("ru", "survey.stepOf"), "ru", { current: 2, total: 7 })).toBe("Шаг 2 из 7");
    expect(formatMessage(lookup("kk", "survey.stepOf"), "kk", { current: 2, total: 7 })).toBe("7 қадамның 2-қадамы");
    expect(formatMessage(lookup("en", "outbox.rejected"), "en", { reason: "This answer is not one of the options." })).toBe(
      "Your answers could not be accepted: This answer is not one of the options.",
    );
  });
});

describe("formatMessage", () => {
  it("uses each language's plural categories", () => {
    const message = "{n, plural, one {one} few {few} many {many} other {other}}";
    expect([0, 1, 2, 5, 21, 1.5].map((n) => formatMessage(message, "ru", { n }))).toEqual(["many", "one", "few", "many", "one", "other"]);
    expect([0, 1, 2, 5, 21].map((n) => formatMessage(message, "kk", { n }))).toEqual(["other", "one", "other", "other", "other"]);
    expect([0, 1, 2, 21].map((n) => formatMessage(message, "en", { n }))).toEqual(["other", "one", "other", "other"]);
  });

  it("prefers an exact match, and applies an offset to the category and to #", () => {
    const message = "{n, plural, offset:1 =0 {nobody} =1 {you} one {you and # other} other {you and # others}}";
    expect([0, 1, 2, 3].map((n) => formatMessage(message, "en", { n }))).toEqual(["nobody", "you", "you and 1 other", "you and 2 others"]);
  });

  it("formats numbers and # in the language's way", () => {
    expect(formatMessage("{n, number} из {t, number}", "ru", { n: 1234.5, t: 10000 })).toBe("1\u00a0234,5 из 10\u00a0000");
    expect(formatMessage("{n, plural, other {# rows}}", "en", { n: 12345 })).toBe("12,345 rows");
    expect(formatMessage("{n, number, percent}", "kk", { n: 0.25 })).toBe(new Intl.NumberFormat("kk", { style: "percent" }).format(0.25));
    expect(formatMessage("{n, number, integer}", "en", { n: 2.6 })).toBe("3");
  });

  it("formats dates in the language and the time zone asked for", () => {
    const day = new Date("2026-12-01T20:00:00Z");
    expect(formatMessage("{d, date, long}", "ru", { d: day }, { timeZone: "Asia/Almaty" })).toBe("2 декабря 2026 г.");
    expect(formatMessage("{d, date, long}", "en", { d: day }, { timeZone: "UTC" })).toBe("December 1, 2026");
    expect(formatMessage("{d, date, long}", "kk", { d: day }, { timeZone: "Asia/Almaty" })).toBe(
      new Intl.DateTimeFormat("kk", { year: "numeric", month: "long", day: "numeric", timeZone: "Asia/Almaty" }).format(day),
    );
    expect(formatMessage("{d, time, short}", "en", { d: day }, { timeZone: "UTC" })).toBe("8:00 PM");
  });

  it("selects, ordinals and nesting", () => {
    const message = "{demo, select, all {all {n, plural, one {# demo} other {# demos}}} other {none}}";
    expect(formatMessage(message, "en", { demo: "all", n: 2 })).toBe("all 2 demos");
    expect(formatMessage(message, "en", { demo: "x", n: 2 })).toBe("none");
    const ordinal = "{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}";
    expect([1, 2, 3, 4, 11, 21].map((n) => formatMessage(ordinal, "en", { n }))).toEqual(["1st", "2nd", "3rd", "4th", "11th", "21st"]);
  });

  it("reads ICU quoting", () => {
    expect(formatMessage("It's '{literal}' and '' and {x}", "en", { x: 1 })).toBe("It's {literal} and ' and 1");
    expect(formatMessage("{n, plural, other {'#' is #}}", "en", { n: 3 })).toBe("# is 3");
    expect(formatMessage("# outside a plural", "en")).toBe("# outside a plural");
  });

  it("refuses what it cannot format instead of guessing", () => {
    expect(() => formatMessage("{count} left", "en", {})).toThrow(/needs a value for \{count\}/);
    expect(() => formatMessage("{n, plural, one {#}}", "en", { n: 1 })).toThrow(/other/);
    expect(() => formatMessage("{n, number, ::compact-short}", "en", { n: 1 })).toThrow(/Unsupported number style/);
    expect(() => formatMessage("{n, spellout}", "en", { n: 1 })).toThrow(/Unsupported argument type/);
    expect(() => formatMessage("{n", "en", { n: 1 })).toThrow(SyntaxError);
    expect(() => formatMessage("n}", "en", { n: 1 })).toThrow(SyntaxError);
  });
});

// Every message of every catalogue, formatted with intl-messageformat (what next-intl uses on
// the server) and with formatMessage, for numbers that reach each plural category and every
// option of each select: the two must agree, so a message reads the same on either side.
type Element = { type: number; value: string; options?: Record<string, { value: Element[] }>; children?: Element[] };
const [ARGUMENT, NUMBER, DATE, TIME, SELECT, PLURAL, TAG] = [1, 2, 3, 4, 5, 6, 8];

function argumentsOf(elements: Element[], out = new Map<string, { type: number; options: string[] }>()) {
  for (const element of elements) {
    if (element.type === TAG) throw new Error("rich-text tags are not supported on the client");
    if ([ARGUMENT, NUMBER, DATE, TIME, SELECT, PLURAL].includes(element.type)) {
      const known = out.get(element.value);
      const options = element.type === SELECT ? Object.keys(element.options ?? {}) : [];
      out.set(element.value, { type: known && known.type !== ARGUMENT ? known.type : element.type, options: [...(known?.options ?? []), ...options] });
    }
    for (const option of Object.values(element.options ?? {})) argumentsOf(option.value, out);
  }
  return out;
}

describe("formatMessage formats every catalogue message like intl-messageformat", () => {
  const numbers = [0, 1, 2, 3, 5, 11, 21, 22, 25, 101, 1.5, 12345];
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    it(locale, () => {
      let compared = 0;
      for (const [key, message] of flatten(catalogue)) {
        const reference = new IntlMessageFormat(message, locale);
        const args = argumentsOf(reference.getAst() as unknown as Element[]);
        numbers.forEach((n, round) => {
          const values: MessageValues = {};
          for (const [name, { type, options }] of args) {
            values[name] =
              type === PLURAL || type === NUMBER ? n
              : type === DATE || type === TIME ? new Date(Date.UTC(2026, round, 1 + round, round))
              : type === SELECT ? options[round % options.length]!
              : `«${name}»`;
          }
          expect(formatMessage(message, locale, values), `${locale}: ${key} with ${JSON.stringify(values)}`).toBe(String(reference.format(values)));
          compared++;
        });
      }
      expect(compared).toBeGreaterThan(1000);
    });
  }
});
