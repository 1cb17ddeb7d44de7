// The production server's start-up rule (lib/deployment.ts, run by instrumentation.ts): a
// second start of the same build through scripts/serve.mjs (what `npm start` runs), beside the test server, on a port of its own.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./test";

const port = String(Number(process.env.E2E_PORT ?? 3210) + 100);
const SECRETS = ["AUTH_SECRET", "POW_HMAC_KEY", "RATE_LIMIT_SECRET", "APP_URL", "DATABASE_URL", "POSTGRES_URL", "PGLITE_DIR"];

/** Starts the build with `settings` (and none of the deployment's own from this process); resolves when it exits or `until` matches its output. */
function start(settings: Record<string, string>, until?: RegExp) {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !SECRETS.includes(name)) env[name] = value;
  const server = spawn(process.execPath, ["scripts/serve.mjs", "-p", port, "-H", "127.0.0.1"], { env: { ...env, ...settings } as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const timer = setTimeout(() => server.kill("SIGKILL"), 45_000);
    const check = () => {
      if (until && until.test(stdout)) server.kill("SIGTERM");
    };
    server.stdout.on("data", (chunk) => ((stdout += chunk), check()));
    server.stderr.on("data", (chunk) => (stderr += chunk));
    server.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const secret = (letter: string) => letter.repeat(64);

test("a deployment on a server database missing a secret does not start, and names what is missing", async () => {
  // The database is never reached: the settings are checked first.
  const { code, stderr } = await start({
    DATABASE_URL: "postgres://qala:password-in-url@127.0.0.1:9/qala",
    POW_HMAC_KEY: secret("p"),
    RATE_LIMIT_SECRET: secret("r"),
    APP_URL: "https://pulse.example.kz",
  });
  expect(code).not.toBe(0);
  expect(stderr).toContain("AUTH_SECRET: signs staff sessions (32+ characters): openssl rand -hex 32");
  expect(stderr).not.toContain("POW_HMAC_KEY");
  // Names only: no value it was given is repeated.
  for (const value of [secret("p"), secret("r"), "password-in-url"]) expect(stderr).not.toContain(value);
});

test("the embedded demo starts as before, saying once that it is a demo and where deploying is explained", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qala-demo-start-"));
  try {
    const { stdout, stderr } = await start({ PGLITE_DIR: dir }, /embedded database/);
    expect(stdout).toContain('Qala Pulse is running as a demo on the embedded database (PGlite). To deploy, see README.md, section "Deploy".');
    expect(stderr).not.toContain("will not start");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
