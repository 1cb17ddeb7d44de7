import { DrizzleQueryError } from "drizzle-orm/errors";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError, describeError, toAppError } from "@/lib/errors";

// A resident's answer, as it would sit in a failed statement's parameters.
const ANSWER = "Мой сосед Иван Петров, улица Ленина 5";

function driverError(code: string) {
  const cause = Object.assign(new Error(`invalid byte sequence for encoding "UTF8": 0x00 near "${ANSWER}"`), { code });
  return new DrizzleQueryError("insert into text_answers values ($1, $2, $3)", ["id", "q30", ANSWER], cause);
}

describe("logging an unexpected error", () => {
  afterEach(() => vi.restoreAllMocks());

  it("names the error class and SQLSTATE, never the statement, its parameters or the driver's message", () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    const appError = toAppError(driverError("22021"), "Submitting a response");
    expect(appError).toEqual(new AppError("errors.unexpected", 500));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("Submitting a response failed");
    expect(logged[0]).toContain("SQLSTATE 22021");
    expect(logged[0]).not.toContain(ANSWER);
    expect(logged[0]).not.toContain("insert into");
    expect(logged[0]).not.toContain("0x00");
  });

  it("describes errors without a code, and things that are not errors, by their kind only", () => {
    expect(describeError(new TypeError(ANSWER))).toBe("TypeError");
    expect(describeError(ANSWER)).toBe("string");
    expect(describeError(Object.assign(new Error(ANSWER), { code: ANSWER }))).toBe("Error");
  });

  it("passes an AppError through without logging it", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = new AppError("priorities.errors.tooMany", 422);
    expect(toAppError(error, "x")).toBe(error);
    expect(spy).not.toHaveBeenCalled();
  });
});
