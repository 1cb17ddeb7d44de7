import { defineConfig } from "@playwright/test";

import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { chromiumArgs } from "./tests/e2e/browser";
import { clockEnv } from "./tests/support/test-clock.cjs";

const port = Number(process.env.E2E_PORT ?? 3210);
// The demo staff accounts of the test server get this password; made fresh for each run.
process.env.QALA_DEMO_PASSWORD ??= randomBytes(12).toString("base64url");

// CHROMIUM_PATH, else a system Chromium, else the one inside the npm package
// @sparticuz/chromium (tests/support/chromium.mjs). Found once, in the runner process:
// Playwright's workers inherit the variable and load this file with it set.
if (!process.env.CHROMIUM_PATH) {
  const found = spawnSync(process.execPath, [path.join(__dirname, "tests/support/chromium.mjs")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (found.status !== 0) throw new Error("No Chromium for the end-to-end tests (see the message above).");
  process.env.CHROMIUM_PATH = found.stdout.trim();
}

// QALA_TEST_NOW: the workers and the test server run on a test clock (tests/support/test-clock.cjs);
// under `npm test`, tests/run.mjs has set this up already.
Object.assign(process.env, clockEnv());

/**
 * End-to-end tests run against the production build (`next build` first; tests/run.mjs
 * does it), started by tests/e2e/server.mjs on a port of its own with a fresh database.
 * Chromium is CHROMIUM_PATH, a system one or the npm package's: no browser is downloaded.
 */
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 360, height: 640 },
    isMobile: true,
    hasTouch: true,
    acceptDownloads: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH,
      args: chromiumArgs,
    },
  },
  webServer: {
    command: "node tests/e2e/server.mjs",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // APP_URL: better-auth's base URL, the address the tests reach the server at.
    env: { E2E_PORT: String(port), QALA_DEMO_PASSWORD: process.env.QALA_DEMO_PASSWORD, APP_URL: `http://127.0.0.1:${port}` },
  },
});
