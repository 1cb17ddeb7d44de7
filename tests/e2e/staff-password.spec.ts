import { createHmac } from "node:crypto";
import type { Page } from "@playwright/test";
import { signIn } from "./survey-helpers";
import { expect, test } from "./test";

/**
 * A new staff member replaces the one-time password an admin gave them; a new admin turns
 * on two-step sign-in. The accounts are made here, so the demo accounts other specs sign in
 * with keep their password and sign in without a code.
 */
const EMAIL = `password-${Date.now()}@e2e.qala`;
const ADMIN_EMAIL = `two-step-${Date.now()}@e2e.qala`;

/** RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) of a base32 key, as an authenticator app computes it. */
function totp(base32: string, at = Date.now()) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of base32.replace(/=+$/, "")) bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

async function createAccount(page: Page, { name, email, role }: { name: string; email: string; role: "Researcher" | "Administrator" }) {
  await signIn(page, "admin", "/en/staff/admin/users");
  const form = page.getByRole("form", { name: "New account" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Role").selectOption({ label: role });
  await form.getByRole("button", { name: "Create account" }).click();
  const oneTimePassword = (await page.getByTestId("one-time-password").textContent())!.trim();
  await page.context().clearCookies();
  return oneTimePassword;
}

async function changePassword(page: Page, from: string, to: string) {
  const change = page.getByRole("form", { name: "Change password" });
  await change.getByLabel("Current password").fill(from);
  await change.getByLabel("New password", { exact: true }).fill(to);
  await change.getByLabel("New password again").fill(to);
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password has been changed." })).toBeVisible();
}
const CHOSEN = "a password only I know, 2026";

async function signInAs(page: Page, email: string, password: string) {
  await page.goto(`/en/login?next=${encodeURIComponent("/en/staff")}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a new researcher changes the one-time password from the staff bar; only the new one works afterwards", async ({ page }) => {
  await signIn(page, "admin", "/en/staff/admin/users");
  const form = page.getByRole("form", { name: "New account" });
  await form.getByLabel("Name").fill("E2E Researcher");
  await form.getByLabel("E-mail").fill(EMAIL);
  await form.getByLabel("Role").selectOption({ label: "Researcher" });
  await form.getByRole("button", { name: "Create account" }).click();
  const oneTimePassword = (await page.getByTestId("one-time-password").textContent())!.trim();
  await page.context().clearCookies();

  // A one-time password leads straight to the change-password page, and nowhere else.
  await signInAs(page, EMAIL, oneTimePassword);
  await page.waitForURL("**/en/staff/password");
  await expect(page.getByRole("heading", { level: 1, name: "Change password" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "You signed in with a one-time password." })).toBeVisible();
  await page.goto("/en/staff/exports");
  await expect(page).toHaveURL(/\/en\/staff\/password$/);

  const change = page.getByRole("form", { name: "Change password" });
  await change.getByLabel("Current password").fill("not my password at all");
  await change.getByLabel("New password", { exact: true }).fill(CHOSEN);
  await change.getByLabel("New password again").fill(CHOSEN);
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(change.getByText("The current password is wrong.")).toBeVisible();

  await change.getByLabel("Current password").fill(oneTimePassword);
  await change.getByLabel("New password again").fill(`${CHOSEN}!`);
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(change.getByText("The two new passwords do not match.")).toBeVisible();

  await change.getByLabel("New password again").fill(CHOSEN);
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password has been changed." })).toBeVisible();

  // Still signed in here, with the new session cookie.
  await page.goto("/en/staff");
  await expect(page.getByText("Signed in as E2E Researcher (researcher)")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/en\/login/);

  await signInAs(page, EMAIL, oneTimePassword);
  await expect(page.getByRole("alert").filter({ hasText: "The e-mail or password is wrong." })).toBeVisible();
  await signInAs(page, EMAIL, CHOSEN);
  await page.waitForURL("**/en/staff");
  await expect(page.getByText("Signed in as E2E Researcher (researcher)")).toBeVisible();
});

test("an admin turns on two-step sign-in; afterwards sign-in asks for the code and refuses a wrong one", async ({ page }) => {
  const oneTimePassword = await createAccount(page, { name: "E2E Careful Admin", email: ADMIN_EMAIL, role: "Administrator" });
  await signInAs(page, ADMIN_EMAIL, oneTimePassword);
  await page.waitForURL("**/en/staff/password");
  await changePassword(page, oneTimePassword, CHOSEN);

  await page.reload();
  await page.getByLabel("Your password").fill(CHOSEN);
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await expect(page.getByTestId("totp-uri")).toHaveAttribute("href", /^otpauth:\/\/totp\//);
  await page.getByLabel("6-digit code").fill(totp(secret));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Two-step sign-in is on." })).toBeVisible();

  await page.context().clearCookies();
  await signInAs(page, ADMIN_EMAIL, CHOSEN);
  await expect(page.getByText("This account has two-step sign-in.")).toBeVisible();
  const wrong = totp(secret) === "000000" ? "111111" : "000000";
  await page.getByLabel("6-digit code").fill(wrong);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That code is not right.")).toBeVisible();
  await page.getByLabel("6-digit code").fill(totp(secret));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/en/staff");
  await expect(page.getByText("Signed in as E2E Careful Admin (administrator)")).toBeVisible();
});
