import { defineConfig } from "@playwright/test";

import { randomBytes } from "node:crypto";

const port = Number(process.env.E2E_PORT ?? 3210);
// The demo staff accounts of the test server get this password; made fresh for each run.
process.env.QALA_DEMO_PASSWORD ??= randomBytes(12).toString("base64url");

/**
 * End-to-end tests run against the production build (`next build` first; tests/run.mjs
 * does it), started by tests/e2e/server.mjs on a port of its own with a fresh database.
 * Chromium is the system's (CHROMIUM_PATH): no browser is downloaded.
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
      executablePath: process.env.CHROMIUM_PATH || undefined,
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"],
    },
  },
  webServer: {
    command: "node tests/e2e/server.mjs",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port), QALA_DEMO_PASSWORD: process.env.QALA_DEMO_PASSWORD },
  },
});
