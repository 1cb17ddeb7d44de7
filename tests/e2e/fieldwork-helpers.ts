import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { completeAnswers } from "../fixtures";
import { questionnaire, signInAs, WAVE } from "./survey-helpers";
import { expect } from "./test";

/*
 * Steps of fieldwork's end-to-end specs (docs/fieldwork.md, "Supervising"): signing staff in,
 * the supervisor's monitor and review, the dashboard's n, and one interview sent as a device
 * sends it. Used by fieldwork-supervision.spec.ts and interviewer-offline.spec.ts.
 */

export const TOWN = "ridder";

export { signInAs };

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

