// The README's pictures, made from the demo: the survey on a phone, a town's public page on a
// phone, and the staff dashboard. Starts the production build (`npm run build` first) on a
// fresh embedded database seeded with the demo data, as tests/e2e/server.mjs does, or uses
// the server at SCREENSHOTS_BASE_URL (then QALA_DEMO_PASSWORD must be the demo accounts'
// password). Chromium is the one the end-to-end tests use (tests/support/chromium.mjs).
// Writes survey-phone.png, public-phone.png and dashboard.png into SCREENSHOTS_DIR (default
// docs/images/) and fails if any is missing or empty. CI runs it into a temporary folder.
// Usage: node scripts/screenshots.mjs
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { findChromium } from "../tests/support/chromium.mjs";

// The switches of tests/e2e/browser.ts (no calls to Google's hosts, which a closed network refuses).
const chromiumArgs = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"];
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const outDir = path.resolve(process.env.SCREENSHOTS_DIR || "docs/images");
const port = Number(process.env.SCREENSHOTS_PORT ?? 3295);
fs.mkdirSync(outDir, { recursive: true });

async function startServer() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "qala-screenshots-"));
  const password = randomBytes(12).toString("base64url");
  const env = { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: "", POSTGRES_URL: "", QALA_DEMO_PASSWORD: password, NEXT_TELEMETRY_DISABLED: "1" };
  const base = `http://127.0.0.1:${port}`;
  env.APP_URL = base;
  const seed = spawnSync("npm", ["run", "--silent", "db:seed"], { env, stdio: ["ignore", "ignore", "inherit"] });
  if (seed.status !== 0) throw new Error("Seeding the demo database failed");
  console.log(`Demo database seeded (${elapsed()})`);
  const server = spawn(process.execPath, ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "ignore", "inherit"] });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    base,
    password,
    stop: async () => {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const server = process.env.SCREENSHOTS_BASE_URL
  ? { base: process.env.SCREENSHOTS_BASE_URL.replace(/\/$/, ""), password: process.env.QALA_DEMO_PASSWORD, stop: async () => {} }
  : await startServer();
const phone = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
let failed = false;
try {
  const browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs });
  try {
    // The survey on a phone: the first area of life, in Russian.
    const survey = await browser.newContext(phone);
    let page = await survey.newPage();
    await page.goto(`${server.base}/ru/survey/demo-2026`);
    await page.locator("#townId").selectOption({ label: "Риддер" });
    await page.getByRole("button", { name: "Далее" }).click();
    await page.locator("fieldset").first().waitFor();
    await page.locator("fieldset input[type=radio]").first().check();
    await page.screenshot({ path: path.join(outDir, "survey-phone.png") });
    await survey.close();

    // A town's public page on a phone: headlines and the areas of life.
    const resident = await browser.newContext({ ...phone, viewport: { width: 360, height: 1100 } });
    page = await resident.newPage();
    await page.goto(`${server.base}/en/towns/kurchatov`);
    await page.locator("[data-figure]").first().waitFor();
    await page.screenshot({ path: path.join(outDir, "public-phone.png") });
    await resident.close();

    // The staff dashboard of a town, as the demo admin.
    const staff = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    page = await staff.newPage();
    const next = "/en/staff/demo-2026/ridder";
    await page.goto(`${server.base}/en/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel("E-mail").fill("admin@demo.qala");
    await page.getByLabel("Password").fill(server.password ?? "");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`**${next}`);
    await page.getByTestId("response-count").waitFor();
    await page.screenshot({ path: path.join(outDir, "dashboard.png") });
    await staff.close();
  } finally {
    await browser.close();
  }
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await server.stop();
}

// Every picture is there and not empty.
const pictures = ["survey-phone.png", "public-phone.png", "dashboard.png"].map((name) => {
  const file = path.join(outDir, name);
  const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  return { file, size };
});
for (const { file, size } of pictures) console.log(`${size > 0 ? "✓" : "✗"} ${file} (${(size / 1024).toFixed(0)} KB)`);
console.log(`Done in ${elapsed()}`);
if (failed || pictures.some(({ size }) => size === 0)) process.exit(1);
