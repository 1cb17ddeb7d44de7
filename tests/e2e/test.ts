import { test as base, expect, type Page } from "@playwright/test";

/**
 * Every browser test fails on a console error, an uncaught page error, or anything the
 * pages' Content-Security-Policy blocked (docs/decisions/0016), named by its directive and
 * what was blocked. A test that provokes a violation on purpose takes it out of
 * `policyViolations` (splice) before it ends.
 */
export const test = base.extend<{ page: Page; expectedConsoleErrors: RegExp[]; policyViolations: string[] }>({
  // A test that provokes a failing request on purpose names the error it expects.
  expectedConsoleErrors: [[], { option: true }],
  policyViolations: async ({}, use) => {
    await use([]);
  },
  page: async ({ page, expectedConsoleErrors, policyViolations }, use) => {
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      if (expectedConsoleErrors.some((pattern) => pattern.test(message.text()))) return;
      // "Failed to load resource" names no address; the message's location does.
      const where = message.location().url;
      problems.push(where ? `${message.text()} (${where})` : message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.exposeBinding("__qalaPolicyViolation", (_source, violation: string) => void policyViolations.push(violation));
    await page.addInitScript(() => {
      document.addEventListener(
        "securitypolicyviolation",
        (event) => {
          const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : "";
          const report = (window as unknown as { __qalaPolicyViolation: (text: string) => void }).__qalaPolicyViolation;
          void report(`${event.effectiveDirective} blocked ${event.blockedURI || "(empty)"} on ${location.pathname}${where}`);
        },
        true,
      );
    });
    await use(page);
    expect(policyViolations, "Content-Security-Policy violations").toEqual([]);
    expect(problems, "console errors in the browser").toEqual([]);
  },
});

export { expect };
