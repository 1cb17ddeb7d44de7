import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { chromiumArgs } from "./browser";
import { dashboardN, monitorCell, openFieldwork, rejectInterview } from "./fieldwork-helpers";
import { expect, test } from "./test";

/**
 * The interviewer's app offline (docs/fieldwork.md, "Conducting interviews offline"): loaded
 * online once on a 360 × 640 phone, then with no network, through a browser restart, three
 * interviews in Kazakh; back online, each arrives once. Checked as the supervisor sees it (the
 * interview list and the monitor), so it runs on the embedded database as on a server.
 *
 * The steps are helpers (signIn, conductInterview, expectWaiting, …) so later steps (the
 * supervisor's monitor, a rejection) can be appended to the flow.
 */

const INTERVIEWER = "interviewer@demo.qala";
/** The Kazakh labels the interviewer reads. */
const kk = {
  email: "Электрондық пошта",
  password: "Құпиясөз",
  signIn: "Кіру",
  start: "Сұхбатты бастау",
  consentGiven: "Келісім берілді",
  next: "Келесі",
  finish: "Сұхбатты аяқтау",
  saved: "Сұхбат сақталды",
  backToAssignments: "Тапсырмаларға оралу",
  waiting: (count: number) => `${count} сұхбат жіберілуін күтіп тұр`,
};

/** The interviews waiting in the device's outbox (IndexedDB), as the device made them. */
export async function waitingOnDevice(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ id: string; cell: string }[]>((resolve, reject) => {
        const opened = indexedDB.open("qala-interview-outbox");
        opened.onerror = () => reject(opened.error);
        opened.onsuccess = () => {
          const all = opened.result.transaction("outbox").objectStore("outbox").getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            type Entry = { submission: { responseId: string; answers: Record<string, unknown>; interview: { sexRefused: boolean } } };
            resolve((all.result as Entry[]).map(({ submission }) => ({ id: submission.responseId, cell: `${submission.answers.age_band}/${submission.interview.sexRefused ? "refused" : submission.answers.sex}` })));
            opened.result.close();
          };
        };
      }),
  );
}

/** The short ids (first 8 characters) of the interviews on the supervisor's list, signed in as the demo supervisor. */
export async function listedInterviews(staff: Page): Promise<string[]> {
  await openFieldwork(staff);
  return staff.getByTestId("interviews").locator("[data-interview]").evaluateAll((items) => items.map((item) => item.getAttribute("data-interview")!));
}

/**
 * A phone whose storage survives closing the browser: a persistent Chromium profile. Every
 * page fails the test on a console error (other than resources refused for being offline) or
 * a Content-Security-Policy violation, as tests/e2e/test.ts does for the shared browser.
 */
export function phone(baseURL: string | undefined) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "qala-interviewer-"));
  const problems: string[] = [];
  const launch = async () => {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH,
      args: chromiumArgs,
      viewport: { width: 360, height: 640 },
      isMobile: true,
      hasTouch: true,
      locale: "kk-KZ",
      baseURL,
    });
    await context.exposeBinding("__qalaPolicyViolation", (_source, violation: string) => void problems.push(`CSP: ${violation}`));
    await context.addInitScript(() => {
      document.addEventListener(
        "securitypolicyviolation",
        (event) => void (window as unknown as { __qalaPolicyViolation: (text: string) => void }).__qalaPolicyViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "(empty)"}`),
        true,
      );
    });
    context.on("page", (page) => watch(page, problems));
    for (const page of context.pages()) watch(page, problems);
    return context;
  };
  return { launch, problems, remove: () => fs.rmSync(profile, { recursive: true, force: true }) };
}

function watch(page: Page, problems: string[]) {
  page.on("console", (message) => {
    if (message.type() !== "error" || /ERR_INTERNET_DISCONNECTED/.test(message.text())) return;
    problems.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(error.message));
}

export async function pageOf(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

export async function signIn(page: Page) {
  await page.getByLabel(kk.email).fill(INTERVIEWER);
  await page.getByLabel(kk.password).fill(process.env.QALA_DEMO_PASSWORD!);
  await page.getByRole("button", { name: kk.signIn, exact: true }).click();
  await expect(page.getByTestId("synced-at")).toContainText("жағдайы бойынша");
}

export async function expectWaiting(page: Page, count: number) {
  await expect(page.getByTestId("interview-outbox")).toHaveText(kk.waiting(count), { timeout: 30_000 });
}

/** Answers every question that is asked with its first option, step by step, to the end. */
async function answerQuestionnaire(page: Page) {
  for (let step = 0; step < 20; step++) {
    for (let round = 0; round < 3; round++) {
      const open = await page.locator("fieldset").evaluateAll((sets) =>
        sets
          .filter((set) => set.querySelector('input[type="radio"]') && !set.querySelector("input:checked"))
          .map((set) => (set.querySelector('input[type="radio"]') as HTMLInputElement).name),
      );
      if (open.length === 0) break;
      for (const name of open) await page.locator(`input[name="${name}"]`).first().check();
    }
    const finish = page.getByRole("button", { name: kk.finish });
    if (await finish.isVisible()) {
      await finish.click();
      return;
    }
    await page.getByRole("button", { name: kk.next, exact: true }).click();
  }
  throw new Error("the questionnaire did not end");
}

/** One interview from the assignments screen: consent, age band and sex (null: refused), the questionnaire. */
export async function conductInterview(page: Page, { ageBand, sex }: { ageBand: number; sex: number | null }) {
  await page.getByRole("button", { name: kk.start }).click();
  await page.getByRole("button", { name: kk.consentGiven }).click();
  await page.locator(`input[name="interview-age-band"][value="${ageBand}"]`).check();
  await page.locator(`input[name="interview-sex"][value="${sex ?? "refused"}"]`).check();
  await page.getByRole("button", { name: kk.next, exact: true }).click();
  await answerQuestionnaire(page);
  await expect(page.getByRole("heading", { name: kk.saved })).toBeVisible();
  await page.getByRole("button", { name: kk.backToAssignments }).click();
}

test("an interviewer loads the app once, then conducts three interviews in Kazakh offline through a browser restart; each arrives once, fills its cell in the monitor, and a rejected one leaves the dashboard's n", async ({ baseURL, page: staff }) => {
  const device = phone(baseURL);
  try {
    const listedBefore = new Set(await listedInterviews(staff));
    // What the official's dashboard and the supervisor's monitor show before (another browser).
    const nBefore = await dashboardN(staff);
    await openFieldwork(staff);
    const cellsBefore = { young: await monitorCell(staff, "1:1"), middle: await monitorCell(staff, "2:2"), total: await monitorCell(staff, "total") };

    // Online, once: sign in; the assignments and the page are kept on the phone.
    let context = await device.launch();
    let page = await pageOf(context);
    await page.goto("/kk/interview");
    await signIn(page);
    await expect(page.getByRole("heading", { name: /Риддер/ })).toBeVisible();
    await expect(page.getByTestId("offline-ready")).toBeVisible({ timeout: 30_000 });
    await expectWaiting(page, 0);
    // The copy kept for offline use, named by the fresh nonce of its policy.
    const keptPolicy = await page.evaluate(async () => (await caches.match("/kk/interview"))?.headers.get("content-security-policy"));
    expect(keptPolicy).toMatch(/'nonce-/);

    // No network, and the browser closed and opened again.
    await context.setOffline(true);
    await context.close();
    context = await device.launch();
    await context.setOffline(true);
    page = await pageOf(context);
    const offline = await page.goto("/kk/interview");
    // The kept copy, not the server: the server would have sent a new nonce.
    expect(offline?.fromServiceWorker()).toBe(true);
    expect(offline?.headers()["content-security-policy"]).toBe(keptPolicy);
    await expect(page.getByTestId("synced-at")).toContainText("жағдайы бойынша");

    await conductInterview(page, { ageBand: 1, sex: 1 });
    await conductInterview(page, { ageBand: 2, sex: 2 });
    await conductInterview(page, { ageBand: 4, sex: null });
    await expectWaiting(page, 3);
    // Each with its own id, made on the device; the third refused to give the sex.
    const made = await waitingOnDevice(page);
    expect(new Set(made.map((entry) => entry.id)).size).toBe(3);
    expect(made.map((entry) => entry.cell).sort()).toEqual(["1/1", "2/2", "4/refused"]);

    // Back online: the outbox sends them, each once.
    await context.setOffline(false);
    await expectWaiting(page, 0);
    // A reload sends nothing again.
    await page.reload();
    await expectWaiting(page, 0);
    await context.close();
    expect(device.problems, "console errors and Content-Security-Policy violations").toEqual([]);

    // On the supervisor's list: exactly the three the device made, each once.
    const arrived = (await listedInterviews(staff)).filter((shortId) => !listedBefore.has(shortId));
    expect(arrived.sort()).toEqual(made.map((entry) => entry.id.slice(0, 8)).sort());
    // The monitor shows their cells filled, face to face (the third in "not given"); the dashboard counts all three.
    expect(await monitorCell(staff, "1:1")).toMatchObject({ faceToFace: cellsBefore.young.faceToFace + 1, online: cellsBefore.young.online });
    expect(await monitorCell(staff, "2:2")).toMatchObject({ faceToFace: cellsBefore.middle.faceToFace + 1, online: cellsBefore.middle.online });
    expect((await monitorCell(staff, "total")).faceToFace).toBe(cellsBefore.total.faceToFace + 3);
    expect(await dashboardN(staff)).toBe(nBefore + 3);
    await openFieldwork(staff);
    expect(await monitorCell(staff, "1:1")).toMatchObject({ faceToFace: cellsBefore.young.faceToFace + 1, online: cellsBefore.young.online });
    expect(await monitorCell(staff, "2:2")).toMatchObject({ faceToFace: cellsBefore.middle.faceToFace + 1, online: cellsBefore.middle.online });

    // The supervisor rejects one: it leaves its cell and the dashboard's n drops by one.
    const rejected = made.find((entry) => entry.cell === "1/1")!;
    await rejectInterview(staff, rejected.id.slice(0, 8), "Асығыс жүргізілген сұхбат");
    expect(await monitorCell(staff, "1:1")).toMatchObject({ faceToFace: cellsBefore.young.faceToFace });
    expect(await dashboardN(staff)).toBe(nBefore + 2);
  } finally {
    device.remove();
  }
});
