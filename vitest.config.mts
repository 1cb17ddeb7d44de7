import path from "node:path";
import { defineConfig } from "vitest/config";
import { isExpectedLogLine } from "./tests/support/expected-logs.mjs";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // "server-only" throws outside a React server bundle; tests are server code.
      "server-only": path.resolve(import.meta.dirname, "tests/support/server-only.ts"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    // Easy proofs of work, so tests solve them in microseconds; the checks are the same.
    // APP_URL is better-auth's base URL, as in production (without it, it warns at every start).
    env: { POW_MAX_NUMBER: "50", RATE_LIMIT_PER_DAY: "100000", APP_URL: "http://127.0.0.1:3000" },
    // Refused sign-ins the tests provoke on purpose (tests/support/expected-logs.mjs).
    onConsoleLog: (log) => (isExpectedLogLine(log) ? false : undefined),
    hookTimeout: 120_000,
  },
});
