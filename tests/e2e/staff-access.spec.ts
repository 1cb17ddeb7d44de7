import { signIn, WAVE } from "./survey-helpers";
import { expect, test } from "./test";

test("staff pages ask for sign-in, and a wrong password gets one generic message", async ({ page }) => {
  await page.goto(`/en/staff/${WAVE}/ridder`);
  await expect(page).toHaveURL(/\/en\/login\?next=/);
  await page.getByLabel("E-mail").fill("official@demo.qala");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The e-mail or password is wrong." })).toBeVisible();
  // An unknown account reads exactly the same.
  await page.getByLabel("E-mail").fill("nobody@example.org");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The e-mail or password is wrong." })).toBeVisible();

  await signIn(page, "official", `/en/staff/${WAVE}/ridder`);
  await expect(page.getByText("Signed in as Demo official (official)")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/en\/login/);
  await page.goto(`/en/staff/${WAVE}/ridder`);
  await expect(page).toHaveURL(/\/en\/login/);
});

test("the response export answers 401 without a session", async ({ request }) => {
  const response = await request.get(`/api/waves/${WAVE}/responses`);
  expect(response.status()).toBe(401);
});
