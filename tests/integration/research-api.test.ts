import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/v1/waves/[wave]/export/route";
import { GET as codebookRoute } from "@/app/api/v1/waves/[wave]/codebook/route";
import { GET as auditRoute } from "@/app/api/v1/admin/audit/route";
import { findStaffUserByEmail } from "@/db/queries/staff";
import { createAccessToken, revokeAccessToken } from "@/db/queries/tokens";
import { accessTokens, exportLog, waves } from "@/db/schema";
import { DEMO_WAVE_SLUG, seedDemoWave, seedReferenceData } from "@/scripts/seed";
import { env } from "@/lib/env";
import { createStaffSessions, forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

let database: Awaited<ReturnType<typeof freshDatabase>>;
let sessions: Awaited<ReturnType<typeof createStaffSessions>>;
const PER_TOWN = 12;
const TOWNS = 4;

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
  await seedReferenceData(database.db);
  await seedDemoWave(database.db, { perTown: PER_TOWN });
  sessions = await createStaffSessions(database.db);
});
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});

async function tokenFor(role: "admin" | "researcher", expiry: "7" | "365" = "365", now?: Date) {
  const user = (await findStaffUserByEmail({ db: database.db, email: `${role}@test.qala` }))!;
  return createAccessToken({ db: database.db, actor: user, name: `${role} script`, expiry, now });
}

const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

function callExport(slug: string, query: string, headers: Headers) {
  const request = new Request(`http://localhost/api/v1/waves/${slug}/export?${query}`, { headers });
  return exportRoute(request, { params: Promise.resolve({ wave: slug }) });
}

function callAudit(headers: Headers) {
  return auditRoute(new Request("http://localhost/api/v1/admin/audit?limit=5", { headers }));
}

async function expectProblem(response: Response, status: number, error: string, message?: RegExp) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: string; message: string };
  expect(body.error).toBe(error);
  if (message) expect(body.message).toMatch(message);
}

async function logEntries() {
  return database.db.select().from(exportLog).orderBy(exportLog.id);
}

describe("GET /api/v1/waves/:wave/export: refusals", () => {
  it("answers 404 for an unknown wave", async () => {
    await expectProblem(await callExport("no-such-wave", "", await sessions.headersFor("researcher")), 404, "unknown wave", /no-such-wave/);
  });

  it("answers 400 for an unknown format, listing the allowed ones", async () => {
    await expectProblem(await callExport(DEMO_WAVE_SLUG, "format=xlsx", await sessions.headersFor("researcher")), 400, "unknown format", /Allowed: csv, csv-excel, json, parquet/);
  });

  it("answers 400 for an unknown kind", async () => {
    await expectProblem(await callExport(DEMO_WAVE_SLUG, "kind=everything", await sessions.headersFor("researcher")), 400, "unknown kind", /microdata, aggregates/);
  });

  it("answers 400 for a k below the minimum, naming the minimum", async () => {
    const response = await callExport(DEMO_WAVE_SLUG, `k=${env.DISCLOSURE_MIN_CELL - 1}`, await sessions.headersFor("researcher"));
    await expectProblem(response, 400, "k below minimum", new RegExp(`at least ${env.DISCLOSURE_MIN_CELL}`));
  });

  it("answers 403 to an official's session", async () => {
    await expectProblem(await callExport(DEMO_WAVE_SLUG, "", await sessions.headersFor("official")), 403, "forbidden");
  });

  it("answers 401 with no session and no token", async () => {
    await expectProblem(await callExport(DEMO_WAVE_SLUG, "", new Headers()), 401, "unauthorized", /Bearer/);
  });

  it("answers 409 while the wave hides its results, naming the closing day", async () => {
    await database.db.update(waves).set({ hideResultsUntilClosed: true }).where(eq(waves.slug, DEMO_WAVE_SLUG));
    try {
      const [wave] = await database.db.select().from(waves).where(eq(waves.slug, DEMO_WAVE_SLUG));
      const response = await callExport(DEMO_WAVE_SLUG, "", await sessions.headersFor("researcher"));
      await expectProblem(response, 409, "hidden until closed", new RegExp(wave!.closesOn));
    } finally {
      await database.db.update(waves).set({ hideResultsUntilClosed: false }).where(eq(waves.slug, DEMO_WAVE_SLUG));
    }
  });

});

describe("GET /api/v1/waves/:wave/export: formats", () => {
  it("serves Parquet with its file name and logs the rows sent", async () => {
    const before = (await logEntries()).length;
    const response = await callExport(DEMO_WAVE_SLUG, "format=parquet", await sessions.headersFor("researcher"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`qala-pulse_${DEMO_WAVE_SLUG}_microdata_\\d{4}-\\d{2}-\\d{2}_k${env.DISCLOSURE_MIN_CELL}\\.parquet`));
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe("PAR1");
    const entries = await logEntries();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ format: "parquet", kind: "microdata" });
    expect(entries.at(-1)!.rows).toBeGreaterThan(0);
  });
});

describe("personal access tokens on the API", () => {
  it("answers 401 'unknown token' for a token that was never issued", async () => {
    await expectProblem(await callExport(DEMO_WAVE_SLUG, "", bearer("qp_not-a-real-token")), 401, "unknown token");
  });

  it("answers 401 'revoked token' for a revoked token", async () => {
    const created = await tokenFor("researcher");
    const owner = (await findStaffUserByEmail({ db: database.db, email: "researcher@test.qala" }))!;
    await revokeAccessToken({ db: database.db, actor: owner, role: owner.role, tokenId: created.id });
    await expectProblem(await callExport(DEMO_WAVE_SLUG, "", bearer(created.token)), 401, "revoked token", /revoked on/);
  });

  it("answers 401 'expired token' for a token past its expiry", async () => {
    const created = await tokenFor("researcher", "7", new Date(Date.now() - 8 * 86_400_000));
    await expectProblem(await callExport(DEMO_WAVE_SLUG, "", bearer(created.token)), 401, "expired token", /expired on/);
  });

  it("answers 403 to a researcher's token on an admin route", async () => {
    const created = await tokenFor("researcher");
    await expectProblem(await callAudit(bearer(created.token)), 403, "forbidden", /researcher/);
  });

  it("serves the admin route to an admin's token, and the audit shows tokens by name, never their value", async () => {
    const created = await tokenFor("admin");
    const response = await callAudit(bearer(created.token));
    expect(response.status).toBe(200);
    const { entries } = (await response.json()) as { entries: Array<{ action: string; detail: Record<string, unknown> }> };
    expect(entries[0]).toMatchObject({ action: "tokens.create", detail: { name: "admin script" } });
    expect(JSON.stringify(entries)).not.toContain(created.token);
  });

  it("stamps the token's last use", async () => {
    const created = await tokenFor("researcher");
    const lastUse = async () => (await database.db.select().from(accessTokens).where(eq(accessTokens.id, created.id)))[0]!.lastUsedAt;
    expect(await lastUse()).toBeNull();
    const started = Date.now();
    const response = await callExport(DEMO_WAVE_SLUG, "", bearer(created.token));
    await response.arrayBuffer();
    expect((await lastUse())!.getTime()).toBeGreaterThanOrEqual(started - 1000);
  });
});

describe("a successful export", () => {
  it("streams the CSV with the expected row count, and logs one entry with who, how and the disclosure report", async () => {
    const created = await tokenFor("researcher");
    const before = (await logEntries()).length;
    const response = await callExport(DEMO_WAVE_SLUG, "kind=microdata&format=csv&k=12", bearer(created.token));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-total-rows")).toBe(String(TOWNS * PER_TOWN));
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`qala-pulse_${DEMO_WAVE_SLUG}_microdata_\\d{4}-\\d{2}-\\d{2}_k12\\.csv`));
    const lines = (await response.text()).trim().split("\n");
    expect(lines).toHaveLength(1 + TOWNS * PER_TOWN);

    const entries = await logEntries();
    expect(entries).toHaveLength(before + 1);
    const entry = entries.at(-1)!;
    expect(entry).toMatchObject({
      actorEmail: "researcher@test.qala",
      via: "token",
      tokenId: created.id,
      kind: "microdata",
      format: "csv",
      options: { kind: "microdata", format: "csv", k: 12, includeText: false },
      rows: TOWNS * PER_TOWN,
      disclosure: { k: 12, rows: TOWNS * PER_TOWN },
    });
    // Twelve residents a town at k = 12: quasi-identifiers had to be blanked, and the log says which.
    const suppressed = (entry.disclosure as { suppressed: Array<{ column: string; values: number }> }).suppressed;
    expect(suppressed.map((entry) => entry.column)).toContain("age_band");
  });

  it("logs a signed-in researcher's export as made on the page", async () => {
    const response = await callExport(DEMO_WAVE_SLUG, "", await sessions.headersFor("researcher"));
    await response.text();
    expect((await logEntries()).at(-1)).toMatchObject({ via: "page", tokenId: null, options: { k: env.DISCLOSURE_MIN_CELL } });
  });
});

describe("GET /api/v1/waves/:wave/codebook", () => {
  function callCodebook(query: string, headers: Headers) {
    const request = new Request(`http://localhost/api/v1/waves/${DEMO_WAVE_SLUG}/codebook?${query}`, { headers });
    return codebookRoute(request, { params: Promise.resolve({ wave: DEMO_WAVE_SLUG }) });
  }

  it("answers 400 for an unknown file, listing the allowed ones", async () => {
    await expectProblem(await callCodebook("file=zip", await sessions.headersFor("researcher")), 400, "unknown file", /datapackage, codebook, r, spss, stata/);
  });

  it("checks the export's options like the export does", async () => {
    await expectProblem(await callCodebook("file=r&k=2", await sessions.headersFor("researcher")), 400, "k below minimum");
  });
});
