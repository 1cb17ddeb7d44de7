import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { chromiumArgs } from "./browser";
import { dashboardN, monitorCell, openFieldwork, rejectInterview } from "./fieldwork-helpers";
import { expect, test } from "./test";

/**
 * The interviewer's app offline (docs/fieldwork.md, "Conducting interviews offline"): loaded
 * online once on a 360 × 640 phone, then with no network, through a browser restart, three
 * interviews in Kazakh; back online, each arrives once. Checked in the database, so the spec
 * needs the Postgres server of DATABASE_URL (the embedded database is inside the test server).
 *
 * The steps are helpers (signIn, conductInterview, expectWaiting, …) so later steps (the
 * supervisor's monitor, a rejection) can be appended to the flow.
 */

const INTERVIEWER = "interviewer@demo.qala";
const WAVE = "demo-2026";
const TOWN = "ridder";
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

/** The demo assignment of the interviewer (Ridder, demo-2026, 30 interviews in 8 cells), made here if the seed has none. */
export async function ensureAssignment(db: pg.Client): Promise<number> {
  const found = await db.query<{ id: number }>(
    `select a.id from fieldwork_assignments a join users u on u.id = a.interviewer_id join waves w on w.id = a.wave_id join towns t on t.id = a.town_id
     where u.email = $1 and w.slug = $2 and t.code = $3 and a.closed_at is null order by a.id limit 1`,
    [INTERVIEWER, WAVE, TOWN],
  );
  if (found.rows[0]) return found.rows[0].id;
  const made = await db.query<{ id: number }>(
    `insert into fieldwork_assignments (wave_id, town_id, interviewer_id, target)
     select w.id, t.id, u.id, 30 from waves w, towns t, users u where w.slug = $1 and t.code = $2 and u.email = $3 returning id`,
    [WAVE, TOWN, INTERVIEWER],
  );
  const id = made.rows[0]!.id;
  const cells = [[1, 1, 4], [1, 2, 4], [2, 1, 4], [2, 2, 4], [3, 1, 4], [3, 2, 3], [4, 1, 4], [4, 2, 3]];
  for (const [ageBand, sex, target] of cells) {
    await db.query("insert into fieldwork_quotas (assignment_id, age_band, sex, target) values ($1, $2, $3, $4)", [id, ageBand, sex, target]);
  }
  return id;
}

/** The interviews of an assignment in the database, with their responses' mode. */
export async function storedInterviews(db: pg.Client, assignmentId: number) {
  const { rows } = await db.query<{ id: string; mode: number; age_band: number; sex: number; sex_refused: boolean }>(
    "select r.id, r.mode, i.age_band, i.sex, i.sex_refused from interviews i join responses r on r.id = i.response_id where i.assignment_id = $1",
    [assignmentId],
  );
  return rows;
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
  test.skip(!process.env.DATABASE_URL, "checks the database through DATABASE_URL");
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  const device = phone(baseURL);
  try {
    const assignmentId = await ensureAssignment(db);
    const before = new Set((await storedInterviews(db, assignmentId)).map((row) => row.id));
    // What the official's dashboard and the supervisor's monitor show before (another browser).
    const nBefore = await dashboardN(staff);
    await openFieldwork(staff);
    const cellsBefore = { young: await monitorCell(staff, "1:1"), middle: await monitorCell(staff, "2:2") };

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

    // Back online: the outbox sends them, each once.
    await context.setOffline(false);
    await expectWaiting(page, 0);
    const arrived = (await storedInterviews(db, assignmentId)).filter((row) => !before.has(row.id));
    expect(arrived).toHaveLength(3);
    expect(new Set(arrived.map((row) => row.id)).size).toBe(3);
    expect(arrived.every((row) => row.mode === 2)).toBe(true);
    expect(arrived.map((row) => `${row.age_band}/${row.sex_refused ? "refused" : row.sex}`).sort()).toEqual(["1/1", "2/2", "4/refused"]);

    // A reload sends nothing again.
    await page.reload();
    await expectWaiting(page, 0);
    expect((await storedInterviews(db, assignmentId)).filter((row) => !before.has(row.id))).toHaveLength(3);
    await context.close();
    expect(device.problems, "console errors and Content-Security-Policy violations").toEqual([]);

    // The supervisor's monitor shows the cells filled, face to face; the dashboard counts all three.
    expect(await dashboardN(staff)).toBe(nBefore + 3);
    await openFieldwork(staff);
    expect(await monitorCell(staff, "1:1")).toMatchObject({ faceToFace: cellsBefore.young.faceToFace + 1, online: cellsBefore.young.online });
    expect(await monitorCell(staff, "2:2")).toMatchObject({ faceToFace: cellsBefore.middle.faceToFace + 1, online: cellsBefore.middle.online });

    // The supervisor rejects one: it leaves its cell and the dashboard's n drops by one.
    const rejected = arrived.find((row) => row.age_band === 1 && row.sex === 1)!;
    await rejectInterview(staff, rejected.id.slice(0, 8), "Асығыс жүргізілген сұхбат");
    expect(await monitorCell(staff, "1:1")).toMatchObject({ faceToFace: cellsBefore.young.faceToFace });
    expect(await dashboardN(staff)).toBe(nBefore + 2);
  } finally {
    await db.end();
    device.remove();
  }
});
