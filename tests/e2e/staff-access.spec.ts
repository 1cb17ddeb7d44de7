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

test("an official sees the dashboard but cannot download microdata", async ({ page }) => {
  await signIn(page, "official", `/en/staff/${WAVE}/ridder`);
  await expect(page.getByTestId("targets-table")).toBeVisible();
  await expect(page.getByRole("link", { name: "Download responses (CSV)" })).toHaveCount(0);
  const response = await page.request.get(`/api/waves/${WAVE}/responses`);
  expect(response.status()).toBe(403);
});

test("sign-in goes only through the login page: better-auth's own endpoint is closed", async ({ request }) => {
  const response = await request.post("/api/auth/sign-in/email", {
    data: { email: "admin@demo.qala", password: process.env.QALA_DEMO_PASSWORD },
  });
  expect(response.status()).toBe(404);
});

test.describe("a researcher", () => {
  // The 403 page is what this test expects the browser to meet.
  test.use({ expectedConsoleErrors: [/status of 403/] });

  test("a researcher finds the exports from the staff index but gets 403 on an official's dashboard", async ({ page }) => {
    await signIn(page, "researcher", "/en/staff");
    await expect(page.locator(`[data-wave="${WAVE}"]`).getByRole("link", { name: /Research exports/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "Ridder" })).toHaveCount(0);
    const response = await page.goto(`/en/staff/${WAVE}/ridder`);
    expect(response?.status()).toBe(403);
  });
});
