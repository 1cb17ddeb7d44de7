import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, expect, it } from "vitest";
import { townRegister } from "@/scripts/seed/town-register";

/*
 * `npm run db:migrate`, what every deploy runs, brings the town register up to date (so a
 * database made before the register learns its aliases and КАТО codes) and adds no demo data.
 * On an embedded database of its own, whatever database the suite runs on.
 */
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "qala-migrate-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

it("migrates and writes the town register, with no waves, responses or accounts", { timeout: 120_000 }, async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: folder };
  delete env.DATABASE_URL;
  delete env.POSTGRES_URL;
  const run = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", "migrate"], { env, encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain("town register up to date");

  const db = new PGlite(folder);
  try {
    const one = async (query: string) => Number((await db.query<{ n: number }>(query)).rows[0]!.n);
    expect(await one("select count(*)::int as n from towns")).toBe(townRegister.length);
    // Former names, as officials still write them.
    expect(await one("select count(*)::int as n from town_aliases a join towns t on t.id = a.town_id where a.alias = 'Зыряновск' and t.code = 'altai'")).toBe(1);
    expect(await one("select count(*)::int as n from town_aliases a join towns t on t.id = a.town_id where a.alias = 'Лениногорск' and t.code = 'ridder'")).toBe(1);
    expect(await one("select count(*)::int as n from waves")).toBe(0);
    expect(await one("select count(*)::int as n from responses")).toBe(0);
    expect(await one("select count(*)::int as n from users")).toBe(0);
  } finally {
    await db.close();
  }
});
