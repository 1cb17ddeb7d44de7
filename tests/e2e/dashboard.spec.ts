import { signIn, WAVE } from "./survey-helpers";
import { expect, test } from "./test";

test("the town dashboard shows each question's change since the previous wave, and whether it is beyond noise", async ({ page }) => {
  await signIn(page, "official", `/en/staff/${WAVE}/ridder`);
  const table = page.getByTestId("items-table");
  await expect(table.getByRole("columnheader", { name: "Change since Demo wave 2025" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Jobs and income" })).toBeVisible();
  const cells = await table.locator('[data-testid^="change-"]').allInnerTexts();
  expect(cells.length).toBeGreaterThan(20);
  for (const cell of cells) expect(cell).toMatch(/^([+−±]\d+(\.\d)? pp · (beyond|within) noise|—)$/);
  expect(cells.filter((cell) => cell !== "—").length).toBeGreaterThan(20);
});
