import { signIn } from "./survey-helpers";
import { expect, test } from "./test";

/**
 * Town names as officials write them, through the admin's import page: the preview says
 * how each name was read, a misspelt name gets the closest town suggested, and a town that
 * left the list of monotowns is marked so where admins choose towns. Previews only: the
 * demo data other specs read is not changed.
 */
test("the import preview says how each town name was read, and suggests a town for a misspelt one", async ({ page }) => {
  await signIn(page, "admin", "/en/staff/admin/indicators");
  await page.getByLabel("What the file holds").selectOption({ label: "Official figures: values and targets" });
  const header = "Город;Показатель;Период;Значение;Цель;Источник";
  await page.getByLabel("File contents").fill([header, "г. Риддер;Уровень безработицы;2001;4,7;5,5;Акимат", "ЗЫРЯНОВСК;Уровень безработицы;2001;5,0;5,5;Акимат"].join("\n"));
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("preview-changes");
  await expect(preview.getByRole("cell", { name: "г. Риддер → Ridder" })).toBeVisible();
  await expect(preview.getByRole("cell", { name: "ЗЫРЯНОВСК → Altai (formerly Zyryanovsk)" })).toBeVisible();

  await page.getByLabel("File contents").fill([header, "г. Ридер;Уровень безработицы;2001;4,7;5,5;Акимат"].join("\n"));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-problems")).toContainText("No town is called “г. Ридер”. Did you mean: Риддер?");
});

test("a town that left the list of monotowns is marked former where admins choose towns", async ({ page }) => {
  await signIn(page, "admin", "/en/staff/admin/waves");
  const form = page.getByRole("form", { name: "New wave" });
  await expect(form.getByRole("checkbox", { name: "Saran", exact: true })).toBeVisible();
  // Beside the box, not in its name, so the box is still "Saran" to a screen reader and to tests.
  const besideBox = (town: string) => form.locator("label.option", { hasText: town }).locator("xpath=following-sibling::*[1][self::span]");
  await expect(besideBox("Saran")).toHaveText("(former monotown)");
  await expect(besideBox("Ridder")).toHaveCount(0);
});
