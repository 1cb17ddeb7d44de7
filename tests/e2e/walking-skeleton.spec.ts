import fs from "node:fs";
import Papa from "papaparse";
import type { Page } from "@playwright/test";
import { expect, test } from "./test";

const WAVE = "demo-2026";

// One resident's answers, by question text and option label as an English reader sees them.
const answers: Array<[question: string, option: string, itemId: string, code: number]> = [
  ["health care services", "Rather unsatisfied", "sat_health_care", 2],
  ["public transport", "Very satisfied", "sat_public_transport", 4],
  ["heating of your home", "Not at all satisfied", "sat_heating", 1],
  ["water supply", "Rather satisfied", "sat_water_supply", 3],
  ["good housing at a reasonable price", "Somewhat disagree", "agree_housing_affordable", 2],
  ["quality of the air", "Don't know", "sat_air_quality", -1],
  ["easy to find a good job", "Strongly agree", "agree_find_job", 4],
  ["household's income", "Rather unsatisfied", "sat_income", 2],
  ["economic future of my town", "Strongly disagree", "agree_economy_confident", 1],
  ["permits and licences", "Major obstacle", "obstacle_permits", 3],
  ["local administration (akimat)", "Somewhat agree", "agree_trust_akimat", 3],
  ["leave the town within the next two years", "Yes", "plan_leave_2y", 2],
  ["satisfied to live in my town", "Somewhat disagree", "agree_satisfied_live", 2],
  ["Compared with five years ago", "Worse", "compared_5y", 1],
  ["how satisfied are you with your life", "9", "life_satisfaction", 9],
  ["Your age", "45–59", "age_band", 3],
  ["Your sex", "Female", "sex", 1],
];

async function readDashboard(page: Page) {
  await page.goto(`/en/staff/${WAVE}/ridder`);
  const count = Number((await page.getByTestId("response-count").innerText()).match(/\d+/)![0]);
  const n = Number(await page.getByTestId("n-agree_find_job").innerText());
  const share = Number.parseFloat(await page.getByTestId("share-agree_find_job").innerText());
  return { count, n, share };
}

test("a resident's answer reaches the dashboard and the export", async ({ page }) => {
  const before = await readDashboard(page);
  await expect(page.getByText(/generated demo data/)).toBeVisible();

  await page.goto("/en");
  await page.getByRole("link", { name: "Start the survey" }).click();
  await page.getByLabel("Your town", { exact: true }).selectOption({ label: "Ridder" });
  for (const [question, option] of answers) {
    const group = page.getByRole("group", { name: new RegExp(question.replace(/[()]/g, "\\$&"), "i") });
    await group.getByLabel(option, { exact: true }).check();
  }
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();

  const after = await readDashboard(page);
  expect(after.count).toBe(before.count + 1);
  expect(after.n).toBe(before.n + 1);
  expect(after.share).toBeGreaterThan(before.share);

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download responses (CSV)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^qala-pulse_${WAVE}_responses_\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const csv = Papa.parse<Record<string, string>>(fs.readFileSync(await download.path(), "utf8"), { header: true, skipEmptyLines: true });
  expect(csv.errors).toEqual([]);
  expect(csv.meta.fields).not.toContain("id");
  const opinions = answers.filter(([, , itemId]) => itemId !== "age_band" && itemId !== "sex");
  const mine = csv.data.filter(
    (row) => row.town === "ridder" && row.demo === "0" && opinions.every(([, , itemId, code]) => row[itemId] === String(code)),
  );
  expect(mine).toHaveLength(1);
  // Fewer than k residents of Ridder share this age band and sex: the export blanks them.
  expect([mine[0]!.age_band, mine[0]!.sex]).toEqual(["", ""]);
  expect(mine[0]!.language).toBe("en");
  expect(mine[0]!.month).toMatch(/^\d{4}-\d{2}$/);
});

test("a survey sent with answers missing shows translated errors on each question and stores nothing", async ({ page }) => {
  const before = await readDashboard(page);
  await page.goto(`/kk/survey/${WAVE}`);
  await page.getByRole("button", { name: "Жауаптарымды жіберу" }).click();
  await expect(page.getByText("Төменде белгіленген жауаптарды тексеріңіз.")).toBeVisible();
  await expect(page.getByText("Жауапты таңдаңыз.").first()).toBeVisible();
  // The town and all required questions are flagged, each on its own field.
  const invalid = page.locator('fieldset[aria-invalid="true"]');
  expect(await invalid.count()).toBeGreaterThanOrEqual(10);
  await expect(page.getByLabel("Сіздің қалаңыз", { exact: true })).toHaveAttribute("aria-invalid", "true");
  expect((await readDashboard(page)).count).toBe(before.count);
});

test.describe("an oversized submission", () => {
  test.use({ expectedConsoleErrors: [/status of 413/] });

  test("is refused by the server and stores nothing", async ({ page }) => {
  const before = await readDashboard(page);
  await page.goto(`/ru/survey/${WAVE}`);
  await page.getByLabel("Ваш город", { exact: true }).selectOption({ label: "Риддер" });
  for (const group of await page.getByRole("group").all()) await group.getByRole("radio").first().check();

  let status = 0;
  await page.route(`**/ru/survey/${WAVE}`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    // The same action call with a body far beyond any real response.
    const body = route.request().postData()!.replace('"answers":{', `"answers":{"padding":"${"x".repeat(200_000)}",`);
    const response = await route.fetch({ postData: body });
    status = response.status();
    await route.fulfill({ response });
  });
  await page.getByRole("button", { name: "Отправить ответы" }).click();
  await expect(page.getByText(/Ответы не отправлены/)).toBeVisible();
  expect(status).toBe(413);
  await page.unroute(`**/ru/survey/${WAVE}`);
  expect((await readDashboard(page)).count).toBe(before.count);
});
});
