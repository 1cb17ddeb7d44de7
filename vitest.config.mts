import path from "node:path";
import { defineConfig } from "vitest/config";

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
    env: { POW_MAX_NUMBER: "50", RATE_LIMIT_PER_HOUR: "100000" },
    hookTimeout: 60_000,
  },
});
