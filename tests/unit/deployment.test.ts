import { describe, expect, it } from "vitest";
import { checkStartup } from "@/lib/deployment";

const configured = {
  DATABASE_URL: "postgres://db.example/qala",
  AUTH_SECRET: "a".repeat(64),
  POW_HMAC_KEY: "b".repeat(64),
  RATE_LIMIT_SECRET: "c".repeat(64),
  APP_URL: "https://pulse.example.kz",
};

describe("refusing a half-configured start", () => {
  it("starts the embedded demo with nothing configured, saying it is a demo and where deploying is explained", () => {
    const check = checkStartup({});
    expect(check.status).toBe("demo");
    if (check.status === "demo") expect(check.message).toMatch(/demo on the embedded database.*README\.md, section "Deploy"/);
  });

  it("starts a server deployment that has every setting", () => {
    expect(checkStartup(configured)).toEqual({ status: "ready" });
    expect(checkStartup({ ...configured, DATABASE_URL: undefined, POSTGRES_URL: "postgres://x-pooler.example/qala" })).toEqual({ status: "ready" });
  });

  it("refuses a server database without a secret, naming each missing one and how to make it", () => {
    const check = checkStartup({ ...configured, AUTH_SECRET: undefined, RATE_LIMIT_SECRET: "  " });
    expect(check.status).toBe("refused");
    if (check.status !== "refused") return;
    expect(check.missing).toEqual(["AUTH_SECRET", "RATE_LIMIT_SECRET"]);
    expect(check.message).toContain("AUTH_SECRET: signs staff sessions (32+ characters): openssl rand -hex 32");
    expect(check.message).toContain("RATE_LIMIT_SECRET:");
    expect(check.message).not.toContain("POW_HMAC_KEY");
  });

  it("refuses Vercel's database without APP_URL, and never repeats a value it was given", () => {
    const check = checkStartup({ ...configured, DATABASE_URL: "", POSTGRES_URL: "postgres://user:hunter2@x-pooler.example/qala", APP_URL: "" });
    expect(check.status).toBe("refused");
    if (check.status !== "refused") return;
    expect(check.missing).toEqual(["APP_URL"]);
    expect(check.message).not.toContain("hunter2");
    expect(check.message).not.toContain("a".repeat(64));
  });
});

describe("what a deployment that may start still hears", () => {
  it("names a missing invitation secret on a server database, and the old hourly limit's setting", async () => {
    const { startupNotes } = await import("@/lib/deployment");
    expect(startupNotes({})).toEqual([]);
    expect(startupNotes({ DATABASE_URL: "postgres://db/qala", INVITATION_SECRET: "a".repeat(32) })).toEqual([]);
    expect(startupNotes({ DATABASE_URL: "postgres://db/qala" })).toEqual([expect.stringContaining("INVITATION_SECRET is not set")]);
    expect(startupNotes({ RATE_LIMIT_PER_HOUR: "600" })).toEqual([expect.stringContaining("RATE_LIMIT_PER_DAY")]);
  });
});
