import { describe, expect, it } from "vitest";
import { nextAttemptDelay, parseRetryAfter, serverAskedWait } from "@/lib/retry-after";

const now = Date.parse("2026-03-01T10:00:00Z");

describe("the outbox's wait when the server asks for one", () => {
  it("waits the seconds a 503 or a 429 asks for", () => {
    expect(serverAskedWait({ status: 503, retryAfter: "5", now })).toBe(5_000);
    expect(serverAskedWait({ status: 429, retryAfter: "120", now })).toBe(120_000);
  });

  it("reads an HTTP date as the time left until then", () => {
    expect(serverAskedWait({ status: 503, retryAfter: "Sun, 01 Mar 2026 10:00:30 GMT", now })).toBe(30_000);
  });

  it("holds the wait between a second and ten minutes", () => {
    expect(serverAskedWait({ status: 503, retryAfter: "0", now })).toBe(1_000);
    expect(serverAskedWait({ status: 503, retryAfter: "Sun, 01 Mar 2026 09:00:00 GMT", now })).toBe(1_000);
    expect(serverAskedWait({ status: 429, retryAfter: "86400", now })).toBe(600_000);
  });

  it("keeps its own interval when the server did not ask, or asked in a way it cannot read", () => {
    expect(serverAskedWait({ status: 503, retryAfter: null, now })).toBeUndefined();
    expect(serverAskedWait({ status: 503, retryAfter: "soon", now })).toBeUndefined();
    expect(serverAskedWait({ status: 500, retryAfter: "5", now })).toBeUndefined();
    expect(nextAttemptDelay({ askedMs: undefined, intervalMs: 30_000 })).toBe(30_000);
    expect(nextAttemptDelay({ askedMs: serverAskedWait({ status: 503, retryAfter: "7", now }), intervalMs: 30_000 })).toBe(7_000);
  });

  it("parses what it can and nothing else", () => {
    expect(parseRetryAfter(" 12 ", now)).toBe(12_000);
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter("-3", now)).toBeUndefined();
  });
});

describe("what the submissions route asks a phone to wait", () => {
  it("503: a few seconds; 429 past the day's limit: until midnight in Kazakhstan (UTC+5); other refusals: nothing", async () => {
    const { resultHeaders } = await import("@/lib/action");
    const { secondsUntilNextDayInKazakhstan } = await import("@/lib/time");
    // 18:30 UTC is 23:30 in Kazakhstan: half an hour to the next day.
    const lateEvening = new Date("2026-03-10T18:30:00Z");
    expect(secondsUntilNextDayInKazakhstan(lateEvening)).toBe(1800);
    expect(secondsUntilNextDayInKazakhstan(new Date("2026-03-10T19:00:00Z"))).toBe(86_400);
    expect(resultHeaders({ status: "error", messageKey: "errors.rateLimited", httpStatus: 429 }, lateEvening)).toEqual({ "retry-after": "1800" });
    expect(resultHeaders({ status: "error", messageKey: "errors.unavailable", httpStatus: 503 }, lateEvening)).toEqual({ "retry-after": "5" });
    expect(resultHeaders({ status: "error", messageKey: "errors.waveClosed", httpStatus: 409 }, lateEvening)).toEqual({});
    expect(resultHeaders({ status: "ok" }, lateEvening)).toEqual({});
  });
});
