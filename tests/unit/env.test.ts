import { describe, expect, it } from "vitest";
import { databaseTarget } from "@/lib/env";

const base = { DATABASE_URL: undefined, POSTGRES_URL: undefined };

describe("choosing the database", () => {
  it("uses embedded PGlite when nothing is configured", () => {
    expect(databaseTarget({ ...base })).toBe("embedded");
  });
  it("uses a Postgres server for DATABASE_URL, and Vercel's driver when POSTGRES_URL is set", () => {
    expect(databaseTarget({ ...base, DATABASE_URL: "postgres://db/app" })).toBe("server");
    expect(databaseTarget({ ...base, POSTGRES_URL: "postgres://x-pooler.example/app", DATABASE_URL: "postgres://db/app" })).toBe("vercel");
  });
});
