// `npm test`: the whole suite. Unit and integration tiers (vitest), then the production
// build and the end-to-end tier (Playwright) in Chromium: CHROMIUM_PATH, else a system
// Chromium, else the one inside the npm package @sparticuz/chromium (tests/support/chromium.mjs).
// Integration and e2e use the Postgres server of DATABASE_URL when set, else embedded PGlite.
import { spawnSync } from "node:child_process";
import { findChromium } from "./support/chromium.mjs";

let chromiumPath;
try {
  chromiumPath = await findChromium();
} catch (error) {
  console.error(`No Chromium for the end-to-end tests: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
console.log(`Chromium for the end-to-end tests: ${chromiumPath}`);

const env = { ...process.env, CHROMIUM_PATH: chromiumPath };
const steps = [
  ["unit and integration tests", "npx", ["vitest", "run"]],
  ["production build", "npm", ["run", "build"]],
  ["end-to-end tests", "npx", ["playwright", "test"]],
];

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed`);
    process.exit(result.status ?? 1);
  }
}
console.log("\n✓ all tests passed");
