import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { completeAnswers } from "../fixtures";
import { chromiumArgs } from "./browser";
import { buttons, downloadResponses, expectAccessible, expectPublishedFrom, fillSurvey, kazakhstanDay, questionnaire, rowsWithAnswers, WAVE } from "./survey-helpers";
import { expect, test } from "./test";

test("a complete survey in Kazakh, as a business owner who plans to leave, passes axe on every step and is stored", async ({ page }) => {
  test.slow(); // axe checks every step
  const answers = completeAnswers(questionnaire, {
    employment: 3,
    obstacle_finance: 4,
    obstacle_permits: 2,
    plan_leave_2y: 2,
    leave_reason: 5,
    life_satisfaction: 2,
    agree_residents_heard: 1,
    one_change: "Жылу желілерін жөндеу керек <b>тез</b>",
  });
  await page.goto(`/kk/survey/${WAVE}`);
  await expectAccessible(page);
  await fillSurvey(page, { locale: "kk", town: "Курчатов", answers, checkAccessibility: true });
  // The summary shows the free text as typed: markup is text, not HTML.
  await expect(page.locator("dl.summary")).toContainText("<b>тез</b>");
  await expectAccessible(page);
  const monthBefore = kazakhstanDay().slice(0, 7);
  await page.getByRole("button", { name: buttons.kk.send }).click();
  await expect(page.getByRole("heading", { name: "Рахмет!" })).toBeVisible();
  const months = [monthBefore, kazakhstanDay().slice(0, 7)];
  await expect(page.getByRole("link", { name: /Курчатов/ })).toBeVisible();
  await page.getByRole("link", { name: /Курчатов/ }).click();
  // The wave is still open: its results wait until it closes.
  await expect(page.getByRole("status").filter({ hasText: "Нәтижелер сауалнама аяқталғаннан кейін" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  // A closed wave's results are public, with each share's n and nothing below k.
  await page.goto("/kk/results/demo-2025/kurchatov");
  await expect(page.getByRole("table")).toBeVisible();
  await expect(page.getByText("Демо-деректер", { exact: true }).first()).toBeVisible();
  await expectAccessible(page);

  // Every row of the export is k-anonymous (downloadResponses checks it); this one is there.
  const { rows } = await downloadResponses(page);
  const mine = rowsWithAnswers(rows, answers);
  expect(mine).toHaveLength(1);
  expect(mine[0]!.town).toBe("kurchatov");
  expect(mine[0]!.leave_reason).toBe("5");
  // The survey's language and month are quasi-identifiers like the job: each is blanked or
  // merged where it is rare in the town's group, and otherwise the resident's own.
  expectPublishedFrom(mine[0]!, answers, { town: "kurchatov", language: "kk", months });
  // Business owners are a band of their own at every level, and only they are asked the
  // business questions: the export shows those answers only on a row that shows the job,
  // else a blanked job could be read off them.
  expect([["3", "4"], ["", ""]]).toContainEqual([mine[0]!.employment, mine[0]!.obstacle_finance]);
});

test("a survey in Russian keeps its answers across a reload and a switch of language", async ({ page }) => {
  const answers = completeAnswers(questionnaire, { employment: 2, plan_leave_2y: 1, sat_heating: 2, sat_schools: 3, life_satisfaction: 6 });
  await page.goto(`/ru/survey/${WAVE}`);
  await page.locator("#townId").selectOption({ label: "Серебрянск" });
  await page.getByRole("button", { name: buttons.ru.next }).click();
  await page.locator('input[name="answers.sat_schools"][value="3"]').check();
  await page.reload();
  await expect(page.locator('input[name="answers.sat_schools"][value="3"]')).toBeChecked();

  await page.getByRole("link", { name: "ҚАЗ" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "kk");
  await expect(page.locator('input[name="answers.sat_schools"][value="3"]')).toBeChecked();
  await page.getByRole("link", { name: "РУС" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");

  // Back to the first step: the town is still chosen; walk the rest.
  await page.getByRole("button", { name: "Назад" }).click();
  await expect(page.locator("#townId")).toHaveValue(/\d+/);
  await fillSurvey(page, { locale: "ru", town: "Серебрянск", answers });
  await page.getByRole("button", { name: buttons.ru.send }).click();
  await expect(page.getByRole("heading", { name: "Спасибо!" })).toBeVisible();

  const { rows } = await downloadResponses(page);
  const mine = rowsWithAnswers(rows, answers);
  expect(mine).toHaveLength(1);
  expect(["ru", ""]).toContain(mine[0]!.language);
  expect(mine[0]!.town).toBe("serebryansk");
  // Hidden by skip logic (not a business owner, not leaving): never stored.
  expect(mine[0]!.obstacle_finance).toBe("");
  expect(mine[0]!.leave_reason).toBe("");
});

test("a survey filled in offline waits on the phone through a browser restart and is stored exactly once", async ({ baseURL }) => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "qala-phone-"));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH,
      args: chromiumArgs,
      viewport: { width: 360, height: 640 },
      isMobile: true,
      hasTouch: true,
      baseURL,
    });
  const answers = completeAnswers(questionnaire, { employment: 5, plan_leave_2y: 1, sat_water_supply: 1, sat_noise: 2, life_satisfaction: 1 });
  try {
    let context = await launch();
    let page = await context.newPage();
    await page.goto(`/en/survey/${WAVE}`);
    await fillSurvey(page, { locale: "en", town: "Altai (formerly Zyryanovsk)", answers });
    await context.setOffline(true);
    await page.getByRole("button", { name: buttons.en.send }).click();
    await expect(page.getByRole("status").filter({ hasText: "saved on this phone" })).toBeVisible();
    await context.close();

    context = await launch();
    page = await context.newPage();
    await page.goto("/en");
    await expect(page.getByTestId("outbox-status")).toHaveText("Your answers have been sent. Thank you!", { timeout: 30_000 });
    await page.reload();
    await expect(page.getByTestId("outbox-status")).toHaveCount(0);

    const { rows } = await downloadResponses(page);
    expect(rowsWithAnswers(rows, answers)).toHaveLength(1);
    await context.close();
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test("the survey works by keyboard alone", async ({ page }) => {
  await page.goto(`/en/survey/${WAVE}`);
  await page.locator("#townId").focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.locator("#step-title")).toBeFocused();
  await expect(page.locator("#step-title")).toHaveText("Services");
  // Tab into the first question's options, choose one with the arrow keys.
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("fieldset").first().getByRole("radio").nth(1)).toBeChecked();
});

test("a closed wave says so and offers no form", async ({ page }) => {
  await page.goto("/ru/survey/demo-2025");
  await expect(page.getByText("Этот опрос сейчас не принимает ответы.")).toBeVisible();
  await expect(page.locator("form")).toHaveCount(0);
});

test("the survey pages ship no chart or staff code", async ({ page }) => {
  const scripts: string[] = [];
  page.on("response", async (response) => {
    if (response.request().resourceType() === "script") scripts.push(await response.text());
  });
  await page.goto(`/ru/survey/${WAVE}`, { waitUntil: "networkidle" });
  expect(scripts.length).toBeGreaterThan(0);
  // Chart.js registers its controllers under these names; the staff pages load it, the survey must not.
  expect(scripts.filter((code) => code.includes("BarController") || code.includes("chartjs"))).toEqual([]);
});

test.describe("a refusal", () => {
test.use({ expectedConsoleErrors: [/status of 422|ERR_INTERNET_DISCONNECTED/] });

test("answers the server refuses while they wait on the phone come back to the resident with the reason", async ({ page, context }) => {
  const answers = completeAnswers(questionnaire, { employment: 4, plan_leave_2y: 1, sat_cleanliness: 2 });
  await page.goto(`/en/survey/${WAVE}`);
  await fillSurvey(page, { locale: "en", town: "Ridder", answers });
  await context.setOffline(true);
  await page.getByRole("button", { name: buttons.en.send }).click();
  await expect(page.getByRole("status").filter({ hasText: "saved on this phone" })).toBeVisible();

  // When the phone is back online, the server refuses the answers (as after a change of questionnaire).
  await page.route("**/api/responses", (route) =>
    route.fulfill({ status: 422, json: { status: "invalid", fieldErrors: { "answers.sat_cleanliness": ["errors.outOfScale"] } } }),
  );
  await context.setOffline(false);
  await page.goto("/en");
  await expect(page.getByTestId("outbox-status")).toContainText("could not be accepted: This answer is not one of the options.", { timeout: 30_000 });
  await page.getByRole("link", { name: "Open your answers" }).click();
  // The answers are back in the form, at the step with the problem, with its message.
  await expect(page.locator("#sat_cleanliness-error")).toHaveText("This answer is not one of the options.");
  await expect(page.locator('input[name="answers.sat_cleanliness"][value="2"]')).toBeChecked();
  await page.unroute("**/api/responses");
});
});

test.describe("a phone set to Kazakh", () => {
  test.use({ locale: "kk-KZ" });

  test("gets the survey in Kazakh when the address names no language", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/kk$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "kk");
  });
});
