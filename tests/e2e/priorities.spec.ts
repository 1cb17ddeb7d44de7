import kk from "@/messages/kk.json";
import ru from "@/messages/ru.json";
import { completeAnswers } from "../fixtures";
import { buttons, expectAccessible, fillSurvey, kazakhstanDay, questionnaire, signIn } from "./survey-helpers";
import { expect, test } from "./test";

/**
 * Residents' priorities, the input side (issue 11): an admin sets up a town's priorities
 * in the UI; a resident answers the survey and its priorities step offline, then goes
 * online, and the response and its ballot are counted once. A new wave of its own, opened
 * in the UI, so the demo's responses (which lock a town's set) do not stand in the way.
 */
const WAVE = `prio-e2e-${Date.now().toString(36)}`;
const townPage = `/en/staff/admin/priorities/${WAVE}/ridder`;

test.describe.configure({ mode: "serial" });

test("an admin opens a wave and lists Ridder's priorities with an approval rule", async ({ page }) => {
  await signIn(page, "admin", "/en/staff/admin");
  await page.getByRole("link", { name: "Survey waves" }).click();
  const wave = page.getByRole("form", { name: "New wave" });
  await wave.getByLabel("Address (slug)").fill(WAVE);
  await wave.getByLabel("Name in Kazakh").fill("Басымдықтар e2e");
  await wave.getByLabel("Name in Russian").fill("Приоритеты e2e");
  await wave.getByLabel("Name in English").fill("Priorities e2e");
  await wave.getByLabel("Opens on").fill(kazakhstanDay());
  await wave.getByLabel("Closes on").fill(kazakhstanDay(30));
  await wave.getByRole("checkbox", { name: "Ridder", exact: true }).check();
  await wave.getByRole("button", { name: "Create draft" }).click();
  await page.locator(`tr[data-wave="${WAVE}"]`).getByRole("button", { name: "Open for answers" }).click();
  await expect(page.getByText(`Wave ${WAVE} is open for answers.`)).toBeVisible();

  await page.goto("/en/staff/admin");
  await page.getByRole("link", { name: "Residents' priorities for the survey's last step" }).click();
  await page.getByRole("link", { name: "Priorities e2e" }).click();
  await page.getByRole("link", { name: "Priorities of Ridder" }).click();
  await expect(page).toHaveURL(new RegExp(`${townPage}$`));
  await expect(page.getByText("Save the ballot rule first; then priorities can be added.")).toBeVisible();

  const rule = page.getByRole("form", { name: "Ballot rule" });
  await rule.getByLabel("Approval: each resident chooses up to a set number of priorities").check();
  await rule.getByLabel("Most priorities a resident may choose").fill("1");
  await rule.getByRole("button", { name: "Save the rule" }).click();
  await expect(page.getByText("The ballot rule is saved.")).toBeVisible();

  const add = page.getByRole("form", { name: "Add a priority" });
  // A missing title is shown at its field, nothing is added.
  await add.getByRole("button", { name: "Add the priority" }).click();
  await expect(add.getByLabel("Title in Kazakh")).toHaveAttribute("aria-invalid", "true");
  await expect(add.getByText("Enter the title.").first()).toBeVisible();
  for (const [title, description, cost] of [
    ["Clean the river", "Clear the Ulba's banks of waste", "90000"],
    ["New bus route", "A bus from the new district to the centre", ""],
  ] as const) {
    await add.getByLabel("Title in Kazakh").fill(`${title} (kk)`);
    await add.getByLabel("Title in Russian").fill(`${title} (ru)`);
    await add.getByLabel("Title in English").fill(title);
    await add.getByLabel("Short description in Kazakh").fill(`${description} (kk)`);
    await add.getByLabel("Short description in Russian").fill(`${description} (ru)`);
    await add.getByLabel("Short description in English").fill(description);
    await add.getByLabel("Estimated cost, whole tenge").fill(cost);
    await add.getByLabel("Area of life it answers").selectOption({ label: "Environment" });
    await add.getByRole("button", { name: "Add the priority" }).click();
    await expect(page.getByTestId("priority-list").getByText(title, { exact: true })).toBeVisible();
  }
  await expect(page.getByTestId("priority-list").getByRole("listitem")).toHaveCount(2);
  await expect(page.getByTestId("priority-list")).toContainText("90,000 tenge");
  await expectAccessible(page);
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test.describe("a resident offline", () => {
  test.use({ expectedConsoleErrors: [/ERR_INTERNET_DISCONNECTED/] });

  test("answers the survey and the priorities step offline; once online, the response and its ballot are counted once", async ({ page, context }) => {
    const answers = completeAnswers(questionnaire, { employment: 4, plan_leave_2y: 1 });
    await page.goto(`/en/survey/${WAVE}`);
    await expect(page.getByRole("button", { name: buttons.en.next })).toBeEnabled();
    await context.setOffline(true);
    await fillSurvey(page, { locale: "en", town: "Ridder", answers });

    // Back to the step from the summary: the town's priorities, up to one.
    await page.getByRole("button", { name: "Change: Your priorities" }).click();
    await expect(page.locator("#step-title")).toHaveText("Priorities for your town");
    await expect(page.getByText("This is a survey of residents' priorities, not a binding vote.", { exact: false })).toBeVisible();
    await expect(page.getByText("Choose up to 1 priority.")).toBeVisible();
    const river = page.getByRole("checkbox", { name: /Clean the river/ });
    const bus = page.getByRole("checkbox", { name: /New bus route/ });
    await expect(page.getByText("Estimated cost: 90,000 tenge")).toBeVisible();
    await river.check();
    await expect(page.getByText("Chosen: 1 of 1")).toBeVisible();
    // The rule allows one: the other cannot be ticked too.
    await expect(bus).toBeDisabled();
    await expectAccessible(page);
    await page.getByRole("button", { name: buttons.en.next }).click();
    await expect(page.locator("dl.summary")).toContainText("Clean the river");

    await page.getByRole("button", { name: buttons.en.send }).click();
    await expect(page.getByRole("status").filter({ hasText: "saved on this phone" })).toBeVisible();
    await context.setOffline(false);
    await expect(page.getByTestId("outbox-status")).toHaveText("Your answers have been sent. Thank you!", { timeout: 30_000 });
    // Loading a page again sends nothing more.
    await page.goto("/en");
    await expect(page.getByTestId("outbox-status")).toHaveCount(0);

    await signIn(page, "admin", townPage);
    await expect(page.getByTestId("priority-ballots")).toHaveText("Residents who answered the priorities step: 1");
    // The town has a response now: the set is locked, texts can still be corrected.
    await expect(page.getByTestId("priorities-locked")).toBeVisible();
    await expect(page.getByRole("button", { name: "Remove: Clean the river" })).toHaveCount(0);
    await page.goto("/en/staff/admin/waves");
    await expect(page.locator(`tr[data-wave="${WAVE}"] td.num`)).toHaveText("1");
  });
});

test.describe("a refused ballot", () => {
  test.use({ expectedConsoleErrors: [/status of 422|ERR_INTERNET_DISCONNECTED/] });

  test("waiting in the outbox, comes back to its step with the reason, the choice kept", async ({ page, context }) => {
    const answers = completeAnswers(questionnaire, { employment: 4, plan_leave_2y: 1 });
    await page.goto(`/en/survey/${WAVE}`);
    await expect(page.getByRole("button", { name: buttons.en.next })).toBeEnabled();
    await context.setOffline(true);
    await fillSurvey(page, { locale: "en", town: "Ridder", answers });
    await page.getByRole("button", { name: "Change: Your priorities" }).click();
    await page.getByRole("checkbox", { name: /New bus route/ }).check();
    await page.getByRole("button", { name: buttons.en.next }).click();
    await page.getByRole("button", { name: buttons.en.send }).click();
    await expect(page.getByRole("status").filter({ hasText: "saved on this phone" })).toBeVisible();

    // Back online, the server refuses the ballot (as if the town's list had changed meanwhile).
    await page.route("**/api/responses", (route) => route.fulfill({ status: 422, json: { status: "invalid", fieldErrors: { priorities: ["priorities.errors.unknown"] } } }));
    await context.setOffline(false);
    await page.goto("/en");
    await expect(page.getByTestId("outbox-status")).toContainText("could not be accepted", { timeout: 30_000 });
    await page.getByRole("link", { name: "Open your answers" }).click();
    await expect(page.locator("#step-title")).toHaveText("Priorities for your town");
    await expect(page.locator("#priorities-error")).toHaveText("One of the chosen priorities is not on your town's list. Please choose again.");
    await expect(page.getByRole("checkbox", { name: /New bus route/ })).toBeChecked();
    await page.unroute("**/api/responses");
  });
});

// The demo's lists, in the languages whose words run longest: the step, its three buttons
// (back, skip, next) included, fits the 360 px phone, and both ways on can be tapped.
for (const [locale, town] of [["ru", "Серебрянск"], ["kk", "Курчатов"]] as const) {
  test(`the demo's priorities step in ${locale} fits the phone, and next and skip can be tapped`, async ({ page }) => {
    const text = locale === "ru" ? ru : kk;
    await page.goto(`/${locale}/survey/demo-2026`);
    await fillSurvey(page, { locale, town, answers: completeAnswers(questionnaire, { employment: 2, plan_leave_2y: 1 }) });
    await page.getByRole("button", { name: `${text.survey.change}: ${text.priorities.summaryLabel}` }).click();
    await expect(page.locator("#step-title")).toHaveText(text.priorities.stepTitle);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    for (const name of [buttons[locale].next, text.priorities.skip]) {
      const box = (await page.getByRole("button", { name, exact: true }).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
    }
    await expectAccessible(page);
    await page.getByRole("button", { name: text.priorities.skip, exact: true }).click();
    await expect(page.locator("dl.summary")).toContainText(text.priorities.skipped);
  });
}
