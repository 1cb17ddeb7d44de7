import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { greedySelection } from "../../lib/participation/greedy";
import { parsePabulib } from "../../lib/participation/pabulib";
import { electionFromPabulib } from "../../lib/participation/pabulib-election";
import { signIn } from "./survey-helpers";
import { expect, test } from "./test";

/**
 * The staff dashboard of a demo town with a priorities step (scripts/seed/priorities.ts):
 * Serebryansk in the closed demo-2025 wave, whose residents' worst utilities put clean water
 * and the heating mains first. On a 360 px phone (the project's viewport).
 */
const PAGE = "/en/staff/demo-2025/serebryansk";

test("a demo town's dashboard shows its priorities, the greedy and equal-shares selections, and says it is not a binding vote", async ({ page }) => {
  await signIn(page, "official", PAGE);
  const section = page.getByTestId("priority-results");
  await expect(section.getByRole("heading", { name: "Residents' priorities for the town's money" })).toBeVisible();
  await expect(section.getByTestId("not-binding")).toContainText("not a binding vote");
  await expect(section.getByText("Each resident could choose up to 3 priorities.")).toBeVisible();
  await expect(section.getByTestId("priority-ballots")).toHaveText(/^\d+ residents answered this step/);
  await expect(section.getByText(/generated demo data/)).toBeVisible();

  // The most chosen priority comes first, with its share, interval and n.
  const cards = section.locator("li.priority-card");
  await expect(cards).toHaveCount(6);
  await expect(cards.first().getByRole("heading")).toHaveText(/Clean drinking water|Replace the worn-out heating mains/);
  await expect(cards.first().locator(".priority-figures")).toHaveText(/^\d+\.\d% \(95 % confidence interval \d+\.\d%–\d+\.\d%\) · n = \d+$/);
  await expect(cards.first().getByRole("img")).toHaveAccessibleName(/chose it \(95 % confidence interval/);

  // Both selections, each with what it spends of the budget; they differ here: greedy funds
  // the most chosen, equal shares gives the smaller groups their share of the budget too.
  const greedy = section.getByTestId("greedy-selection");
  const shares = section.getByTestId("equal-shares-selection");
  await expect(section.getByText("Greedy rule (as Consul Democracy counts)")).toBeVisible();
  await expect(section.getByText("Method of Equal Shares", { exact: true })).toBeVisible();
  await expect(greedy).toContainText(/KZT\s?[\d,]+ of KZT\s?1,200,000,000/);
  await expect(shares).toContainText(/KZT\s?[\d,]+ of KZT\s?1,200,000,000/);
  const funded = async (testId: string) => (await section.locator(`[data-testid^="${testId}-"]`).allTextContents()).filter((text) => text.startsWith("Funded")).length;
  expect(await funded("greedy")).toBeGreaterThan(0);
  expect(await funded("equal-shares")).toBeGreaterThan(0);
  expect((await greedy.textContent())!.split("KZT")[0]).not.toBe((await shares.textContent())!.split("KZT")[0]);

  // Beside each priority, the area it answers today.
  await expect(cards.filter({ hasText: "Clean drinking water" }).getByText(/^Heating, water and electricity today: \d+\.\d% favourable$/)).toBeVisible();

  // Phone first: nothing of the section is wider than the screen.
  const width = page.viewportSize()!.width;
  for (const box of await section.locator("li.priority-card, dd, svg").evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().right))) {
    expect(box).toBeLessThanOrEqual(width);
  }
  const serious = (await new AxeBuilder({ page }).include('[data-testid="priority-results"]').analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => v.id)).toEqual([]);
});

test("the weighting switch weights the priority shares too, and the selections stay those of the ballots", async ({ page }) => {
  await signIn(page, "official", PAGE);
  const section = page.getByTestId("priority-results");
  await expect(section.getByText(/unweighted, with its 95 % confidence interval/)).toBeVisible();
  const greedy = await section.getByTestId("greedy-selection").textContent();
  await page.goto(`${PAGE}?weighting=weighted`);
  await expect(section.getByText(/weighted by age band and sex to the town's population/)).toBeVisible();
  await expect(section.getByTestId("greedy-selection")).toHaveText(greedy!);
});

test("a researcher downloads a demo town's priorities as a Pabulib file from the exports page, and it recounts to the dashboard's selections", async ({ page }) => {
  await signIn(page, "researcher", "/en/staff/exports");
  const links = page.getByTestId("pabulib-demo-2025");
  await expect(links.getByRole("link")).toHaveCount(4);
  const downloadPromise = page.waitForEvent("download");
  await links.getByRole("link", { name: "Serebryansk: priorities (.pb)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("demo-2025-serebryansk-priorities.pb");
  const text = fs.readFileSync((await download.path())!, "utf8");
  const { election, ballots } = electionFromPabulib(parsePabulib(text));
  const names = new Map(parsePabulib(text).projects.map((project) => [project.id, project.name!]));
  const greedy = greedySelection(election, ballots).selected.map((id) => names.get(id)!);

  // The researcher may not see the dashboard's selections; an admin may.
  await page.context().clearCookies();
  await signIn(page, "admin", PAGE);
  const shown = await page.getByTestId("greedy-selection").textContent();
  expect(shown!.split("KZT")[0]).toBe(new Intl.ListFormat("en", { type: "conjunction" }).format(greedy));
});
