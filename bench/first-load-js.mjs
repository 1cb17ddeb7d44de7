// Gzip size of the JavaScript a phone downloads on the first load of a page, measured in
// Chromium against the production build (`npm run build` first). Prints JSON.
// Usage: node bench/first-load-js.mjs [path ...]   (default: the survey, the home page, a
// closed wave's public results page and a town's stable page)
import zlib from "node:zlib";
import { chromium } from "@playwright/test";
import { findChromium } from "../tests/support/chromium.mjs";
import { startServer } from "./server.mjs";

const paths = process.argv.slice(2).length ? process.argv.slice(2) : ["/ru/survey/demo-2026", "/ru", "/ru/results/demo-2025/kurchatov", "/ru/towns/kurchatov"];
const server = await startServer({ port: 3290 });
try {
  const browser = await chromium.launch({
    executablePath: await findChromium(),
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
    await page.goto(`${server.base}${pagePath}`, { waitUntil: "networkidle" });
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
  await server.stop();
}
