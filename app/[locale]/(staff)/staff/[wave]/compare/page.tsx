import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { loadWaveComparison } from "@/server/results/comparison";
import { waveBySlug } from "@/server/waves";
import { SiteHeader } from "@/app/components/site-header";
import { StaffBar } from "@/app/components/staff-bar";
import { maySeeTown, requireStaff } from "@/server/auth/session";
import { rolesFor } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { areaScore } from "@/lib/stats/area-score";
import { allItemSummaries } from "@/lib/stats/targets-vs-people";
import { getQuestionnaire, scaleOf } from "@/lib/survey/questionnaire";
import { Ranking } from "./ranking";
import { Scatter } from "./scatter";
import type { MeasureGroup } from "./measure-options";

export const dynamic = "force-dynamic";

/** One question or area across the towns of a wave, and an official figure against a resident measure. */
export default async function CompareTowns({ params, searchParams }: PageProps<"/[locale]/staff/[wave]/compare">) {
  const { locale: raw, wave: slug } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const path = `/staff/${slug}/compare`;
  const user = await requireStaff(rolesFor("dashboard.view"), { locale, next: `/${locale}${path}` });
  const wave = await waveBySlug(slug);
  const questionnaire = wave && getQuestionnaire(wave.questionnaireVersion);
  if (!wave || !questionnaire) notFound();

  const t = await getTranslations({ locale, namespace: "compare" });
  const tStaff = await getTranslations({ locale, namespace: "staff" });
  const tCommon = await getTranslations({ locale, namespace: "common" });
  const tSurvey = await getTranslations({ locale, namespace: "survey" });
  const format = await getFormatter({ locale });
  const page = (content: React.ReactNode) => (
    <>
      <SiteHeader locale={locale} path={path} />
      <main id="main" className="wide">
        <h1>{t("title", { wave: wave.name[locale] })}</h1>
        <StaffBar user={user} locale={locale} />
        {content}
      </main>
    </>
  );
  const comparison = await loadWaveComparison({ wave, maySee: (townCode) => maySeeTown(user, townCode) });
  if (!comparison) {
    const closes = format.dateTime(new Date(`${wave.closesOn}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
    return page(<p className="notice" role="status">{tStaff("hiddenUntilClose", { date: closes })}</p>);
  }

  const k = env.DISCLOSURE_MIN_CELL;
  const { towns, counts, figures } = comparison;
  const itemsByTown = new Map(towns.map((town) => [town.id, allItemSummaries({ questionnaire, counts: counts.get(town.id) ?? new Map(), k, locale })]));
  // The questions with a favourable share, grouped by area: what can be compared.
  const groups: MeasureGroup[] = questionnaire.areas.flatMap((area) => {
    const items = questionnaire.items.filter((item) => item.area === area && scaleOf(questionnaire, item).topBox.length > 0);
    return items.length > 0 ? [{ area, label: tSurvey(`areas.${area}`), items: items.map((item) => ({ itemId: item.id, text: item.text[locale] })) }] : [];
  });

  const query = await searchParams;
  const param = (name: string) => (typeof query[name] === "string" ? query[name] : undefined);
  const itemSummary = (townId: number, itemId: string) => itemsByTown.get(townId)!.find((item) => item.itemId === itemId)!.summary;
  const areaSummary = (townId: number, area: string) => areaScore(itemsByTown.get(townId)!.filter((item) => item.area === area).map((item) => item.summary))!;
  const percent = (share: number) => format.number(share, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const demoResponses = towns.reduce((sum, town) => sum + town.demoResponses, 0);

  return page(
    <>
      <p>{t("intro", { count: towns.length, k })}</p>
      <p>
        <strong data-testid="response-count">{tStaff("responses", { count: towns.reduce((sum, town) => sum + town.responses, 0) })}</strong>
        {demoResponses > 0 && (
          <>
            {" "}
            <span className="badge">{tCommon("demoBadge")}</span> {tCommon("demoNotice", { count: demoResponses })}
          </>
        )}
      </p>
      {towns.length === 0 ? (
        <p>{t("noTowns")}</p>
      ) : (
        <>
          <Ranking
            locale={locale}
            slug={slug}
            towns={towns}
            groups={groups}
            choice={param("measure")}
            keep={{ indicator: param("indicator"), item: param("item") }}
            itemSummary={itemSummary}
            areaSummary={areaSummary}
            percent={percent}
            k={k}
          />
          <Scatter
            locale={locale}
            slug={slug}
            towns={towns}
            groups={groups}
            figures={figures}
            links={new Map(questionnaire.items.map((item) => [item.id, item.indicators]))}
            choice={{ indicator: param("indicator"), item: param("item") }}
            keep={{ measure: param("measure") }}
            itemSummary={itemSummary}
            percent={percent}
            k={k}
          />
        </>
      )}
    </>,
  );
}
