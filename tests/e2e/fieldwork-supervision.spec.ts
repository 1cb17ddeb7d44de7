import { dashboardN, monitorCell, openFieldwork, rejectInterview, sendDemoInterview, signInAs } from "./fieldwork-helpers";
import { WAVE } from "./survey-helpers";
import { expect, test } from "./test";

/*
 * The supervisor's side of fieldwork (docs/fieldwork.md, "Supervising") on a 360 × 640 phone:
 * the demo supervisor opens the monitor, sees the demo interviewer's assignment, rejects an
 * interview with a reason, and the town dashboard's n, as the demo official sees it, drops by one.
 * The steps are in fieldwork-helpers.ts (the interviewer's offline spec ends with them).
 */

test("a supervisor sees the assignment and the interview in the monitor, rejects it with a reason, and the dashboard's n drops by one", async ({ page }) => {
  const before = await dashboardN(page);
  await openFieldwork(page);
  const cellBefore = await monitorCell(page, "2:1");

  const responseId = await sendDemoInterview(page.request, { ageBand: 2, sex: 1 });
  expect(await dashboardN(page)).toBe(before + 1);

  await openFieldwork(page);
  await expect(page.getByTestId("monitor-updated")).toContainText("Updated at");
  const assignment = page.getByTestId("assignments").locator('[data-interviewer="interviewer@demo.qala"]');
  await expect(assignment.getByTestId("assignment-progress")).toContainText(/of 30/);
  expect(await monitorCell(page, "2:1")).toMatchObject({ faceToFace: cellBefore.faceToFace + 1, online: cellBefore.online });
  expect((await monitorCell(page, "total")).target).toBe(30);

  const shortId = responseId.slice(0, 8);
  // A rejection needs a reason: the form says so and nothing changes.
  await page.getByRole("form", { name: `Review of interview ${shortId}` }).getByRole("button", { name: "Reject" }).click();
  await expect(page.getByText("Give a reason for rejecting the interview.")).toBeVisible();
  await expect(page.locator(`[data-interview="${shortId}"]`)).toHaveAttribute("data-status", "pending");

  await rejectInterview(page, shortId, "The respondent did not live in Ridder");
  await expect(page.locator(`[data-interview="${shortId}"]`)).toContainText("The respondent did not live in Ridder");
  expect(await monitorCell(page, "2:1")).toMatchObject({ faceToFace: cellBefore.faceToFace });

  expect(await dashboardN(page)).toBe(before);
});

test("a supervisor signing in lands on fieldwork, and sees only their own towns", async ({ page }) => {
  await signInAs(page, "supervisor@demo.qala", "/en/staff", "/en/staff/fieldwork");
  const towns = page.getByTestId("fieldwork-towns");
  await expect(towns.getByRole("link", { name: "Ridder" }).first()).toBeVisible();
  await expect(towns.getByRole("link", { name: "Altai" })).toHaveCount(0);
});

test.describe("outside the supervisor's towns", () => {
  test.use({ expectedConsoleErrors: [/status of 403/] });

  test("another town's fieldwork page is refused with 403", async ({ page }) => {
    await signInAs(page, "supervisor@demo.qala", "/en/staff/fieldwork");
    const response = await page.goto(`/en/staff/fieldwork/${WAVE}/altai`);
    expect(response?.status()).toBe(403);
  });
});
