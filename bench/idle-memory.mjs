// Resident memory of the app server when idle: the production build on a Postgres server,
// after it has served each kind of page once, then left alone for 10 s. The baseline in the
// same run is a bare Node.js HTTP server. Prints JSON. Target: at most 250 MB.
// Usage: node bench/idle-memory.mjs
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { startServer } from "./server.mjs";

const server = await startServer({ port: 3293, postgresAdminUrl: process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" });

/** RSS in MB of a process and all its descendants. */
function treeRss(pid) {
  const children = spawnSync("pgrep", ["-P", String(pid)]).stdout.toString().split("\n").filter(Boolean).map(Number);
  const status = fs.existsSync(`/proc/${pid}/status`) ? fs.readFileSync(`/proc/${pid}/status`, "utf8") : "";
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  return kb / 1024 + children.reduce((sum, child) => sum + treeRss(child), 0);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const bare = spawn("node", ["-e", "require('http').createServer((q,s)=>s.end('ok')).listen(3294,'127.0.0.1')"], { stdio: "ignore" });
try {
  for (const path of ["/ru", "/ru/survey/demo-2026", "/kk/results/demo-2025/ridder", "/en/login", "/api/challenge"]) {
    await (await fetch(`${server.base}${path}`)).text();
  }
  await sleep(10_000);
  const appMb = +treeRss(server.pid).toFixed(1);
  const bareMb = +treeRss(bare.pid).toFixed(1);
  console.log(JSON.stringify({ benchmark: "idle-memory", targetMb: 250, appServerRssMb: appMb, bareNodeServerRssMb: bareMb, ratio: +(appMb / bareMb).toFixed(2) }, null, 2));
} finally {
  bare.kill("SIGTERM");
  await server.stop();
}
