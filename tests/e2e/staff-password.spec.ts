import type { Page } from "@playwright/test";
import { signIn } from "./survey-helpers";
import { expect, test } from "./test";

/**
 * A new staff member replaces the one-time password an admin gave them. The account is
 * made here, so the demo accounts other specs sign in with keep their password.
 */
const EMAIL = `password-${Date.now()}@e2e.qala`;
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

  await signInAs(page, EMAIL, oneTimePassword);
  await page.waitForURL("**/en/staff");
  await page.getByRole("link", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change password" })).toBeVisible();

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
