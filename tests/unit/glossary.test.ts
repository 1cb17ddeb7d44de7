import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import kk from "@/messages/kk.json";
import ru from "@/messages/ru.json";

/**
 * docs/glossary.md names each key term once per language and lists the wrong synonyms; no
 * catalogue may use one. JavaScript's \b only knows ASCII letters, so a word's edges are
 * Unicode-aware lookarounds (u flag): «оң» must not match inside «оңай», nor «раунд» inside
 * «раунды» unless the glossary writes «раунд*».
 */
const LANGUAGES = ["en", "ru", "kk"] as const;
type Language = (typeof LANGUAGES)[number];

interface Term {
  heading: string;
  names: Partial<Record<Language, string>>;
  wrong: Record<Language, string[]>;
}

const glossaryFile = path.resolve(import.meta.dirname, "../../docs/glossary.md");

export function parseGlossary(markdown: string): Term[] {
  const terms: Term[] = [];
  let current: Term | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^##\s+(.+?)\s*$/.exec(line);
    if (heading) {
      current = { heading: heading[1]!, names: {}, wrong: { en: [], ru: [], kk: [] } };
      terms.push(current);
      continue;
    }
    if (!current) continue;
    const entry = /^-\s+(wrong\s+)?(en|ru|kk):\s*(.*?)\s*$/.exec(line);
    if (!entry) continue;
    const language = entry[2] as Language;
    if (entry[1]) {
      current.wrong[language].push(
        ...entry[3]!
          .split(";")
          .map((word) => word.trim().replace(/^[«"“]|[»"”]$/g, ""))
          .filter((word) => word !== "" && word !== "—"),
      );
    } else {
      current.names[language] = entry[3]!;
    }
  }
  return terms;
}

const LETTER = String.raw`[\p{L}\p{N}\p{M}]`;

/** A whole-word, case-insensitive pattern; `*` is any run of letters, spaces match any whitespace. */
export function synonymPattern(word: string): RegExp {
  const body = word
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, String.raw`\s+`))
    .join(`${LETTER}*`);
  return new RegExp(`(?<!${LETTER})${body}(?!${LETTER})`, "iu");
}

type Messages = { [key: string]: string | Messages };

function flatten(messages: Messages, prefix = ""): [string, string][] {
  return Object.entries(messages).flatMap(([key, value]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    return typeof value === "string" ? [[name, value] as [string, string]] : flatten(value, name);
  });
}

const catalogues: Record<Language, [string, string][]> = { en: flatten(en), ru: flatten(ru), kk: flatten(kk) };
const terms = parseGlossary(readFileSync(glossaryFile, "utf8"));

describe("the word-boundary matcher", () => {
  it.each([
    ["оң жауап", "Оң жауап берді", true],
    ["оң жауап", "оң жауаптар үлесі", false],
    ["оң жауап*", "оң жауаптар үлесі", true],
    ["оң", "оңай емес", false],
    ["оң", "соң", false],
    ["раунд*", "один раунд опроса", true],
    ["раунд", "раунды", false],
    ["положительн*", "Доля ПОЛОЖИТЕЛЬНЫХ ответов", true],
    ["95 % интервал*", "с 95 % интервалом Уилсона", true],
    ["95 % интервал*", "95 % доверительный интервал", false],
    ["целев* показател*", "официальными целевыми показателями", true],
    ["Кіштің", "ең кіші n", false],
    ["city", "electricity", false],
    ["top-2-box", "(top-2-box, 95 %)", true],
  ])("%s in «%s»: %s", (word, text, expected) => {
    expect(synonymPattern(word).test(text)).toBe(expected);
  });
});

describe("docs/glossary.md", () => {
  it("has the key terms, each named in kk, ru and en with its wrong synonyms", () => {
    const headings = terms.map((term) => term.heading);
    for (const required of ["wave", "favourable share", "confidence interval", "target", "account", "revoke", "breakdown", "weighting", "suppressed", "response", "town", "indicator"]) {
      expect(headings).toContain(required);
    }
    expect(new Set(headings).size).toBe(headings.length);
    for (const term of terms) {
      for (const language of LANGUAGES) expect(term.names[language], `${term.heading}: ${language}`).toBeTruthy();
      expect(LANGUAGES.some((language) => term.wrong[language].length > 0), term.heading).toBe(true);
    }
  });

  it("never lists a term's own name as a wrong synonym", () => {
    for (const term of terms) {
      for (const language of LANGUAGES) {
        for (const word of term.wrong[language]) {
          expect(synonymPattern(word).test(term.names[language]!), `${term.heading} (${language}): ${word}`).toBe(false);
        }
      }
    }
  });

  for (const language of LANGUAGES) {
    it(`messages/${language}.json uses none of the wrong synonyms`, () => {
      const found: string[] = [];
      for (const term of terms) {
        for (const word of term.wrong[language]) {
          const pattern = synonymPattern(word);
          for (const [key, value] of catalogues[language]) {
            if (pattern.test(value)) found.push(`${key}: «${word}» (${term.heading}: use «${term.names[language]}») in “${value}”`);
          }
        }
      }
      expect(found).toEqual([]);
    });
  }
});
