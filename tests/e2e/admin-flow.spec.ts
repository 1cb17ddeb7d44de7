import path from "node:path";
import { kazakhstanDay, signIn, WAVE } from "./survey-helpers";
import { expect, test } from "./test";

/**
 * The officials' dashboard from end to end: an admin imports official figures from a
 * spreadsheet and opens a wave; an official sees the new figures beside residents'
 * answers, cannot reach any admin page, and meets a suppressed breakdown cell; anyone
 * sees a town's public results without signing in.
 */
const FIXTURE = path.resolve("tests/fixtures/indicators-ru.csv");
const NEW_WAVE = "spring-e2e";

test.describe.configure({ mode: "serial" });

test("an admin imports official figures from a Russian Excel CSV, after a preview", async ({ page }) => {
  await signIn(page, "admin", "/en/staff");
  await page.getByRole("link", { name: /Administration/ }).click();
  await page.getByRole("link", { name: "Official figures, indicator definitions and population structures" }).click();
  await page.getByLabel("What the file holds").selectOption({ label: "Official figures: values and targets" });
  await page.getByLabel("CSV file").setInputFiles(FIXTURE);
  await expect(page.getByLabel("File contents")).toHaveValue(/Риддер;Объём промышленного производства;2025;58 912,4/);
  await page.getByRole("button", { name: "Preview" }).click();
  // The demo holds a made-up 2025 salary for Ridder: the file's figure changes it, the rest is new.
  await expect(page.getByText("9 to add, 1 to change, 0 unchanged.")).toBeVisible();
  await page.getByRole("button", { name: "Import 10 rows" }).click();
  await expect(page.getByTestId("import-done")).toContainText("Imported: 9 added, 1 changed, 0 unchanged.");

  // The import is in the log of changes, with who made it.
  await page.goto("/en/staff/admin");
  await expect(page.getByTestId("audit-log").getByRole("row").nth(1)).toContainText("admin@demo.qala");
  await expect(page.getByTestId("audit-log").getByRole("row").nth(1)).toContainText("Official figures imported");
});

test("an admin creates a wave, which starts as a draft, and opens it; its results stay hidden", async ({ page }) => {
  await signIn(page, "admin", "/en/staff/admin");
  await page.getByRole("link", { name: "Survey waves" }).click();
  const form = page.getByRole("form", { name: "New wave" });
  await form.getByLabel("Address (slug)").fill(NEW_WAVE);
  await form.getByLabel("Name in Kazakh").fill("Көктем e2e");
  await form.getByLabel("Name in Russian").fill("Весна e2e");
  await form.getByLabel("Name in English").fill("Spring e2e");
  await form.getByLabel("Opens on").fill(kazakhstanDay());
  await form.getByLabel("Closes on").fill(kazakhstanDay(30));
  await form.getByRole("checkbox", { name: "Ridder", exact: true }).check();
  await expect(form.getByLabel("Hide results until the wave closes")).toBeChecked();
  await form.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText(`Draft wave ${NEW_WAVE} created.`)).toBeVisible();

  const row = page.locator(`tr[data-wave="${NEW_WAVE}"]`);
  await expect(row.getByRole("cell", { name: "Draft", exact: true })).toBeVisible();
  await row.getByRole("button", { name: "Open for answers" }).click();
  await expect(page.getByText(`Wave ${NEW_WAVE} is open for answers.`)).toBeVisible();
  await expect(row.getByRole("cell", { name: "Open", exact: true })).toBeVisible();

  // Residents can answer it at once.
  await page.context().clearCookies();
  await page.goto(`/en/survey/${NEW_WAVE}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Spring e2e");
});

test.describe("an official", () => {
  // The 403 pages are what these tests expect the browser to meet.
  test.use({ expectedConsoleErrors: [/status of 403/] });

  test("sees the imported figures beside residents' answers, and the new wave's results hidden", async ({ page }) => {
    await signIn(page, "official", `/en/staff/${WAVE}/ridder`);
    const output = page.getByTestId("targets-table").locator('tr[data-indicator="industrial_output"]').first();
    await expect(output).toContainText("2025");
    await expect(output).toContainText("58,912.4");
    await expect(output).toContainText("55,081.2");
    await expect(output.locator("td.status-met")).toHaveText("met");
    // Beside it, the linked residents' question with its share and n.
    await expect(output).toContainText("I am confident about the economic future of my town.");
    await expect(output.locator("td.num").nth(2)).toHaveText(/^\d+(\.\d)?%$/);

    await page.goto(`/en/staff/${NEW_WAVE}/ridder`);
    await expect(page.getByRole("status")).toContainText("The results of this wave are hidden until it closes on");
  });

  test("cannot reach any admin page", async ({ page }) => {
    await signIn(page, "official", "/en/staff");
    await expect(page.getByRole("link", { name: /Administration/ })).toHaveCount(0);
    for (const path of ["/en/staff/admin", "/en/staff/admin/users", "/en/staff/admin/waves", "/en/staff/admin/indicators"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
  });

  test("meets a breakdown cell hidden because it rests on fewer than k answers", async ({ page }) => {
    await signIn(page, "official", `/en/staff/${WAVE}/ridder`);
    const byActivity = page.getByTestId("breakdown-employment");
    await expect(byActivity.locator('tr[data-suppression="primary"]').first()).toContainText("Hidden: fewer than 10 answers");
  });
});

test("anyone finds a town's public results from the home page without signing in, with a plain-language summary", async ({ page }) => {
  await page.goto("/en");
  // Closed waves are listed with their towns; the open demo wave is not, its results come after it closes.
  const published = page.getByTestId("published-results");
  await expect(published.getByRole("link")).not.toHaveCount(0);
  await expect(published).not.toContainText("2026");
  // Two closed demo waves list Ridder: the latest, 2025, is the one to open.
  await published.getByRole("listitem").filter({ hasText: "Demo wave 2025" }).getByRole("link", { name: "Ridder" }).click();
  await expect(page).toHaveURL(/\/en\/results\/demo-2025\/ridder$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Ridder");
  await expect(page.getByTestId("results-summary")).toContainText(/answered/);
  await expect(page.getByText("Demo data").first()).toBeVisible();
  await expect(page.getByRole("table").first()).toBeVisible();
  // A share says which answer it counts: for "Do you plan to leave?" that is "No".
  await expect(page.locator('[data-item="plan_leave_2y"] th')).toContainText("Counted as favourable: No");
});
