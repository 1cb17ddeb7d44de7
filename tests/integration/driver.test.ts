import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "./database";

let database: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => (database = await freshDatabase()));
afterAll(() => database.drop());

const expected = !process.env.DATABASE_URL ? "embedded" : process.env.QALA_TEST_DRIVER === "vercel" ? "vercel" : "server";

describe(`the ${expected} database target`, () => {
  it("is the driver this run asked for, and answers queries in transactions", async () => {
    expect(database.target).toBe(expected);
    const value = await database.db.transaction(async (tx) => {
      const result = await tx.execute(sql`select 41 + 1 as answer`);
      return (result as unknown as { rows: Array<{ answer: number }> }).rows[0]!.answer;
    });
    expect(Number(value)).toBe(42);
  });
});
