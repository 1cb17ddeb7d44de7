import { randomUUID } from "node:crypto";
import fs from "node:fs";
import Papa from "papaparse";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { HIERARCHIES, QUASI_IDENTIFIERS } from "@/lib/export/hierarchies";
import { getQuestionnaire, itemRules, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { withoutHidden } from "@/lib/survey/skip-logic";
import { expect } from "./test";

export const WAVE = "demo-2026";
export const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;

/**
 * Today in Kazakhstan (UTC+5), or `offsetDays` from it, as the server counts days: on the
 * same clock (a test clock too, see tests/support/test-clock.cjs).
 */
export function kazakhstanDay(offsetDays = 0) {
  return new Date(Date.now() + 5 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** The labels of the step buttons, as a resident reads them. */
export const buttons = {
  en: { next: "Next", send: "Send my answers" },
  ru: { next: "Далее", send: "Отправить ответы" },
  kk: { next: "Келесі", send: "Жауаптарымды жіберу" },
} as const;

export type Locale = keyof typeof buttons;

/** Serious or critical accessibility problems on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/**
 * Walks the survey step by step as a resident does: the town, then each step's questions
 * answered from `answers` (by item id), "next" until the summary. Returns at the summary.
 */
export async function fillSurvey(
  page: Page,
  { locale, town, answers, checkAccessibility = false }: { locale: Locale; town: string; answers: Record<string, number | string>; checkAccessibility?: boolean },
) {
  await page.locator("#townId").selectOption({ label: town });
  if (checkAccessibility) await expectAccessible(page);
  await page.getByRole("button", { name: buttons[locale].next }).click();
  for (let step = 0; step < 20; step++) {
    if (await page.locator("dl.summary").isVisible()) return;
    const legends = await page.locator("fieldset legend").evaluateAll((nodes) => nodes.map((node) => node.id.replace(/-legend$/, "")));
    expect(legends.length).toBeGreaterThan(0);
    for (const id of legends) {
      const value = answers[id];
      if (value === undefined) continue;
      if (typeof value === "string") await page.locator(`textarea[name="answers.${id}"]`).fill(value);
      else await page.locator(`input[name="answers.${id}"][value="${value}"]`).check();
    }
    if (checkAccessibility) await expectAccessible(page);
    await page.getByRole("button", { name: buttons[locale].next }).click();
  }
  throw new Error("The survey never reached its summary");
}

/** Signs in as a demo staff member of the test server (tests/e2e/server.mjs seeds them). */
export async function signIn(page: Page, role: "admin" | "official" | "researcher", next = "/en/staff") {
  await page.goto(`/en/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("E-mail").fill(`${role}@demo.qala`);
  await page.getByLabel("Password").fill(process.env.QALA_DEMO_PASSWORD!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`**${next}`);
}

/** Signs any demo staff account in afresh (cookies cleared first) and waits for `landing` (by default `next`). */
export async function signInAs(page: Page, email: string, next: string, landing = next) {
  await page.context().clearCookies();
  await page.goto(`/en/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(process.env.QALA_DEMO_PASSWORD!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`**${landing}`);
}

/** Downloads the wave's microdata CSV (the form's defaults) from the exports page as a researcher and parses it. */
export async function downloadResponses(page: Page) {
  // Microdata is for researchers: sign in as one, whoever was signed in before.
  await page.context().clearCookies();
  await signIn(page, "researcher", "/en/staff/exports");
  const downloadPromise = page.waitForEvent("download");
  await page.locator(`[data-wave="${WAVE}"]`).getByRole("button", { name: "Download", exact: true }).click();
  const download = await downloadPromise;
  const csv = Papa.parse<Record<string, string>>(fs.readFileSync(await download.path(), "utf8"), { header: true, skipEmptyLines: true });
  expect(csv.errors).toEqual([]);
  const fileName = download.suggestedFilename();
  const k = Number(fileName.match(/_k(\d+)\.csv$/)?.[1]);
  expect(k).toBeGreaterThanOrEqual(3);
  expectKAnonymous(csv.data, k);
  return { rows: csv.data, fields: csv.meta.fields ?? [], fileName, k };
}

/** The columns k-anonymity is about: the town, the quasi-identifier questions, the survey's language and month. */
export const QUASI_COLUMNS = ["town", ...QUASI_IDENTIFIERS, "language", "month"] as const;

/**
 * What the export guarantees of every row, whatever else was sent and whatever the date:
 * its published combination of quasi-identifiers (a blank counting as a value of its own)
 * is shared by at least k rows of the file.
 */
export function expectKAnonymous(rows: Array<Record<string, string>>, k: number) {
  const key = (row: Record<string, string>) => JSON.stringify(QUASI_COLUMNS.map((column) => row[column] ?? ""));
  const sizes = new Map<string, number>();
  for (const row of rows) sizes.set(key(row), (sizes.get(key(row)) ?? 0) + 1);
  expect([...sizes].filter(([, size]) => size < k), `combinations shared by fewer than k = ${k} rows`).toEqual([]);
}

/**
 * What the export may do to a resident's quasi-identifiers: publish each as given, as a
 * band of the hierarchy that holds it (lib/export/hierarchies.ts), or blank it; never as
 * another value. `own` holds the resident's town, language and month as the export writes
 * them (the months of the test clock before and after sending: a month may end between them).
 */
export function expectPublishedFrom(row: Record<string, string>, answers: Record<string, number | string>, own: { town: string; language: string; months: string[] }) {
  const allowed = (column: (typeof QUASI_COLUMNS)[number]): string[] => {
    if (column === "town" || column === "language") return [own[column], ""];
    if (column === "month") return [...own.months, ""];
    const code = answers[column];
    const bands = HIERARCHIES[column].levels.flat().filter((band) => band.members.includes(code as number));
    return [...new Set(bands.map((band) => String(band.code))), ""];
  };
  for (const column of QUASI_COLUMNS) expect(allowed(column), `${column} published as ${row[column]}`).toContain(row[column]);
}

/** Rows of the export whose coded answers are exactly these (quasi-identifiers aside, as the export may blank them). */
export function rowsWithAnswers(rows: Array<Record<string, string>>, answers: Record<string, number | string>) {
  // Quasi-identifiers, and the items asked because of them, may be blanked by disclosure control.
  const mayBeBlanked = new Set(["age_band", "sex", "employment", "years_in_town"]);
  for (const item of questionnaire.items) if (item.showIf && mayBeBlanked.has(item.showIf.itemId)) mayBeBlanked.add(item.id);
  const coded = Object.entries(withoutHidden(itemRules(questionnaire), answers)).filter(
    ([id, value]) => typeof value === "number" && !mayBeBlanked.has(id),
  );
  return rows.filter((row) => row.demo === "0" && coded.every(([id, value]) => row[id] === String(value)));
}

/**
 * The ids a phone sends with its answers, read off a wave's survey page as the phone gets
 * them: the wave's in the page's props, the town's in its option of the town list.
 */
export async function surveyIds(page: Page, { wave, town }: { wave: string; town: string }) {
  await page.goto(`/en/survey/${wave}`);
  const waveId = Number((await page.content()).match(/\\?"waveId\\?":(\d+)/)?.[1]);
  const townId = Number(await page.locator("#townId option", { hasText: town }).getAttribute("value"));
  expect(Number.isInteger(waveId) && Number.isInteger(townId), `ids of ${wave} and ${town}`).toBe(true);
  return { waveId, townId };
}

/**
 * Sends one resident's answers as the phone's outbox does (a fresh proof of work, then the
 * POST), without walking the form: for tests that need many answers of known values.
 */
export async function sendAnswers(request: APIRequestContext, { waveId, townId, answers }: { waveId: number; townId: number; answers: Record<string, number | string> }) {
  const challenge = (await (await request.get("/api/challenge")).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  const response = await request.post("/api/responses", {
    data: { responseId: randomUUID(), waveId, townId, locale: "en", questionnaireVersion: questionnaire.version, answers, pow: { challenge, solution } },
  });
  expect(await response.json()).toEqual({ status: "ok" });
}
