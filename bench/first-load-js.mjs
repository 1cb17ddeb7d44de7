// Gzip size of the JavaScript a phone downloads on the first load of a page, measured in
// Chromium against the production build (`npm run build` first). Prints JSON.
// Usage: node bench/first-load-js.mjs [path ...]   (default: the survey and the home page)
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "@playwright/test";

const port = 3290;
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ["/ru/survey/demo-2026", "/ru"];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "qala-bench-"));
const env = { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: "", POSTGRES_URL: "" };

const seed = spawn("npm", ["run", "--silent", "db:seed", "--", "--if-empty"], { env, stdio: "ignore" });
await new Promise((resolve) => seed.on("exit", resolve));
const server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: "ignore", detached: true });
try {
  for (let i = 0; i < 60; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking"],
  });
  const results = [];
  for (const pagePath of paths) {
    const page = await browser.newPage();
    const scripts = new Map();
    page.on("response", async (response) => {
      if (response.request().resourceType() !== "script") return;
      try {
        scripts.set(response.url(), await response.body());
      } catch {}
    });
    await page.goto(`http://127.0.0.1:${port}${pagePath}`, { waitUntil: "networkidle" });
    let raw = 0;
    let gzip = 0;
    for (const body of scripts.values()) {
      raw += body.length;
      gzip += zlib.gzipSync(body, { level: 9 }).length;
    }
    results.push({ path: pagePath, scripts: scripts.size, rawKB: +(raw / 1024).toFixed(1), gzipKB: +(gzip / 1024).toFixed(1) });
    await page.close();
  }
  await browser.close();
  console.log(JSON.stringify({ benchmark: "first-load-js", budgetGzipKB: 170, results }, null, 2));
} finally {
  process.kill(-server.pid, "SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
