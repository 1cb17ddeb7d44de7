import type { Page } from "@playwright/test";
import { completeAnswers } from "../fixtures";
import { downloadResponses, expectPublishedFrom, fillSurvey, kazakhstanDay, questionnaire, rowsWithAnswers, signIn, WAVE } from "./survey-helpers";
import { expect, test } from "./test";

async function readDashboard(page: Page) {
  await page.goto(`/en/staff/${WAVE}/ridder`);
  if (page.url().includes("/login")) await signIn(page, "official", `/en/staff/${WAVE}/ridder`);
  const count = Number((await page.getByTestId("response-count").innerText()).match(/\d+/)![0]);
  const n = Number(await page.getByTestId("n-agree_find_job").innerText());
  const share = Number.parseFloat(await page.getByTestId("share-agree_find_job").innerText());
  return { count, n, share };
}

// One resident's answers: "strongly agree" that jobs are easy to find, retired, not leaving.
const answers = completeAnswers(questionnaire, {
  agree_find_job: 4,
  employment: 6,
  plan_leave_2y: 1,
  life_satisfaction: 9,
  sat_heating: 1,
  sat_public_transport: 4,
  age_band: 3,
  sex: 1,
});

test("a resident's answer reaches the dashboard and the export", async ({ page }) => {
  const before = await readDashboard(page);
  // The response count says how many are generated demo data (the priorities section says so of its ballots too).
  await expect(page.getByText(/of these responses are generated demo data/)).toBeVisible();

  await page.goto("/en");
  // Other specs may have opened more waves: take the demo wave's link.
  await page.locator(`a[href="/en/survey/${WAVE}"]`).click();
  await fillSurvey(page, { locale: "en", town: "Ridder", answers });
  const monthBefore = kazakhstanDay().slice(0, 7);
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  const months = [monthBefore, kazakhstanDay().slice(0, 7)];
  // The thanks page's address names no town, yet it leads to the town answered for.
  expect(new URL(page.url()).pathname).toBe(`/en/survey/${WAVE}/thanks`);
  expect(new URL(page.url()).search).toBe("");
  await page.getByRole("link", { name: "Ridder: results and the town's answer" }).click();
  await expect(page).toHaveURL(/\/en\/towns\/ridder$/);

  const after = await readDashboard(page);
  expect(after.count).toBe(before.count + 1);
  expect(after.n).toBe(before.n + 1);
  expect(after.share).toBeGreaterThan(before.share);

  // downloadResponses checks what the export guarantees of every row: its combination of
  // town, age band, sex, job, years in town, language and month is shared by at least k rows.
  const { rows, fields, fileName } = await downloadResponses(page);
  expect(fileName).toMatch(new RegExp(`^qala-pulse_${WAVE}_microdata_\\d{4}-\\d{2}-\\d{2}_k10\\.csv$`));
  expect(fields).not.toContain("id");
  // The row is there, once, with its answers.
  const mine = rowsWithAnswers(rows, answers);
  expect(mine).toHaveLength(1);
  // Ridder has far more than k rows: its town is never blanked.
  expect(mine[0]!.town).toBe("ridder");
  // To get there, the export may merge or blank the resident's quasi-identifiers (which ones
  // depends on what else was sent, and in which month): each is the resident's own, a band
  // holding it, or blank, never someone else's.
  expectPublishedFrom(mine[0]!, answers, { town: "ridder", language: "en", months });
});

test("a step with answers missing shows translated errors on each question and does not move on", async ({ page }) => {
  await page.goto(`/kk/survey/${WAVE}`);
  await page.getByRole("button", { name: "Келесі" }).click();
  await expect(page.locator("#townId-error")).toHaveText("Жауапты таңдаңыз.");
  await expect(page.locator("#townId")).toHaveAttribute("aria-invalid", "true");
  await page.locator("#townId").selectOption({ label: "Риддер" });
  await page.getByRole("button", { name: "Келесі" }).click();
  await page.getByRole("button", { name: "Келесі" }).click();
  await expect(page.getByText("Төменде белгіленген жауаптарды тексеріңіз.")).toBeVisible();
  await expect(page.getByText("Жауапты таңдаңыз.").first()).toBeVisible();
  const invalid = page.locator('fieldset[aria-invalid="true"]');
  expect(await invalid.count()).toBeGreaterThanOrEqual(5);
});

test("a page without an icon of its own (a JSON answer opened in a tab) finds /favicon.ico, so the browser logs no 404", async ({ page }) => {
  // The page fixture fails the test on the console's "Failed to load resource" for the icon.
  await page.goto("/api/health");
  const icon = await page.request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toBe("image/x-icon");
});
