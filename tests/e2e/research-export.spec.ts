import fs from "node:fs";
import type { Page } from "@playwright/test";
import Ajv from "ajv";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { parquetReadObjects } from "hyparquet";
import Papa from "papaparse";
import { signIn } from "./survey-helpers";
import { expect, test } from "./test";

/**
 * A researcher downloads the closed demo wave as CSV, as Parquet and with its codebook, from
 * the exports page; the files are read back with real readers (papaparse, hyparquet, the
 * Frictionless profiles through ajv) and checked against each other and against what the
 * dashboard, reading the database's rollups, shows for the same wave.
 */
const WAVE = "demo-2025";
const fixture = (name: string) => JSON.parse(fs.readFileSync(`tests/fixtures/frictionless/${name}`, "utf8")) as object;

async function download(page: Page, click: () => Promise<void>) {
  const downloadPromise = page.waitForEvent("download");
  await click();
  const file = await downloadPromise;
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

test("a researcher downloads CSV, Parquet and the codebook, and they agree with each other and with the dashboard", async ({ page }) => {
  await signIn(page, "researcher", "/en/staff/exports");
  const form = page.locator(`[data-wave="${WAVE}"]`);
  const format = form.getByLabel("Format");

  await format.selectOption({ label: "CSV" });
  const csvFile = await download(page, () => form.getByRole("button", { name: "Download", exact: true }).click());
  expect(csvFile.name).toMatch(new RegExp(`^qala-pulse_${WAVE}_microdata_\\d{4}-\\d{2}-\\d{2}_k10\\.csv$`));
  const csv = Papa.parse<Record<string, string>>(csvFile.bytes.toString("utf8"), { header: true, skipEmptyLines: true });
  expect(csv.errors).toEqual([]);

  await format.selectOption({ label: "Parquet" });
  const parquetFile = await download(page, () => form.getByRole("button", { name: "Download", exact: true }).click());
  expect(parquetFile.name).toMatch(/\.parquet$/);
  const bytes = parquetFile.bytes;
  const parquet = (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) })) as Array<Record<string, unknown>>;

  // The same rows in both files, in the same order.
  expect(parquet).toHaveLength(csv.data.length);
  const asText = (value: unknown) => (value === null || value === undefined ? "" : String(value));
  // Compared cell by cell, then asserted once: an expect per cell costs seconds of test time.
  const differences = parquet.flatMap((row, index) =>
    Object.entries(row)
      .filter(([column, value]) => asText(value) !== csv.data[index]![column])
      .map(([column, value]) => `${column} of row ${index + 1}: Parquet ${asText(value)}, CSV ${csv.data[index]![column]}`),
  );
  expect(differences).toEqual([]);

  const packageFile = await download(page, () => form.getByRole("button", { name: "datapackage.json" }).click());
  const descriptor = JSON.parse(packageFile.bytes.toString("utf8")) as { resources: Array<{ path: string; schema: { fields: Array<{ name: string; categories?: unknown[] }> } }> };
  // The profiles mark long text fields `"format": "textarea"`, an editor's hint with nothing
  // to check: declared as such, so ajv does not warn that it ignores an unknown format.
  const validateV1 = addFormats(new AjvDraft04({ strict: false, allErrors: true })).addFormat("textarea", true).compile(fixture("tabular-data-package-1.0.json"));
  const validateV2Fields = addFormats(new Ajv({ strict: false, allErrors: true })).addFormat("textarea", true).compile(fixture("tableschema-2.0-fields.json"));
  expect(validateV1(descriptor), JSON.stringify(validateV1.errors)).toBe(true);
  expect(validateV2Fields(descriptor.resources[0]!.schema), JSON.stringify(validateV2Fields.errors)).toBe(true);
  // The codebook describes exactly the CSV's columns, with value labels on the coded ones.
  expect(descriptor.resources[0]!.schema.fields.map((field) => field.name)).toEqual(csv.meta.fields);
  expect(descriptor.resources[0]!.schema.fields.find((field) => field.name === "agree_find_job")!.categories!.length).toBeGreaterThan(3);

  const codebook = await download(page, () => form.getByRole("button", { name: "Readable codebook" }).click());
  const text = codebook.bytes.toString("utf8");
  for (const question of ["It is easy to find a good job in my town.", "В моём городе легко найти хорошую работу.", "Менің қаламда жақсы жұмыс табу оңай."]) {
    expect(text).toContain(question);
  }

  // Against the database: an official's dashboard counts, from the rollups, the same
  // answers to a question that disclosure control never blanks.
  await page.context().clearCookies();
  await signIn(page, "official", `/en/staff/${WAVE}/ridder`);
  const n = Number(await page.getByTestId("items-table").locator('[data-item="agree_find_job"] td').nth(2).innerText());
  const dontKnow = "-1";
  const inExport = csv.data.filter((row) => row.town === "ridder" && row.agree_find_job !== "" && row.agree_find_job !== dontKnow).length;
  expect(inExport).toBe(n);
});

test.describe("when the server is busy with other exports", () => {
  // The refused download is what this test expects the browser to meet.
  test.use({ expectedConsoleErrors: [/status of 429/] });

  test("a researcher is told, in their language, to try again shortly", async ({ page }) => {
    await signIn(page, "researcher", "/ru/staff/exports");
    // Two stalled downloads cannot be held open reliably from a browser (the file fits in the
    // socket's buffers), so the server's answer to a third is given here as the API gives it
    // (tests/integration/export-spool.test.ts makes a real one).
    await page.route(`**/api/v1/waves/${WAVE}/export?**`, (route) =>
      route.fulfill({
        status: 429,
        headers: { "retry-after": "30" },
        contentType: "application/json",
        body: JSON.stringify({ error: "too many exports", message: "2 exports are being made on this server; try again in 30 seconds.", messageKey: "errors.exportBusy" }),
      }),
    );
    const form = page.locator(`[data-wave="${WAVE}"]`);
    await form.getByRole("button", { name: "Скачать", exact: true }).click();
    await expect(form.getByRole("alert")).toHaveText("Сейчас уже готовятся другие выгрузки. Попробуйте ещё раз через минуту.");
  });
});
