import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { completeAnswers } from "../fixtures";
import { questionnaire, WAVE } from "./survey-helpers";
import { expect, test } from "./test";

/*
 * The supervisor's side of fieldwork (docs/fieldwork.md, "Supervising") on a 360 × 640 phone:
 * the demo supervisor opens the monitor, sees the demo interviewer's assignment, rejects an
 * interview with a reason, and the town dashboard's n, as the demo official sees it, drops by one.
 * The helpers below are for other specs too (the interviewer's offline spec ends with them).
 */

const TOWN = "ridder";

/** Signs a demo staff account in (any role, supervisors and interviewers too) and lands on `next`. */
export async function signInAs(page: Page, email: string, next: string, landing = next) {
  await page.context().clearCookies();
  await page.goto(`/en/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(process.env.QALA_DEMO_PASSWORD!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`**${landing}`);
}

/** The supervisor's page of a wave × town, signed in as the demo supervisor. */
export async function openFieldwork(page: Page, { locale = "en", wave = WAVE, town = TOWN } = {}) {
  const path = `/${locale}/staff/fieldwork/${wave}/${town}`;
  await signInAs(page, "supervisor@demo.qala", path);
  await expect(page.getByTestId("monitor")).toBeVisible();
}

/** A monitor cell's numbers as the page shows them ("1:2" is age band 1, sex 2; "total" the sum). */
export async function monitorCell(page: Page, cell: string) {
  const row = page.getByTestId("monitor").locator(`[data-cell="${cell}"]`);
  const read = async (column: string) => Number(await row.locator(`[data-column="${column}"]`).innerText());
  return { target: await read("target"), both: await read("both"), online: await read("online"), faceToFace: await read("faceToFace") };
}

/** Rejects the interview whose short id (first 8 characters of the response id) is given, with a reason. */
export async function rejectInterview(page: Page, shortId: string, reason: string) {
  const form = page.getByRole("form", { name: `Review of interview ${shortId}` });
  await form.getByLabel("Reason (required to reject)").fill(reason);
  await form.getByRole("button", { name: "Reject" }).click();
  await expect(page.locator(`[data-interview="${shortId}"]`)).toHaveAttribute("data-status", "rejected");
}

/** The town dashboard's n, as the demo official sees it. */
export async function dashboardN(page: Page, { wave = WAVE, town = TOWN } = {}) {
  await signInAs(page, "official@demo.qala", `/en/staff/${wave}/${town}`);
  return Number((await page.getByTestId("response-count").innerText()).replace(/\D/g, ""));
}

/**
 * One face-to-face interview sent as the demo interviewer's device sends it: a device
 * credential from sign-in, the assignment from the sync, the response with its interview.
 */
export async function sendDemoInterview(request: APIRequestContext, { ageBand = 2, sex = 1, durationSeconds = 840 } = {}) {
  const device = await request.post("/api/fieldwork/devices", { data: { email: "interviewer@demo.qala", password: process.env.QALA_DEMO_PASSWORD } });
  expect(device.status()).toBe(201);
  const { credential } = (await device.json()) as { credential: string };
  const headers = { authorization: `Bearer ${credential}` };
  const sync = await request.get("/api/fieldwork/assignments", { headers });
  expect(sync.status()).toBe(200);
  const { assignments } = (await sync.json()) as { assignments: { id: number; wave: { id: number; slug: string; questionnaireVersion: string }; town: { id: number; code: string } }[] };
  const assignment = assignments.find((a) => a.wave.slug === WAVE && a.town.code === TOWN)!;
  expect(assignment).toBeDefined();
  const responseId = randomUUID();
  const sent = await request.post("/api/responses", {
    headers,
    data: {
      responseId,
      waveId: assignment.wave.id,
      townId: assignment.town.id,
      locale: "kk",
      questionnaireVersion: assignment.wave.questionnaireVersion,
      answers: completeAnswers(questionnaire, { age_band: ageBand, sex }),
      interview: { assignmentId: assignment.id, durationSeconds, consentGiven: true, startedAt: new Date(Date.now() - durationSeconds * 1000).toISOString(), ageBandRefused: false, sexRefused: false },
    },
  });
  expect(sent.status(), await sent.text()).toBe(200);
  return responseId;
}

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
