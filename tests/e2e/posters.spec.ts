import type { Browser } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { signInAs } from "./survey-helpers";
import { expect, test } from "./test";

/*
 * Posters and sharing (docs/fieldwork.md): an admin prints Ridder's poster for the open demo
 * wave; its QR code, decoded from the page's own pixels and from the PNG for print shops,
 * leads a phone to the survey with Ridder chosen. Officials of other towns and researchers
 * get 403; an unknown short link is "page not found". The share button opens the share sheet
 * with the link, or offers WhatsApp where the browser has none.
 */

// The 403 and 404 pages are what some steps expect the browser to meet.
test.use({ expectedConsoleErrors: [/status of 40[34]/] });

const POSTER = "/en/staff/posters/demo-2026/ridder";

function decode(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

/** Opens a link as a phone set to `locale` would, in a browser of its own (no staff session). */
async function openOnPhone(browser: Browser, baseURL: string, link: string, locale: string) {
  const context = await browser.newContext({ baseURL, locale, viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
  const phone = await context.newPage();
  return { context, phone, response: await phone.goto(link) };
}

test("an admin prints Ridder's poster, and its QR code leads a phone to the survey for Ridder", async ({ page, browser, baseURL }) => {
  await signInAs(page, "admin@demo.qala", "/en/staff");
  await page.locator('section[data-wave="demo-2026"] li', { hasText: "Ridder" }).getByRole("link", { name: "Poster" }).click();
  await page.waitForURL(`**${POSTER}`);

  const poster = page.getByTestId("poster");
  await expect(poster.getByTestId("poster-kk").getByRole("heading")).toHaveText("Риддер қаласында өмір қалай?");
  await expect(poster.getByTestId("poster-ru").getByRole("heading")).toHaveText("Как вам живётся в городе Риддер?");
  await expect(poster.getByTestId("poster-kk")).toContainText("Жауап берудің соңғы күні:");
  await expect(poster.getByTestId("poster-ru")).toContainText("Последний день для ответов:");
  // Kazakh comes first on the sheet.
  const order = await poster.locator("section[lang]").evaluateAll((sections) => sections.map((section) => section.getAttribute("lang")));
  expect(order).toEqual(["kk", "ru"]);

  // The QR code as drawn on the page, read from its pixels.
  const fromPage = decode(await page.getByTestId("poster-qr").screenshot());
  expect(fromPage).toMatch(/\/s\/ridder-\d+$/);
  expect(fromPage).toBe(`${baseURL}/s/${fromPage!.split("/s/")[1]}`);
  // The address printed in words is the same link.
  await expect(page.getByTestId("poster-link")).toHaveText(fromPage!.replace(/^https?:\/\//, ""));

  // The PNG for print shops holds the same link.
  const png = await page.request.get(`${POSTER}/qr.png`);
  expect(png.status()).toBe(200);
  expect(decode(await png.body())).toBe(fromPage);

  // On paper only the poster is left: no site header, no staff tools.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("header.bar")).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(poster).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // A phone set to Kazakh scans it: the survey in Kazakh, Ridder already chosen, the town out of the address.
  const { context, phone, response } = await openOnPhone(browser, baseURL!, fromPage!, "kk-KZ");
  expect(response?.status()).toBe(200);
  await phone.waitForURL("**/kk/survey/demo-2026");
  await expect(phone.locator("#townId option:checked")).toHaveText("Риддер");
  expect(new URL(phone.url()).search).toBe("");
  await context.close();
});

test("a short link's redirect follows the reader's language, and an unknown code is page not found", async ({ page, browser, baseURL }) => {
  await signInAs(page, "admin@demo.qala", POSTER);
  const link = (await page.getByTestId("poster-link").textContent())!;
  const code = link.split("/s/")[1]!;

  const first = await page.request.get(`/ru/s/${code}`, { maxRedirects: 0 });
  expect([302, 307]).toContain(first.status());
  expect(first.headers()["location"]).toMatch(/\/ru\/survey\/demo-2026\?town=ridder$/);

  const { context, phone } = await openOnPhone(browser, baseURL!, `/s/${code.toUpperCase()}`, "ru-RU");
  await phone.waitForURL("**/ru/survey/demo-2026");
  await expect(phone.locator("#townId option:checked")).toHaveText("Риддер");
  await context.close();

  const unknown = await page.goto("/s/nowhere-1");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Страница не найдена");
});

test("an official of another town and a researcher get 403 on Ridder's poster and its PNG", async ({ page }) => {
  await signInAs(page, "official-serebryansk@demo.qala", "/en/staff");
  expect((await page.goto(POSTER))?.status()).toBe(403);
  expect((await page.request.get(`${POSTER}/qr.png`)).status()).toBe(403);
  // Their own town's poster prints.
  expect((await page.goto("/en/staff/posters/demo-2026/serebryansk"))?.status()).toBe(200);
  await expect(page.getByTestId("poster-qr")).toBeVisible();

  await signInAs(page, "researcher@demo.qala", "/en/staff");
  expect((await page.goto(POSTER))?.status()).toBe(403);
  expect((await page.request.get(`${POSTER}/qr.png`)).status()).toBe(403);
});

test("without a share sheet, the town page offers WhatsApp with the text and the survey's short link", async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, "share", { value: undefined, configurable: true }));
  await page.goto("/ru/towns/ridder");
  const whatsapp = page.getByRole("link", { name: "Отправить в WhatsApp" });
  const href = new URL((await whatsapp.getAttribute("href"))!);
  expect(href.origin).toBe("https://wa.me");
  const message = href.searchParams.get("text")!;
  expect(message).toMatch(/^Жители города Риддер рассказывают, как им живётся\. .* http:\/\/127\.0\.0\.1:\d+\/s\/ridder-\d+$/);
  await expect(page.getByRole("button", { name: "Скопировать ссылку" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Поделиться" })).toHaveCount(0);
});

test("with a share sheet, the poster's share button hands it the title, the text and the short link", async ({ page }) => {
  await page.addInitScript(() => {
    const shared: ShareData[] = [];
    (window as unknown as { shared: ShareData[] }).shared = shared;
    Object.defineProperty(Navigator.prototype, "share", { value: async (data: ShareData) => void shared.push(data), configurable: true });
  });
  await signInAs(page, "admin@demo.qala", POSTER);
  const link = `http://${await page.getByTestId("poster-link").textContent()}`;
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { shared: ShareData[] }).shared)).toEqual([
    { title: "Qala Pulse: Ridder", text: "Residents of Ridder are saying how they live. Take part too: it is anonymous and takes about 10 minutes.", url: link },
  ]);
  await expect(page.getByRole("link", { name: "Send on WhatsApp" })).toHaveCount(0);
});

test("after answering, the thanks page shares the survey's short link for the resident's town", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "share", { value: undefined, configurable: true });
    // What the survey form leaves in the tab on sending (thanks/answered-town.ts).
    sessionStorage.setItem("qala:answered-town:demo-2026", "kurchatov");
  });
  await page.goto("/kk/survey/demo-2026/thanks");
  const whatsapp = page.getByRole("link", { name: "WhatsApp арқылы жіберу" });
  await expect(whatsapp).toHaveAttribute("href", /kurchatov-\d+$/);
  const message = new URL((await whatsapp.getAttribute("href"))!).searchParams.get("text")!;
  expect(message).toMatch(/^Курчатов тұрғындары .* http:\/\/127\.0\.0\.1:\d+\/s\/kurchatov-\d+$/);
});
