// `npm test`: the whole suite. Unit and integration tiers (vitest), then the production
// build and the end-to-end tier (Playwright) in the system's Chromium.
// Integration and e2e use the Postgres server of DATABASE_URL when set, else embedded PGlite.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const candidate of candidates) if (candidate && fs.existsSync(candidate)) return candidate;
  return null;
}

async function playwrightsOwnChromium() {
  try {
    const { chromium } = await import("@playwright/test");
    const own = chromium.executablePath();
    return own && fs.existsSync(own) ? own : null;
  } catch {
    return null;
  }
}

const chromiumPath = findChromium() ?? (await playwrightsOwnChromium());
if (!chromiumPath) {
  console.error(
    "No Chromium found for the end-to-end tests.\n" +
      "Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`), or point CHROMIUM_PATH at a Chrome or Chromium binary.",
  );
  process.exit(1);
}

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
