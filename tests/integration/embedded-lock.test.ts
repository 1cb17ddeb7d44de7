import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Connection } from "@/db/client";

const run = promisify(execFile);
let dir: string;
let held: Connection;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qala-lock-"));
  held = await connect({ target: "embedded", dir });
});
afterAll(async () => {
  await held.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openFromAnotherProcess(): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", "migrate"], {
      env: { ...process.env, DATABASE_URL: "", POSTGRES_URL: "", PGLITE_DIR: dir },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe("the embedded database folder", () => {
  it("refuses a second process with a clear message while the first has it open", async () => {
    const { code, output } = await openFromAnotherProcess();
    expect(code).not.toBe(0);
    expect(output).toContain(`already in use by process ${process.pid}`);
    expect(output).toContain("DATABASE_URL");
  });

  it("refuses a second handle in the same process", async () => {
    await expect(connect({ target: "embedded", dir })).rejects.toThrow(/already in use/);
  });

  it("opens again once the holder has closed it, and takes over a lock left by a dead process", async () => {
    await held.close();
    fs.writeFileSync(path.join(dir, "qala-pulse.lock"), "2147483646");
    const { code, output } = await openFromAnotherProcess();
    expect(output).toContain("Migrations applied, town register up to date (embedded database)");
    expect(code).toBe(0);
    held = await connect({ target: "embedded", dir });
  });
});
