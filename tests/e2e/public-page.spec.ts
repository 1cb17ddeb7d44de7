import type { Page } from "@playwright/test";
import en from "@/messages/en.json";
import kk from "@/messages/kk.json";
import ru from "@/messages/ru.json";
import { expectAccessible } from "./survey-helpers";
import { expect, test } from "./test";

// The public results page and the town's stable page, on the config's 360 × 640 phone.
const messages = { kk, ru, en } as const;
const kurchatov = { kk: "Курчатов", ru: "Курчатов", en: "Kurchatov" } as const;

/** Nothing wider than the screen, and every figure (area card, bar, question card) inside it, not cut off. */
async function expectFitsThePhone(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(innerWidth);
  const outside = await page.evaluate(() =>
    [...document.querySelectorAll("[data-figure], [data-figure] svg, [data-figure] .area-share, tr[data-item], tr[data-item] td, .priority-card, .priority-card svg, li.commitment")]
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.left < 0 || box.right > window.innerWidth + 0.5))
      .map(({ element, box }) => `${element.tagName.toLowerCase()}.${element.getAttribute("class") ?? ""} ${Math.round(box.left)}–${Math.round(box.right)}`),
  );
  expect(outside, "figures outside the 360 px screen").toEqual([]);
  // And none is clipped by an overflow rule: each figure's content fits its own box.
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll("[data-figure], [data-figure] *, tr[data-item] td")]
      .filter((element) => element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== "visible")
      .map((element) => element.tagName.toLowerCase()),
  );
  expect(clipped, "figures cut off by an overflow rule").toEqual([]);
}

for (const locale of ["kk", "ru", "en"] as const) {
  test(`a closed wave's public page in ${locale} reads on a phone: headlines, each area as a bar, the full table as cards, no sideways scrolling, axe clean`, async ({ page }) => {
    await page.goto(`/${locale}/results/demo-2025/kurchatov`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(kurchatov[locale]);
    await expect(page.getByText(messages[locale].common.demoBadge, { exact: true }).first()).toBeVisible();

    // Headlines: how many answered, best and worst area, the change since 2024.
    const headlines = page.getByTestId("results-summary").getByRole("listitem");
    expect(await headlines.count()).toBeGreaterThanOrEqual(3);
    for (const headline of await headlines.all()) await expect(headline).toBeVisible();

    // Each area of life: a card with its share, a bar, and its change since the last wave.
    const areas = page.locator("[data-figure]");
    expect(await areas.count()).toBeGreaterThanOrEqual(5);
    for (const area of await areas.all()) {
      await expect(area).toBeVisible();
      await expect(area.locator(".area-share")).toHaveText(/\d/);
      await expect(area.locator("svg.bar")).toBeVisible();
    }
    // Sorted best first.
    const shares = await areas.locator(".area-share").allInnerTexts();
    const numbers = shares.map((text) => Number.parseInt(text.replace(/\D+/g, ""), 10));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));

    // The residents' priorities (not a binding vote) and the town's answer, its commitments.
    await expect(page.getByTestId("priority-results").locator(".priority-card").first()).toBeVisible();
    await expect(page.getByTestId("priority-results").getByText(messages[locale].priorityResults.notBinding)).toBeVisible();
    await expect(page.getByRole("region", { name: messages[locale].publicPage.answerTitle }).locator("li.commitment").first()).toBeVisible();

    // The full table for those who want it, one card per question on the phone.
    await expect(page.getByRole("table")).toBeVisible();
    await expect(page.locator("tr[data-item]").first()).toBeVisible();
    await expectFitsThePhone(page);
    await expectAccessible(page);
  });
}

test("the headline on change names the area whose card moved most beyond noise, in its direction", async ({ page }) => {
  await page.goto("/en/results/demo-2025/kurchatov");
  // Kurchatov improves between the demo waves beyond sampling noise (tests/integration/demo.test.ts).
  const headline = page.getByTestId("results-summary").getByRole("listitem").filter({ hasText: "The biggest change since" });
  await expect(headline).toHaveCount(1);
  const cards = await page.locator("[data-figure]").evaluateAll((nodes) =>
    nodes.map((node) => ({
      name: node.querySelector("h3")!.textContent!,
      change: node.querySelector(".area-change")!.textContent!,
      beyond: node.querySelector(".area-change")!.classList.contains("beyond"),
    })),
  );
  const moved = cards
    .filter((card) => card.beyond)
    .map((card) => ({ ...card, points: Number(card.change.match(/(\d+) points?/)?.[1] ?? 0) * (card.change.startsWith("Down") ? -1 : 1) }))
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  expect(moved.length).toBeGreaterThan(0);
  const text = await headline.innerText();
  expect(text).toContain(`“${moved[0]!.name}” ${moved[0]!.points > 0 ? "rose" : "fell"} by ${Math.abs(moved[0]!.points)} percentage point`);
});

test("a town's stable page shows its latest published wave, the earlier one a tap away, and previews with the town's name", async ({ page }) => {
  await page.goto("/en");
  await page.getByTestId("town-pages").getByRole("link", { name: "Ridder" }).click();
  await expect(page).toHaveURL(/\/en\/towns\/ridder$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Ridder");
  // The latest closed wave is 2025; 2026 is still open, and the page says when its results come.
  await expect(page.getByTestId("latest-wave")).toContainText("Demo wave 2025");
  await expect(page.getByTestId("running-waves")).toContainText("Demo wave 2026");
  await expect(page.locator("[data-figure]").first()).toBeVisible();
  // The town's answer to 2024 (more buses), and what the closed 2025 wave says of it: did it work.
  const buses = page.locator("li.commitment").filter({ hasText: "Put 6 new buses on the routes" });
  await expect(buses.getByTestId("did-it-work")).toContainText("Demo wave 2025");
  await expect(buses.getByTestId("did-it-work")).toContainText("The change is beyond sampling noise.");
  await expectFitsThePhone(page);
  await expectAccessible(page);

  // A shared link previews with the town's name, and its picture is there.
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /Ridder/);
  await expect(page.locator('meta[name="twitter:title"]')).toHaveAttribute("content", /Ridder/);
  await expect(page).toHaveTitle(/Ridder/);
  const image = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(image).toBeTruthy();
  const picture = await page.request.get(new URL(image!).pathname + new URL(image!).search);
  expect(picture.status()).toBe(200);
  expect(picture.headers()["content-type"]).toBe("image/png");
  expect((await picture.body()).length).toBeGreaterThan(1000);

  await page.getByTestId("earlier-waves").getByRole("link", { name: "Demo wave 2024" }).click();
  await expect(page).toHaveURL(/\/en\/results\/demo-2024\/ridder$/);
  await expect(page.locator("[data-figure]").first()).toBeVisible();

  // In Russian the preview carries the Russian name.
  await page.goto("/ru/towns/ridder");
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /Риддер/);
});

test("a town no survey has closed in gets a page saying so, not a 404", async ({ page }) => {
  // Arkalyk: in the register, in no demo wave, and in no wave another spec makes (dashboard.spec.ts uses Saran).
  const response = await page.goto("/en/towns/arkalyk");
  expect(response?.status()).toBe(200);
  // One status says so; the share button's own status (for "link copied") is empty.
  await expect(page.getByRole("status").filter({ hasText: "No survey in Arkalyk has closed yet" })).toBeVisible();
  await expect(page.locator("[data-figure]")).toHaveCount(0);
  await expectAccessible(page);
  expect((await page.request.get("/en/towns/nowhere")).status()).toBe(404);
});

test("the thanks page leads to the town's page and says when its results and its answer appear", async ({ page }) => {
  // Opened by hand, the page knows no town and leads to the list of towns.
  await page.goto("/ru/survey/demo-2026/thanks");
  await expect(page.getByRole("link", { name: "Посмотреть результаты по городам" })).toBeVisible();
  // After a survey the form has left the town in the tab's storage, not in the address.
  await page.evaluate(() => sessionStorage.setItem("qala:answered-town:demo-2026", "ridder"));
  await page.reload();
  const when = page.getByTestId("results-when");
  // The open demo wave shows its results to staff while it runs (real waves hide them): the
  // page says so, and that the public sees them when it closes, with the day.
  await expect(when).toContainText("могут следить за ответами, пока идёт опрос");
  await expect(when).toContainText(/\d{4}/);
  await expect(when).toContainText("Ответ города");
  await page.getByRole("link", { name: /Риддер/ }).click();
  await expect(page).toHaveURL(/\/ru\/towns\/ridder$/);
  // Other specs may have opened more waves in Ridder: the demo wave's notice is there.
  await expect(page.getByRole("status").filter({ hasText: "Демо-волна 2026" })).toContainText("Результаты будут опубликованы здесь после завершения опроса");
  await expectAccessible(page);
});
