import { describe, expect, it } from "vitest";
import { isDatabaseUnreachable, toAppError } from "@/lib/errors";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });
// How drizzle hands a driver's error on: its own error, the driver's as the cause.
const wrapped = (cause: Error) => Object.assign(new Error("Failed query: insert into responses … params: secret"), { cause });

describe("a database out of reach", () => {
  it("is told apart from a wrong request, whichever way the driver says it", () => {
    for (const error of [
      withCode("ECONNREFUSED"),
      withCode("ECONNRESET"),
      withCode("57P01", "terminating connection due to administrator command"),
      withCode("57P03", "the database system is starting up"),
      withCode("08006"),
      new Error("Connection terminated unexpectedly"),
      new Error("timeout exceeded when trying to connect"),
      wrapped(withCode("57P01")),
      wrapped(new Error("Connection terminated unexpectedly")),
      new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]),
    ]) {
      expect(isDatabaseUnreachable(error), String(error)).toBe(true);
    }
  });

  it("is not a refused row, a deadlock or a bug", () => {
    for (const error of [withCode("23505"), withCode("23503"), withCode("40P01"), wrapped(withCode("22003")), new TypeError("x is undefined"), "text", undefined]) {
      expect(isDatabaseUnreachable(error)).toBe(false);
    }
  });

  it("becomes a 503 with its own message; anything else stays a 500", () => {
    expect(toAppError(wrapped(withCode("57P01")), "test")).toMatchObject({ messageKey: "errors.unavailable", status: 503 });
    expect(toAppError(new TypeError("x"), "test")).toMatchObject({ messageKey: "errors.unexpected", status: 500 });
  });
});
