import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import type { linkChoices } from "@/server/commitments/manage";
import type { LinkChoices } from "./commitment-form";

/** The choices of what a commitment answers, named in the page's language. */
export async function linkOptions(choices: NonNullable<Awaited<ReturnType<typeof linkChoices>>>, locale: Locale): Promise<LinkChoices> {
  const tSurvey = await getTranslations({ locale, namespace: "survey" });
  const area = (id: string) => tSurvey(`areas.${id}` as "areas.services");
  return {
    item: choices.items.map((item) => ({ value: item.id, label: `${area(item.area)}: ${item.text[locale]}` })),
    area: choices.areas.map((id) => ({ value: id, label: area(id) })),
    priority: choices.priorities.map((priority) => ({ value: String(priority.id), label: priority.title[locale] || priority.title.ru || priority.title.en || priority.title.kk })),
    indicator: choices.indicators.map((indicator) => ({ value: indicator.code, label: indicator.name[locale] })),
  };
}
