/**
 * Switches for every Chromium the end-to-end tests start (the shared browser of
 * playwright.config.ts and the offline spec's persistent one), whichever binary
 * tests/support/chromium.mjs found: the system's or the npm package @sparticuz/chromium's.
 * Playwright adds --headless and --no-sandbox itself; --no-sandbox is repeated here for
 * root. Without the background-networking switches Chromium keeps calling Google's hosts,
 * which this machine's closed network refuses.
 *
 * Of @sparticuz/chromium's own recommended switches (its `args`, made for AWS Lambda) none
 * is needed on a desktop-like Linux, and some would be harmful: --disable-web-security and
 * --allow-running-insecure-content would let through what a real phone's browser blocks;
 * --single-process (needed on Lambda only, where the sandbox's prctl fails) runs every
 * context in one process; --headless='shell' is Playwright's own --headless already, as the
 * binary is a headless shell build. So they are not used.
 */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-gpu",
];
