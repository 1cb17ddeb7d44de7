// `npm test`: the whole suite. Unit and integration tiers (vitest), then the production
// build and the end-to-end tier (Playwright) in Chromium: CHROMIUM_PATH, else a system
// Chromium, else the one inside the npm package @sparticuz/chromium (tests/support/chromium.mjs).
// Integration and e2e use the Postgres server of DATABASE_URL when set, else embedded PGlite.
// QALA_TEST_NOW=<ISO date and time> runs the tests on a test clock (tests/support/test-clock.cjs).
import { spawnSync } from "node:child_process";
import { findChromium } from "./support/chromium.mjs";
import { clockEnv } from "./support/test-clock.cjs";

let chromiumPath;
try {
  chromiumPath = await findChromium();
} catch (error) {
  console.error(`No Chromium for the end-to-end tests: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
console.log(`Chromium for the end-to-end tests: ${chromiumPath}`);

// Next.js's notice about its telemetry is not a test result.
const env = { ...process.env, CHROMIUM_PATH: chromiumPath, NEXT_TELEMETRY_DISABLED: "1" };
const clock = clockEnv(env);
if (clock.QALA_TEST_CLOCK_OFFSET_MS) console.log(`Test clock: ${new Date(Date.now() + Number(clock.QALA_TEST_CLOCK_OFFSET_MS)).toISOString()}`);
const steps = [
  ["unit and integration tests", "npx", ["vitest", "run"], clock],
  ["production build", "npm", ["run", "build"], {}],
  ["end-to-end tests", "npx", ["playwright", "test"], clock],
];

for (const [name, command, args, extra] of steps) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { env: { ...env, ...extra }, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed`);
    process.exit(result.status ?? 1);
  }
}
console.log("\n✓ all tests passed");
