import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signIn } from "@/app/[locale]/(staff)/login/actions";
import { createStaffUser } from "@/db/queries/staff";
import { rateLimitCounters } from "@/db/schema";
import { PASSWORD_FAILURES_PER_HOUR } from "@/server/auth/password-attempts";
import { slowDown } from "@/server/auth/slow-down";
import en from "@/messages/en.json";
import kk from "@/messages/kk.json";
import ru from "@/messages/ru.json";
import { uniqueName } from "../fixtures";
import { atStartOfHour } from "../support/clock";
import { forgetTestDatabase, useTestDatabase } from "../support/staff-sessions";
import { freshDatabase } from "./database";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async () => (await import("../support/next-headers")).mockNextHeaders(request));
// The waits are real in the app; here they are only recorded.
vi.mock("@/server/auth/slow-down", () => ({ slowDown: vi.fn(async () => undefined) }));

let database: Awaited<ReturnType<typeof freshDatabase>>;
const PASSWORD = "a long enough test password";
const { perAccountAndAddress, perAddress } = PASSWORD_FAILURES_PER_HOUR;
const refused = { status: "error", messageKey: "errors.tooManyAttempts" };
const wrong = { status: "error", messageKey: "errors.loginFailed" };

beforeAll(async () => {
  database = await freshDatabase();
  useTestDatabase(database);
});
afterAll(async () => {
  forgetTestDatabase();
  await database.drop();
});
beforeEach(async () => {
  // Every test starts a fresh hour for every bucket, at the start of an hour so that it
  // stays in that one.
  await database.db.delete(rateLimitCounters);
  atStartOfHour();
  vi.mocked(slowDown).mockClear();
});
afterEach(() => {
  vi.useRealTimers();
});

async function official() {
  const email = `${uniqueName("official")}@test.qala`;
  await createStaffUser({ db: database.db, email, name: "Official", role: "official", password: PASSWORD });
  return email;
}

function from(address: string) {
  request.headers = new Headers({ "x-forwarded-for": address });
}

describe("signIn", () => {
  it("lets the owner in from another address after a stranger used up the limit on their account, only slower", async () => {
    const email = await official();
    from("203.0.113.7");
    for (let i = 0; i < perAccountAndAddress; i++) expect(await signIn({ email, password: `guess ${i}` })).toEqual(wrong);
    // Past the limit the stranger is refused without a check, even with the right password.
    expect(await signIn({ email, password: `guess again` })).toEqual(refused);
    expect(await signIn({ email, password: PASSWORD })).toEqual(refused);

    vi.mocked(slowDown).mockClear();
    from("198.51.100.20");
    expect(await signIn({ email, password: PASSWORD })).toEqual({ status: "ok" });
    expect(vi.mocked(slowDown).mock.calls).toEqual([[5_000]]);
  });

  it("stops one person's typos at their own account, not at a colleague's behind the same address", async () => {
    const [typist, colleague] = [await official(), await official()];
    from("192.0.2.50");
    for (let i = 0; i < perAccountAndAddress; i++) await signIn({ email: typist, password: `typo ${i}` });
    expect(await signIn({ email: typist, password: "one more typo" })).toEqual(refused);
    expect(await signIn({ email: colleague, password: PASSWORD })).toEqual({ status: "ok" });
  });

  it("refuses an address past its limit across accounts, with the translated message", async () => {
    const email = await official();
    from("192.0.2.99");
    for (let i = 0; i < perAddress; i++) {
      expect(await signIn({ email: `${uniqueName("nobody")}@test.qala`, password: "a guess" })).toEqual(wrong);
    }
    expect(await signIn({ email, password: PASSWORD })).toEqual(refused);
    for (const messages of [en, kk, ru]) expect(messages.errors.tooManyAttempts).toMatch(/\S/);
  });

  it("counts parallel attempts before checking them, so they cannot exceed the limit", async () => {
    const email = await official();
    from("203.0.113.200");
    const results = await Promise.all(Array.from({ length: 3 * perAccountAndAddress }, (_, i) => signIn({ email, password: `parallel ${i}` })));
    expect(results.filter((result) => result.status === "error" && result.messageKey === "errors.loginFailed")).toHaveLength(perAccountAndAddress);
    expect(results.filter((result) => result.status === "error" && result.messageKey === "errors.tooManyAttempts")).toHaveLength(2 * perAccountAndAddress);
  });

  it("does not count a correct password against the limits", async () => {
    const email = await official();
    from("198.51.100.3");
    for (let i = 0; i <= perAccountAndAddress; i++) expect(await signIn({ email, password: PASSWORD })).toEqual({ status: "ok" });
    expect(vi.mocked(slowDown).mock.calls.every(([ms]) => ms === 0)).toBe(true);
  });
});
