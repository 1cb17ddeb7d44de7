// Largest Contentful Paint of the survey page on a cheap phone over slow 4G: Chromium with
// Lighthouse's "slow 4G" (150 ms RTT, 1.6 Mbps down, 750 kbps up) and 4× CPU slowdown,
// against the production build (`npm run build` first), cold cache. Prints JSON, with the
// home page measured in the same run as the baseline, and the public results pages (a closed
// wave's page and a town's stable page) measured in the same run against the survey.
// Usage: node bench/survey-lcp.mjs [runs]
import { chromium } from "@playwright/test";
import { findChromium } from "../tests/support/chromium.mjs";
import { startServer } from "./server.mjs";

const runs = Number(process.argv[2] ?? 5);
const server = await startServer({ port: 3291 });

async function lcpOf(browser, url) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(1_000);
  const lcp = await page.evaluate(
    () =>
      new Promise((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1].startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
      }),
  );
  await context.close();
  return lcp;
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  const browser = await chromium.launch({
    executablePath: await findChromium(),
    args: ["--no-sandbox", "--disable-background-networking"],
  });
  const results = {};
  for (const [name, pagePath] of [
    ["home (baseline)", "/ru"],
    ["survey", "/ru/survey/demo-2026"],
    ["public results", "/ru/results/demo-2025/kurchatov"],
    ["town page", "/ru/towns/kurchatov"],
  ]) {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(Math.round(await lcpOf(browser, `${server.base}${pagePath}`)));
    results[name] = { path: pagePath, lcpMedianMs: median([...samples]), samplesMs: samples };
  }
  await browser.close();
  const ratio = +(results.survey.lcpMedianMs / results["home (baseline)"].lcpMedianMs).toFixed(2);
  const toSurvey = (name) => +(results[name].lcpMedianMs / results.survey.lcpMedianMs).toFixed(2);
  console.log(
    JSON.stringify(
      { benchmark: "survey-lcp", network: "slow 4G (150 ms, 1.6 Mbps)", cpuSlowdown: 4, targetMs: 2500, results, surveyToHomeRatio: ratio, publicToSurveyRatio: toSurvey("public results"), townPageToSurveyRatio: toSurvey("town page") },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
}
