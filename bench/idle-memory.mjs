// Resident memory of the app server when idle: the production build on a Postgres server,
// after it has served each kind of page once, then left alone for 10 s. The baseline in the
// same run is a bare Node.js HTTP server. Prints JSON. Target: at most 250 MB.
// Usage: node bench/idle-memory.mjs
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";

const port = 3293;
const admin = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `qala_idle_${Date.now()}`;
spawnSync("psql", [admin, "-qc", `create database ${dbName}`], { stdio: "inherit" });
const env = { ...process.env, DATABASE_URL: admin.replace(/\/[^/]*$/, `/${dbName}`), POSTGRES_URL: "" };
spawnSync("npm", ["run", "--silent", "db:seed", "--", "--if-empty"], { env, stdio: "ignore" });

/** RSS in MB of a process and all its descendants. */
function treeRss(pid) {
  const children = spawnSync("pgrep", ["-P", String(pid)]).stdout.toString().split("\n").filter(Boolean).map(Number);
  const status = fs.existsSync(`/proc/${pid}/status`) ? fs.readFileSync(`/proc/${pid}/status`, "utf8") : "";
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  return kb / 1024 + children.reduce((sum, child) => sum + treeRss(child), 0);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const app = spawn("node", ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: "ignore" });
const bare = spawn("node", ["-e", "require('http').createServer((q,s)=>s.end('ok')).listen(3294,'127.0.0.1')"], { stdio: "ignore" });
try {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {}
    await sleep(500);
  }
  for (const path of ["/ru", "/ru/survey/demo-2026", "/kk/results/demo-2025/ridder", "/en/login", "/api/challenge"]) {
    await (await fetch(`http://127.0.0.1:${port}${path}`)).text();
  }
  await sleep(10_000);
  const appMb = +treeRss(app.pid).toFixed(1);
  const bareMb = +treeRss(bare.pid).toFixed(1);
  console.log(JSON.stringify({ benchmark: "idle-memory", targetMb: 250, appServerRssMb: appMb, bareNodeServerRssMb: bareMb, ratio: +(appMb / bareMb).toFixed(2) }, null, 2));
} finally {
  app.kill("SIGTERM");
  bare.kill("SIGTERM");
  await sleep(1000);
  spawnSync("psql", [admin, "-qc", `drop database if exists ${dbName} with (force)`], { stdio: "inherit" });
}
