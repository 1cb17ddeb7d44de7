import type { Page } from "@playwright/test";
import Papa from "papaparse";
import { expectAccessible, signInAs } from "./survey-helpers";
import { expect, test } from "./test";

/*
 * "You said, we did": an official of a town publishes a commitment answering the area its
 * residents rated lowest, and it appears on the commitment's timeline; an official of
 * another town meets 403 on the same commitment. The demo's town officials (scripts/seed/
 * commitments.ts): official-serebryansk@demo.qala and official-ridder@demo.qala.
 */

// The 403 page is what the last step expects the browser to meet.
test.use({ expectedConsoleErrors: [/status of 403/] });

async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

test("an official publishes a commitment for the town's lowest-rated area, updates it, and another town's official gets 403", async ({ page }) => {
  await signInAs(page, "official-serebryansk@demo.qala", "/en/staff");
  await page.getByRole("link", { name: "You said, we did: the towns' commitments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "You said, we did: commitments" })).toBeVisible();
  // Only the official's own town is listed, with the demo's commitments, one of them declined with its reason.
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Serebryansk"]);
  await expect(page.getByText("Declined because:")).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);

  await page.getByRole("link", { name: "New commitment" }).click();
  await page.getByLabel("Which town and wave does it answer?").selectOption({ label: "Serebryansk: Demo wave 2025" });
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Serebryansk: Demo wave 2025" })).toBeVisible();

  // Sent empty: every required text is asked for, nothing is published.
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Say what was heard, in at least one language.")).toBeVisible();
  await expect(page.getByText("Choose what the commitment answers.")).toBeVisible();
  await expect(page).toHaveURL(/\/commitments\/new\?/);

  await page.getByLabel("What residents said that it answers").selectOption({ label: "An area of life" });
  // Each area shows its favourable share; Serebryansk's lowest is heating, water and electricity.
  const areas = await page.getByLabel("An area of life").locator("option").evaluateAll((options) =>
    options.flatMap((option) => {
      const share = option.textContent?.match(/favourable share: (\d+)\s?%/);
      return share ? [{ value: (option as HTMLOptionElement).value, share: Number(share[1]) }] : [];
    }),
  );
  expect(areas.length).toBeGreaterThan(3);
  const lowest = areas.reduce((low, area) => (area.share < low.share ? area : low));
  expect(lowest.value).toBe("utilities");
  await page.getByLabel("An area of life").selectOption(lowest.value);
  await page.getByRole("group", { name: "What was heard" }).getByLabel("English").fill("Heating and hot water fail every winter in the old blocks.");
  await page.getByRole("group", { name: "What will be done" }).getByLabel("English").fill("Replace the boilers of the district heating plant.");
  await page.getByRole("group", { name: "What will be done" }).getByLabel("Russian").fill("Заменить котлы районной котельной.");
  await page.getByRole("group", { name: "Responsible body" }).getByLabel("English").fill("Akimat of Serebryansk");
  // The form says which languages are still missing.
  await expect(page.getByRole("group", { name: "What will be done" }).getByText("Missing in: Kazakh.")).toBeVisible();
  await page.getByLabel("Due date").fill("2030-10-01");
  await page.getByLabel("Evidence links").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Every evidence link must be a web address starting with http:// or https://.")).toBeVisible();
  await page.getByLabel("Evidence links").fill("https://example.org/decision-42");
  await page.getByRole("button", { name: "Publish" }).click();

  await page.waitForURL(/\/en\/staff\/commitments\/\d+$/);
  const editUrl = new URL(page.url()).pathname;
  const commitment = page.locator("li.commitment").first();
  await expect(commitment.getByRole("heading", { name: /Replace the boilers of the district heating plant\./ })).toBeVisible();
  await expect(commitment.getByText("Planned", { exact: true })).toBeVisible();
  await expect(commitment.getByText("Heating, water and electricity")).toBeVisible();
  await commitment.getByText("History: 1 update").click();
  await expect(commitment.getByText(/: Published/)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);

  // An update: in progress, with a note; the timeline grows by one.
  await page.getByLabel("Status").selectOption({ label: "In progress" });
  await page.getByLabel("Progress, %").fill("30");
  await page.getByRole("group", { name: "Note for the timeline (optional)" }).getByLabel("English").fill("Boilers ordered.");
  await page.getByRole("button", { name: "Save the update" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved. The change is on the timeline." })).toBeVisible();
  await expect(commitment.getByText("History: 2 updates")).toBeVisible();
  // Stored, not only shown: the page read afresh has both updates, folded away at first.
  await page.reload();
  await commitment.getByText("History: 2 updates").click();
  await expect(commitment.getByText(/In progress · 30\s?% · Boilers ordered\./)).toBeVisible();
  await expect(commitment.getByText("In progress", { exact: true })).toBeVisible();

  // The public feed carries it at once.
  const feed = await (await page.request.get("/api/v1/towns/serebryansk/commitments")).json();
  const published = feed.commitments.find((item: { action: { en: string } }) => item.action.en === "Replace the boilers of the district heating plant.");
  expect(published).toMatchObject({ status: "in_progress", progress: 30, heard: { kind: "area", area: "utilities" } });
  expect(published.updates).toHaveLength(2);

  // The loop closed in public: the town's page on the phone shows the areas, the residents'
  // priorities and the new commitment, with nothing wider than the screen.
  await page.context().clearCookies();
  await page.goto("/en/towns/serebryansk");
  await expect(page.locator("[data-figure]").first()).toBeVisible();
  const priorities = page.getByRole("region", { name: "Residents' priorities for the town's money" });
  await expect(priorities.getByText("This is a survey of residents' priorities, not a binding vote.", { exact: false })).toBeVisible();
  await expect(priorities.locator(".priority-card").first()).toBeVisible();
  const answer = page.getByRole("region", { name: "The town's answer" });
  const shown = answer.locator("li.commitment").filter({ hasText: "Replace the boilers of the district heating plant." });
  await expect(shown).toBeVisible();
  await expect(shown.getByText("In progress", { exact: true })).toBeVisible();
  await expectNoHorizontalScroll(page);
  const outside = await page.evaluate(() =>
    [...document.querySelectorAll("[data-figure], .priority-card, li.commitment")]
      .map((element) => element.getBoundingClientRect())
      .filter((box) => box.width > 0 && (box.left < 0 || box.right > window.innerWidth + 0.5)).length,
  );
  expect(outside, "cards outside the 360 px screen").toBe(0);
  await expectAccessible(page);

  // Another town's official: 403 on the same commitment's edit page.
  await signInAs(page, "official-ridder@demo.qala", "/en/staff/commitments");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Ridder"]);
  // The demo's air monitoring stations were due months ago and are still in progress: said plainly.
  await expect(page.locator("li.commitment").filter({ hasText: "air monitoring stations" }).getByText(/^Overdue: it was due on /)).toBeVisible();
  // The same list in Kazakh and Russian, whose words run longer, still fits the phone.
  for (const locale of ["kk", "ru"]) {
    await page.goto(`/${locale}/staff/commitments`);
    await expect(page.locator("li.commitment").first()).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
  }
  const response = await page.goto(editUrl);
  expect(response?.status()).toBe(403);
  await expect(page.getByText("Replace the boilers of the district heating plant.")).toHaveCount(0);
});

test("an official downloads a town's commitments as CSV, changes one row, previews the change old → new and imports it", async ({ page }) => {
  await signInAs(page, "official-ridder@demo.qala", "/en/staff/commitments");
  const download = await page.request.get("/en/staff/commitments/export?town=ridder");
  expect(download.status()).toBe(200);
  const parsed = Papa.parse<Record<string, string>>((await download.text()).replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
  const inProgress = parsed.data.find((row) => row.status === "in_progress")!;
  const progress = Number(inProgress.progress);
  inProgress.progress = String(progress + 10);
  inProgress.note_en = "Third station installed.";

  await page.getByRole("link", { name: "Import from CSV" }).click();
  await page.getByLabel("Or paste its contents").fill(Papa.unparse(parsed.data, { columns: parsed.meta.fields }));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-summary")).toHaveText(`To add: 0, to change: 1, unchanged: ${parsed.data.length - 1}.`);
  const changed = page.getByTestId("preview-changes").locator('tr[data-status="changed"]');
  await expect(changed).toHaveCount(1);
  await expect(changed).toContainText(`Progress: ${progress} → ${progress + 10}`);
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Import 1 commitment" }).click();
  await expect(page.getByTestId("import-done")).toHaveText(`Imported: 0 added, 1 changed, ${parsed.data.length - 1} unchanged.`);

  // The commitment's timeline has the update, with its note.
  await page.goto(`/en/staff/commitments/${inProgress.id}`);
  const commitment = page.locator("li.commitment").first();
  await expect(commitment.getByText(`Progress: ${progress + 10}%`)).toBeVisible();
  await commitment.locator("summary").click();
  await expect(commitment.getByText(/Third station installed\./)).toBeVisible();
});
