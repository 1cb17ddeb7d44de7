import fs from "node:fs";
import type { Page } from "@playwright/test";
import { completeAnswers } from "../fixtures";
import { kazakhstanDay, questionnaire, sendAnswers, signIn, surveyIds, WAVE } from "./survey-helpers";
import { expect, test } from "./test";

/**
 * Two waves in a town no demo wave asks (Saran), made by an admin as in real use, each
 * answered by twelve residents with known answers: everyone answers every question with
 * the first option of its scale (tests/fixtures.ts), except
 *   "It is easy to find a good job": 3 of 12 agree before, 9 of 12 after (25 % → 75 %);
 *   heating: 6 of 12 satisfied before, 5 of 12 after (50 % → 41.7 %).
 * So the later wave's dashboard must name the earlier one and show +50 pp beyond noise,
 * −8.3 pp within noise (|z| ≈ 0.41), and ±0 on every other question.
 */
const TOWN = { code: "saran", name: "Saran" };
const BEFORE = { slug: "change-e2e-before", name: "Change e2e: before", opensIn: -2 };
const AFTER = { slug: "change-e2e-after", name: "Change e2e: after", opensIn: -1 };

function residents({ agreeFindJob, heatingSatisfied }: { agreeFindJob: number; heatingSatisfied: number }) {
  return Array.from({ length: 12 }, (_, i) =>
    completeAnswers(questionnaire, { agree_find_job: i < agreeFindJob ? 4 : 1, sat_heating: i < heatingSatisfied ? 4 : 1 }),
  );
}

/** An admin creates the wave in the town, opens it, the residents answer, the admin closes it. */
async function runWave(page: Page, wave: typeof BEFORE, answers: Array<Record<string, number | string>>) {
  await page.goto("/en/staff/admin/waves");
  const form = page.getByRole("form", { name: "New wave" });
  await form.getByLabel("Address (slug)").fill(wave.slug);
  for (const language of ["Kazakh", "Russian", "English"]) await form.getByLabel(`Name in ${language}`).fill(wave.name);
  // Answers arrive while the wave is open; the earlier wave opened earlier.
  await form.getByLabel("Opens on").fill(kazakhstanDay(wave.opensIn));
  await form.getByLabel("Closes on").fill(kazakhstanDay(30));
  await form.getByRole("checkbox", { name: TOWN.name, exact: true }).check();
  await form.getByRole("button", { name: "Create draft" }).click();
  const row = page.locator(`tr[data-wave="${wave.slug}"]`);
  await row.getByRole("button", { name: "Open for answers" }).click();
  await expect(row.getByRole("cell", { name: "Open", exact: true })).toBeVisible();

  const ids = await surveyIds(page, { wave: wave.slug, town: TOWN.name });
  for (const resident of answers) await sendAnswers(page.request, { ...ids, answers: resident });

  await page.goto("/en/staff/admin/waves");
  await row.getByRole("button", { name: "Close", exact: true }).click();
  await expect(row.getByRole("cell", { name: "Closed", exact: true })).toBeVisible();
}

test("the town dashboard shows each question's change since the previous wave, against known answers", async ({ page }) => {
  test.slow(); // two waves made through the admin pages, 24 residents' answers
  await signIn(page, "admin", "/en/staff/admin");
  await runWave(page, BEFORE, residents({ agreeFindJob: 3, heatingSatisfied: 6 }));
  await runWave(page, AFTER, residents({ agreeFindJob: 9, heatingSatisfied: 5 }));

  await page.goto(`/en/staff/${AFTER.slug}/${TOWN.code}`);
  await expect(page.getByTestId("response-count")).toHaveText(/\b12\b/);
  const table = page.getByTestId("items-table");
  // The previous wave is the town's latest closed wave before this one, and is named.
  await expect(table.getByRole("columnheader", { name: `Change since ${BEFORE.name}` })).toBeVisible();
  await expect(table.locator('[data-item="agree_find_job"] td').first()).toHaveText("75.0%");
  await expect(page.getByTestId("change-agree_find_job")).toHaveText("+50 pp · beyond noise");
  await expect(table.locator('[data-item="sat_heating"] td').first()).toHaveText("41.7%");
  await expect(page.getByTestId("change-sat_heating")).toHaveText("−8.3 pp · within noise");
  // An area's change is its mean share's: jobs (25 %, 100 %, 100 % → 75 %, …) +16.7 pp,
  // utilities (50 %, 100 %, 100 %, 100 % → 41.7 %, …) −2.1 pp; neither beyond noise.
  await expect(page.getByTestId("change-area-jobs")).toHaveText("+16.7 pp · within noise");
  await expect(page.getByTestId("change-area-utilities")).toHaveText("−2.1 pp · within noise");

  // Everything else was answered alike in both waves; the business questions, asked only of
  // business owners, by no one.
  const business = new Set(["business", ...questionnaire.items.filter((item) => item.area === "business").map((item) => item.id)]);
  const cells = await table.locator('[data-testid^="change-"]').evaluateAll((nodes) => nodes.map((node) => [node.getAttribute("data-testid")!, node.textContent!.trim()]));
  const others = cells.filter(([id]) => !["change-agree_find_job", "change-sat_heating", "change-area-jobs", "change-area-utilities"].includes(id!));
  expect(others.length).toBeGreaterThan(20);
  expect(others.filter(([id, text]) => text !== (business.has(id!.replace(/^change-(area-)?/, "")) ? "—" : "±0 pp · within noise"))).toEqual([]);
});

test("the demo dashboard compares with the demo's closed wave, in the change column's format", async ({ page }) => {
  await signIn(page, "official", `/en/staff/${WAVE}/ridder`);
  const table = page.getByTestId("items-table");
  await expect(table.getByRole("columnheader", { name: "Change since Demo wave 2025" })).toBeVisible();
  // Each area of life has its own score, interval, n and change, above its questions.
  const jobs = table.locator('[data-area="jobs"]');
  await expect(jobs.getByRole("rowheader", { name: "Jobs and income: area score" })).toBeVisible();
  await expect(jobs.locator("td").first()).toHaveText(/^\d+(\.\d)?\s?%$/);
  for (const cell of await table.locator('[data-testid^="change-"]').allInnerTexts()) expect(cell).toMatch(/^([+−±]\d+(\.\d)? pp · (beyond|within) noise|—)$/);
});

test("the demo's story: Ridder meets its unemployment target while few find a good job; Kurchatov improves beyond noise", async ({ page }) => {
  await signIn(page, "official", `/en/staff/${WAVE}/ridder`);
  // The demo's story (scripts/seed/demo.ts): Ridder's official unemployment meets its target,
  // yet fewer than half of residents say it is easy to find a good job.
  const unemployment = page.getByTestId("targets-table").locator('tr[data-indicator="unemployment_rate"]');
  await expect(unemployment.first()).toContainText(/Target met, but only \d+(\.\d)?\s?% of residents answer favourably\./);
  // Kurchatov improves from the demo's 2024 wave to its 2025 wave, beyond noise on most areas.
  await page.goto("/en/staff/demo-2025/kurchatov");
  await expect(page.getByTestId("items-table").getByRole("columnheader", { name: "Change since Demo wave 2024" })).toBeVisible();
  await expect(page.getByTestId("items-table").locator('[data-testid^="change-area-"]', { hasText: "beyond noise" }).first()).toBeVisible();
});

test("the sample's age band × sex beside the town's population: a picture with a caption, a table with the same cells, coverage and n_eff", async ({ page }) => {
  await signIn(page, "official", `/en/staff/${WAVE}/ridder`);
  const section = page.getByTestId("sample-balance");
  const figure = section.getByTestId("chart-sample-balance");
  await expect(figure.getByRole("img", { name: /Sample against population by age band × sex/ })).toBeVisible();
  await expect(figure.locator("figcaption")).toContainText("Paired bars for each age band × sex cell");
  const table = section.getByTestId("sample-balance-table");
  await expect(table.getByRole("columnheader", { name: "Share of respondents" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Share of adults" })).toBeVisible();
  // One row per cell, in the picture and in the table alike.
  const rows = table.locator("tbody tr");
  expect(await rows.count()).toBeGreaterThanOrEqual(8);
  expect(await figure.locator("svg g[data-cell]").count()).toBe(await rows.count());
  // A cell's sample share is a percentage, or it says it is hidden; never a count below k.
  for (const text of await rows.locator("td:nth-child(2)").allInnerTexts()) expect(text).toMatch(/^(\d+(\.\d)?\s?%|Hidden: fewer than 10 respondents|Hidden so that a hidden cell cannot be worked out from the total)$/);
  for (const text of await rows.locator("td:nth-child(3)").allInnerTexts()) expect(text === "< 10" || text === "—" || Number(text) === 0 || Number(text) >= 10).toBe(true);
  await expect(section.getByTestId("coverage-respondents")).toContainText("gave both age band and sex");
  await expect(section.getByTestId("effective-n")).toContainText(/Kish's effective sample size: \d+/);
});

test("a breakdown hides small groups and says why; weighting can be switched on and is explained", async ({ page }) => {
  await signIn(page, "official", `/en/staff/${WAVE}/ridder`);
  await page.getByLabel("Question", { exact: true }).selectOption({ label: "It is easy to find a good job in my town." });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/item=agree_find_job/);

  const byActivity = page.getByTestId("breakdown-employment");
  await expect(byActivity.locator("caption")).toContainText("It is easy to find a good job in my town.");
  // The open demo wave has 120 residents a town over seven activities: the rarest groups are under k = 10.
  const primary = byActivity.locator('tr[data-suppression="primary"]');
  await expect(primary.first()).toContainText("Hidden: fewer than 10 answers");
  await expect(primary.first()).toContainText("< 10");
  // No group is ever hidden alone, or it could be worked out from the total.
  expect(await byActivity.locator('tr:not([data-suppression="none"])').count()).toBeGreaterThan(1);

  // Mode is a breakdown like the others, and the dashboard says how many answers came by each mode.
  const byMode = page.getByTestId("breakdown-mode");
  await expect(byMode.locator("caption")).toContainText("It is easy to find a good job in my town.: by mode of collection");
  await expect(byMode.getByRole("rowheader", { name: "Self-completed online" })).toBeVisible();
  const modes = page.getByTestId("mode-counts");
  await expect(modes.getByRole("rowheader")).toHaveText(["Self-completed online", "Face-to-face interview"]);
  for (const text of await modes.locator("td").allInnerTexts()) expect(text === "0" || Number(text) >= 10 || text.startsWith("Hidden")).toBe(true);

  const shareBefore = await page.getByTestId("items-table").locator('[data-item="agree_find_job"] td').first().innerText();
  await expect(page.getByTestId("weighting-state")).toHaveText("Shares are unweighted: every response counts the same.");
  await page.getByLabel("Weighted by age band × sex").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/weighting=weighted/);
  await expect(page.getByTestId("weighting-state")).toContainText("weighted to the town's adult population by age band × sex");
  await expect(page.getByTestId("items-table").getByRole("columnheader", { name: "Favourable share (weighted)" })).toBeVisible();
  const shareAfter = await page.getByTestId("items-table").locator('[data-item="agree_find_job"] td').first().innerText();
  expect(shareAfter).not.toBe(shareBefore);
  await page.getByText("How the weighting works").click();
  await expect(page.getByText(/Post-stratification: residents who gave their age band and sex/)).toBeVisible();
});

test("towns compared on one question, sorted with intervals, and an official figure against residents as a scatter; a chart's table downloads as CSV", async ({ page }) => {
  await signIn(page, "official", `/en/staff/${WAVE}/ridder`);
  await page.getByRole("link", { name: "Compare towns" }).click();
  await page.getByLabel("Question or area").selectOption({ label: "It is easy to find a good job in my town." });
  await page.locator("#ranking").getByRole("button", { name: "Show" }).click();
  const ranking = page.getByTestId("ranking-table");
  const towns = await ranking.locator("tbody tr[data-town]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-town")));
  expect(towns.sort()).toEqual(["altai", "kurchatov", "ridder", "serebryansk"]);
  // Sorted: shares never rise down the table (hidden towns, if any, come last).
  const shares = (await ranking.locator('[data-testid^="share-town-"]').allInnerTexts()).filter((text) => text.endsWith("%")).map((text) => parseFloat(text));
  expect(shares).toEqual([...shares].sort((a, b) => b - a));

  await expect(page.getByTestId("scatter-table")).toBeVisible();
  const downloadPromise = page.waitForEvent("download");
  await page.locator("#ranking").getByRole("button", { name: "Download table (CSV)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = fs.readFileSync(await download.path(), "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  for (const share of shares) expect(csv).toContain(`,${share},`);
});
