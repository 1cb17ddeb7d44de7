import { test as base, expect, type Page } from "@playwright/test";

/** Every browser test fails on a console error or an uncaught page error. */
export const test = base.extend<{ page: Page; expectedConsoleErrors: RegExp[] }>({
  // A test that provokes a failing request on purpose names the error it expects.
  expectedConsoleErrors: [[], { option: true }],
  page: async ({ page, expectedConsoleErrors }, use) => {
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      if (expectedConsoleErrors.some((pattern) => pattern.test(message.text()))) return;
      // "Failed to load resource" names no address; the message's location does.
      const where = message.location().url;
      problems.push(where ? `${message.text()} (${where})` : message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await use(page);
    expect(problems, "console errors in the browser").toEqual([]);
  },
});

export { expect };
