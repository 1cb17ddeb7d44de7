import { completeAnswers } from "../fixtures";
import { buttons, fillSurvey, questionnaire, WAVE } from "./survey-helpers";
import { expect, test } from "./test";

/*
 * Issue 12, point 2: a free-text answer holding a NUL character or half an emoji. The form
 * refuses it at the field; one that reached the phone's outbox anyway (typed into an older
 * version of the page) is refused by the server with 422 and comes back to the field, to
 * be fixed and sent. Nothing goes into a resend loop.
 */
const UNSAFE_RU = "В тексте есть символ, который нельзя сохранить (невидимый управляющий символ или половина эмодзи). Удалите его или наберите текст заново.";
const answers = completeAnswers(questionnaire, { employment: 4, plan_leave_2y: 1, one_change: "Больше автобусов до Лениногорска" });

test("the form refuses a NUL character in a free-text answer at its field", async ({ page }) => {
  await page.goto(`/ru/survey/${WAVE}`);
  await fillSurvey(page, { locale: "ru", town: "Риддер", answers });
  await page.getByRole("button", { name: "Изменить: Что в вашем городе нужно изменить в первую очередь?" }).click();
  const box = page.locator('textarea[name="answers.one_change"]');
  await box.fill("Больше автобусов\u0000");
  // The browser keeps what was typed, NUL included.
  expect(await box.inputValue()).toContain("\u0000");
  await page.getByRole("button", { name: buttons.ru.next }).click();
  await expect(page.locator("#one_change-error")).toHaveText(UNSAFE_RU);
  await expect(box).toHaveAttribute("aria-describedby", /one_change-error/);
});

test.describe("an answer refused while it waited on the phone", () => {
  test.use({ expectedConsoleErrors: [/status of 422|ERR_INTERNET_DISCONNECTED/] });

  test("comes back to its field with the reason, and is sent once fixed", async ({ page, context }) => {
    await page.goto(`/ru/survey/${WAVE}`);
    await fillSurvey(page, { locale: "ru", town: "Риддер", answers });
    await context.setOffline(true);
    await page.getByRole("button", { name: buttons.ru.send }).click();
    await expect(page.getByRole("status").filter({ hasText: "сохранены на этом телефоне" })).toBeVisible();

    // What an older page could have queued: the same answers with a NUL and half an emoji.
    const edited = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open("qala-pulse");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const store = open.result.transaction("outbox", "readwrite").objectStore("outbox");
            const all = store.getAll();
            all.onsuccess = () => {
              for (const entry of all.result) {
                entry.submission.answers.one_change = `${entry.submission.answers.one_change}\u0000 \ud83d`;
                store.put(entry, entry.submission.responseId);
              }
              resolve(all.result.length);
            };
          };
        }),
    );
    expect(edited).toBe(1);

    // Back online, the real server refuses it with 422 and the outbox keeps it for the resident.
    await context.setOffline(false);
    await page.goto("/ru");
    await expect(page.getByTestId("outbox-status")).toHaveText(`Ваши ответы не удалось принять: ${UNSAFE_RU} Открыть ответы`, { timeout: 30_000 });
    await page.getByRole("link", { name: "Открыть ответы" }).click();

    const box = page.locator('textarea[name="answers.one_change"]');
    await expect(page.locator("#one_change-error")).toHaveText(UNSAFE_RU);
    await expect(box).toHaveValue("Больше автобусов до Лениногорска\u0000 \ud83d");
    await box.fill("Больше автобусов до Лениногорска 🚌");
    for (let step = 0; step < 20 && !(await page.locator("dl.summary").isVisible()); step++) {
      await page.getByRole("button", { name: buttons.ru.next }).click();
    }
    await expect(page.locator("dl.summary")).toContainText("Больше автобусов до Лениногорска 🚌");
    await page.getByRole("button", { name: buttons.ru.send }).click();
    await page.waitForURL(`**/ru/survey/${WAVE}/thanks**`);
    // Nothing is left waiting or refused on the phone.
    await page.goto("/ru");
    await expect(page.getByTestId("outbox-status")).toHaveCount(0);
  });
});
