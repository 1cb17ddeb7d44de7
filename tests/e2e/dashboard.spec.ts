import fs from "node:fs";
import { signIn, WAVE } from "./survey-helpers";
import { expect, test } from "./test";

test("the town dashboard shows each question's change since the previous wave, and whether it is beyond noise", async ({ page }) => {
  await signIn(page, "official", `/en/staff/${WAVE}/ridder`);
  const table = page.getByTestId("items-table");
  await expect(table.getByRole("columnheader", { name: "Change since Demo wave 2025" })).toBeVisible();
  // Each area of life has its own score, interval, n and change, above its questions.
  const jobs = table.locator('[data-area="jobs"]');
  await expect(jobs.getByRole("rowheader", { name: "Jobs and income: area score" })).toBeVisible();
  await expect(jobs.locator("td").first()).toHaveText(/^\d+(\.\d)?\s?%$/);
  await expect(page.getByTestId("change-area-jobs")).toHaveText(/^([+−±]\d+(\.\d)? pp · (beyond|within) noise|—)$/);
  const cells = await table.locator('[data-testid^="change-"]').allInnerTexts();
  expect(cells.length).toBeGreaterThan(20);
  for (const cell of cells) expect(cell).toMatch(/^([+−±]\d+(\.\d)? pp · (beyond|within) noise|—)$/);
  expect(cells.filter((cell) => cell !== "—").length).toBeGreaterThan(20);
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
