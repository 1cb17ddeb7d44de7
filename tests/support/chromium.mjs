// The Chromium the end-to-end tests drive, found in this order:
//   1. CHROMIUM_PATH, when set (it must point at a binary that exists);
//   2. a system Chromium (/usr/bin/chromium, /usr/bin/chromium-browser, or either on PATH);
//   3. the Chromium shipped inside the npm package @sparticuz/chromium (a devDependency),
//      unpacked once from its brotli archives into a folder of the temporary directory
//      named after the package's version, so `npm install && npm test` needs no system
//      browser and no browser download.
// Run as a script (`node tests/support/chromium.mjs`) it prints the path it found; with
// --packaged, the npm package's whatever else there is (CI uses it, to prove that path).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const SYSTEM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

function onPath(name) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/** CHROMIUM_PATH, else a system Chromium, else null. */
export function configuredOrSystemChromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!fs.existsSync(configured)) throw new Error(`CHROMIUM_PATH is set to ${configured}, which does not exist.`);
    return configured;
  }
  for (const candidate of SYSTEM_CANDIDATES) if (fs.existsSync(candidate)) return candidate;
  return onPath("chromium") ?? onPath("chromium-browser");
}

/**
 * The npm package's Chromium, unpacked into <tmp>/qala-chromium-<version>/ on first use.
 * The package itself unpacks into the temporary directory's root and reuses whatever file
 * is there by that name, even one half-written by another process; so it unpacks into a
 * staging folder of its own (its TMPDIR pointed there), and the folder is renamed into
 * place whole: a second test run at the same time either finds the finished folder or
 * unpacks its own and keeps the first one that landed.
 */
export async function packagedChromium() {
  const require = createRequire(import.meta.url);
  let version;
  try {
    // The package's exports name no package.json: read it beside its entry point, build/index.js.
    const entry = require.resolve("@sparticuz/chromium");
    version = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), "..", "package.json"), "utf8")).version;
  } catch {
    throw new Error("No Chromium found, and the devDependency @sparticuz/chromium is not installed: run `npm install`.");
  }
  const target = path.join(os.tmpdir(), `qala-chromium-${version}`);
  const binary = path.join(target, "chromium");
  if (fs.existsSync(binary)) return binary;

  const staging = fs.mkdtempSync(path.join(os.tmpdir(), `qala-chromium-${version}-staging-`));
  const previousTmp = process.env.TMPDIR;
  try {
    process.env.TMPDIR = staging;
    const { default: chromium } = await import("@sparticuz/chromium");
    const unpacked = await chromium.executablePath();
    if (path.dirname(unpacked) !== staging) throw new Error(`@sparticuz/chromium unpacked to ${unpacked}, outside ${staging}`);
  } finally {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
  }
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    // Another run put its folder there first: use that one.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(binary)) throw error;
  }
  return binary;
}

/** The Chromium to test with, by the order above. */
export async function findChromium() {
  return configuredOrSystemChromium() ?? (await packagedChromium());
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(process.argv.includes("--packaged") ? await packagedChromium() : await findChromium());
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
