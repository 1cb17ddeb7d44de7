import path from "node:path";
import { signIn, WAVE } from "./survey-helpers";
import { expect, test } from "./test";

/**
 * Official figures as officials keep them: an admin imports an Excel workbook (saved by
 * LibreOffice in a Kazakh locale, tests/fixtures/workbooks) of unemployment in three towns
 * named as officials write them, after a preview, and the dashboard shows the new figure
 * with its source. A bureau file's confidential "x" previews as withheld; a macro-enabled
 * workbook is refused with its message. Only the workbook's import writes: it sets 2025
 * unemployment for Altai, Ridder and Kurchatov, Ridder's still within its target.
 */
const workbook = (name: string) => path.resolve("tests/fixtures/workbooks", name);
const SOURCE = "Сынақ мысалы: импортты тексеруге арналған кітап, ресми дерек емес";

async function openImport(page: import("@playwright/test").Page) {
  await signIn(page, "admin", "/en/staff/admin/indicators");
  await page.getByLabel("What the file holds").selectOption({ label: "Official figures: values and targets" });
}

test("an admin imports an Excel workbook of unemployment for three towns, after a preview, and the dashboard shows it with its source", async ({ page }) => {
  await openImport(page);
  await page.getByLabel("CSV file").setInputFiles(workbook("unemployment-kk.xlsx"));
  await expect(page.getByTestId("import-chosen-file")).toContainText("unemployment-kk.xlsx");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-sheet")).toHaveText("Rows of the sheet “Жұмыссыздық”, numbered as in Excel.");
  // The workbook's rows 4–6, as Excel numbers them, under a title block.
  const changes = page.getByTestId("preview-changes");
  await expect(changes.getByRole("rowheader", { name: "4", exact: true })).toBeVisible();
  await expect(changes.locator("tr").filter({ hasText: "Kurchatov" })).toContainText("4.2");
  // The names as the official wrote them, and the towns they were read as.
  await expect(changes.locator("tr").filter({ hasText: "г. Риддер" })).toContainText("Ridder");
  await expect(changes.locator("tr").filter({ hasText: "Алтай" })).toContainText("Altai");
  await page.getByRole("button", { name: /^Import 3 rows?$/ }).click();
  await expect(page.getByTestId("import-done")).toContainText(/Imported: \d added, \d changed, 0 unchanged\./);

  await page.goto(`/en/staff/${WAVE}/kurchatov`);
  const unemployment = page.getByTestId("targets-table").locator('tr[data-indicator="unemployment_rate"]').first();
  await expect(unemployment).toContainText("2025");
  await expect(unemployment).toContainText("4.2");
  await expect(unemployment).toContainText(SOURCE);

  await page.goto(`/en/staff/${WAVE}/ridder`);
  const ridder = page.getByTestId("targets-table").locator('tr[data-indicator="unemployment_rate"]').first();
  await expect(ridder).toContainText("4.7");
  await expect(ridder).toContainText(SOURCE);
});

test("a statistics bureau file previews its confidential figure as withheld, and writes nothing until imported", async ({ page }) => {
  await openImport(page);
  await page.getByLabel("CSV file").setInputFiles(path.resolve("tests/fixtures/bureau/unemployment-taldau.json"));
  await page.getByLabel("Indicator the file's figures are").selectOption({ label: "Unemployment rate" });
  await page.getByLabel("Address the file was downloaded from").fill("https://taldau.stat.gov.kz/ru/NewIndex/GetIndex/703035");
  await expect(page.getByLabel("Retrieved on")).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await page.getByRole("button", { name: "Preview" }).click();
  const kurchatov2024 = page.locator("table tr").filter({ hasText: "Kurchatov" }).filter({ hasText: "2024" });
  await expect(kurchatov2024.first()).toContainText("withheld");
  await expect(page.getByText("1 territory of the file is not a town of the register and left out: РЕСПУБЛИКА КАЗАХСТАН.")).toBeVisible();
  // Another indicator chosen after the preview: the preview and its import button go, so the
  // file cannot be written as an indicator it was not previewed as.
  await expect(page.getByRole("button", { name: /^Import \d+ rows?$/ })).toBeVisible();
  await page.getByLabel("Indicator the file's figures are").selectOption({ label: "Net migration" });
  await expect(page.getByRole("button", { name: /^Import \d+ rows?$/ })).toHaveCount(0);
  await expect(kurchatov2024).toHaveCount(0);
});

test("a macro-enabled workbook is refused with its message", async ({ page }) => {
  await openImport(page);
  await page.getByLabel("CSV file").setInputFiles(workbook("macros.xlsm"));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-problems")).toContainText("The workbook contains macros (.xlsm). Save a copy as an Excel workbook without macros (.xlsx) and import that.");
});
