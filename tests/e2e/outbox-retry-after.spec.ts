import { completeAnswers } from "../fixtures";
import { buttons, downloadResponses, fillSurvey, questionnaire, rowsWithAnswers, WAVE } from "./survey-helpers";
import type { Page } from "@playwright/test";
import { expect, test } from "./test";

/*
 * While the database is out of reach the server answers 503 with Retry-After (tests/
 * integration/database-outage.test.ts). The phone keeps the answers in its outbox, tries
 * again only once the pause it was asked for is over, and then they are stored once.
 */
test.use({ expectedConsoleErrors: [/status of 503/] });

const outboxSize = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open("qala-pulse");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction("outbox").objectStore("outbox").count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        };
      }),
  );

test("answers the server asks to wait with (503, Retry-After) stay on the phone, are retried after the pause, not before, and are stored once", async ({ page }) => {
  const answers = completeAnswers(questionnaire, { employment: 2, plan_leave_2y: 1, sat_water_supply: 3, sat_noise: 4, life_satisfaction: 4, sat_heating: 2 });
  const attempts: number[] = [];
  let outage = true;
  await page.route("**/api/responses", async (route) => {
    attempts.push(Date.now());
    if (!outage) return route.fallback();
    return route.fulfill({ status: 503, headers: { "retry-after": "4" }, json: { status: "error", messageKey: "errors.unavailable", httpStatus: 503 } });
  });
  await page.goto(`/en/survey/${WAVE}`);
  await fillSurvey(page, { locale: "en", town: "Altai (formerly Zyryanovsk)", answers });
  await page.getByRole("button", { name: buttons.en.send }).click();
  await expect(page.getByRole("status").filter({ hasText: "saved on this phone" })).toBeVisible();
  await expect(page.getByTestId("outbox-status")).toContainText("The server asked for a short pause");
  expect(await outboxSize(page)).toBe(1);

  // Six seconds of outage: one more attempt at most (after 4 s), where a fixed backoff
  // would have tried again after 1, 3 and 7 s.
  await page.waitForTimeout(6_000);
  expect(attempts.length).toBeGreaterThanOrEqual(1);
  expect(attempts.length).toBeLessThanOrEqual(2);
  for (let i = 1; i < attempts.length; i++) expect(attempts[i]! - attempts[i - 1]!).toBeGreaterThanOrEqual(3_900);
  expect(await outboxSize(page)).toBe(1);

  outage = false;
  // Sooner than the outbox's half-minute round: the pause was 4 s.
  await expect(page.getByTestId("outbox-status")).toHaveText("Your answers have been sent. Thank you!", { timeout: 10_000 });
  expect(await outboxSize(page)).toBe(0);
  await page.unroute("**/api/responses");

  const { rows } = await downloadResponses(page);
  expect(rowsWithAnswers(rows, answers)).toHaveLength(1);
});
