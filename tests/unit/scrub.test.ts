import { describe, expect, it } from "vitest";
import { REMOVED, scrubText } from "@/lib/export/scrub";

describe("scrubText", () => {
  it.each([
    ["+7 701 123 45 67"],
    ["+77011234567"],
    ["87011234567"],
    ["8 701 123 45 67"],
    ["8 (701) 123-45-67"],
    ["8-701-123-45-67"],
    ["+7 (7212) 41-23-45"],
    ["+7 (705) 123 45 67"],
    ["тел. 41-23-45"],
    ["4-15-87"],
    ["моб 123-45-67"],
    ["41 23 45"],
    ["41.23.45"],
    ["123 - 45 - 67"],
  ])("removes the Kazakh phone number %s", (phone) => {
    const number = phone.replace(/^(?:тел\. |моб )/, "");
    const prefix = phone.slice(0, phone.length - number.length);
    expect(scrubText(`Позвоните мне: ${phone}, спасибо`)).toEqual({ text: `Позвоните мне: ${prefix}${REMOVED}, спасибо`, scrubbed: 1 });
  });

  it("removes e-mail addresses, Cyrillic ones included", () => {
    expect(scrubText("Write to aigerim.k+survey@mail.kz or to әкім@қала.қаз")).toEqual({
      text: `Write to ${REMOVED} or to ${REMOVED}`,
      scrubbed: 2,
    });
  });

  it.each([["ivan[at]mail.ru"], ["ivan @ mail.ru"], ["ivan (at) mail dot ru"], ["ivan(собака)mail.ru"], ["ivan [at] mail [dot] ru"], ["Иван@почта.рф"]])(
    "removes the spelt-out e-mail address %s",
    (email) => {
      expect(scrubText(`Пишите: ${email} — отвечу`)).toEqual({ text: `Пишите: ${REMOVED} — отвечу`, scrubbed: 1 });
    },
  );

  it("removes runs of six or more digits, such as an ИИН", () => {
    expect(scrubText("Мой ИИН 900101300123, счёт 123456")).toEqual({ text: `Мой ИИН ${REMOVED}, счёт ${REMOVED}`, scrubbed: 2 });
  });

  it("keeps ordinary text, years, dates, short numbers and amounts written with spaces", () => {
    const text =
      "Жолдарды жөндеу керек. В 2024 году автобус №12 ходил 3 раза в день, зарплата 150 000 тенге, дом 5-23. " +
      "I have 3 children; in 2025 prices rose; 2024-2025 was hard, since 12.05.2025 and 2025-05-12; a car costs 1 500 000; meet at noon.";
    expect(scrubText(text)).toEqual({ text, scrubbed: 0 });
  });

  it("counts every removal in a text with several", () => {
    expect(scrubText("87011234567 / 87021234567 / a@b.kz").scrubbed).toBe(3);
  });
});

describe("scrubText on a long answer (review finding 13)", () => {
  it("passes 64 KB of words without an e-mail's @ through unchanged, and still finds one that has it", () => {
    // Before the pre-check the e-mail pattern took about half a minute on such a text.
    const words = "жол".repeat(64 * 1024 / 3);
    expect(scrubText(words)).toEqual({ text: words, scrubbed: 0 });
    expect(scrubText(`${"а ".repeat(1000)}ivan[at]mail.ru`).scrubbed).toBe(1);
    expect(scrubText("пишите ivan (собака) mail точка ru").text).toBe(`пишите ${REMOVED}`);
  });
});
