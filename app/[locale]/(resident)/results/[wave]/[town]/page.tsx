import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { loadPublicTownResults } from "@/server/results/public-results";
import { SiteHeader } from "@/app/components/site-header";
import { ScrollRegion, ShareCells } from "@/app/components/share-cells";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { publicSummary } from "@/lib/stats/public-summary";
import { allItemSummaries, targetsVsPeople } from "@/lib/stats/targets-vs-people";

export const dynamic = "force-dynamic";

/** A town's results for the public, once the wave has closed: aggregates only, each with its n, none below k. */
export default async function TownResults({ params }: PageProps<"/[locale]/results/[wave]/[town]">) {
  const { locale: raw, wave: slug, town: townCode } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const results = await loadPublicTownResults({ slug, townCode });
  if (!results) notFound();
  const { wave, town: townRow } = results;

  const k = env.DISCLOSURE_MIN_CELL;
  const t = await getTranslations({ locale, namespace: "results" });
  const format = await getFormatter({ locale });
  const town = townRow.name[locale];
  if (!results.published) {
    const closes = format.dateTime(new Date(`${wave.closesOn}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
    return (
      <>
        <SiteHeader locale={locale} path={`/results/${slug}/${townCode}`} />
        <main id="main">
          <h1>{t("title", { town })}</h1>
          <p className="notice" role="status">{t("afterClose", { date: closes })}</p>
        </main>
      </>
    );
  }
  const { questionnaire, counts, figures } = results;
  const items = allItemSummaries({ questionnaire, counts, k, locale });
  const tCommon = await getTranslations({ locale, namespace: "common" });
  const tSurvey = await getTranslations({ locale, namespace: "survey" });
  const percent = (share: number) => format.number(share, { style: "percent", maximumFractionDigits: 0 });
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  const summary = publicSummary({
    responses: results.responses,
    demoResponses: results.demoResponses,
    areas: questionnaire.areas,
    items,
    targets: targetsVsPeople({ questionnaire, counts, figures, k, locale }),
    format: {
      percent,
      list: (names) => list.format(names.map((name) => t("summary.quoted", { name }))),
      areaName: (area) => tSurvey(`areas.${area}`),
    },
  });

  return (
    <>
      <SiteHeader locale={locale} path={`/results/${slug}/${townCode}`} />
      <main id="main">
        <h1>{t("title", { town })}</h1>
        <p>{t("intro", { wave: wave.name[locale], k })}</p>
        <p>
          <strong>{t("responses", { count: results.responses })}</strong>
          {results.demoResponses > 0 && (
            <>
              {" "}
              <span className="badge">{tCommon("demoBadge")}</span> {tCommon("demoNotice", { count: results.demoResponses })}
            </>
          )}
        </p>
        <h2>{t("summaryTitle")}</h2>
        <p data-testid="results-summary">{summary.map((sentence) => t(`summary.${sentence.key}`, sentence.values)).join(" ")}</p>
        <ScrollRegion label={t("title", { town })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("item")}</th>
                <th scope="col" className="num">{t("share")}</th>
                <th scope="col" className="num">{t("interval")}</th>
                <th scope="col" className="num">{t("n")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ itemId, text, favourable, summary }) => (
                <tr key={itemId} data-item={itemId}>
                  <th scope="row">
                    {text}
                    <span className="hint item-favourable">{t("favourableIs", { answers: format.list(favourable, { type: "disjunction" }) })}</span>
                  </th>
                  <ShareCells summary={summary} k={k} percent={percent} suppressedLabel={t("suppressed", { k })} />
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </main>
    </>
  );
}
