import { getFormatter, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import type { linkChoices } from "@/server/commitments/manage";
import type { LinkChoices } from "./commitment-form";

/** The choices of what a commitment answers, named in the page's language. */
export async function linkOptions(choices: NonNullable<Awaited<ReturnType<typeof linkChoices>>>, locale: Locale): Promise<LinkChoices> {
  const tSurvey = await getTranslations({ locale, namespace: "survey" });
  const t = await getTranslations({ locale, namespace: "commitments" });
  const format = await getFormatter({ locale });
  const area = (id: string) => tSurvey(`areas.${id}` as "areas.services");
  // Each question and area with its favourable share, so the ones residents rated low stand out.
  const withShare = (label: string, share: number | undefined) => (share === undefined ? label : t("form.withShare", { label, share: format.number(share, { style: "percent", maximumFractionDigits: 0 }) }));
  return {
    item: choices.items.map((item) => ({ value: item.id, label: withShare(`${area(item.area)}: ${item.text[locale]}`, choices.shares.items.get(item.id)) })),
    area: choices.areas.map((id) => ({ value: id, label: withShare(area(id), choices.shares.areas.get(id)) })),
    priority: choices.priorities.map((priority) => ({ value: String(priority.id), label: priority.title[locale] || priority.title.ru || priority.title.en || priority.title.kk })),
    indicator: choices.indicators.map((indicator) => ({ value: indicator.code, label: indicator.name[locale] })),
  };
}
