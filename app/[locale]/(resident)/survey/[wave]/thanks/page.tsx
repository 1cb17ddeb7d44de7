import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { answeredWaveTown } from "@/server/waves";
import { SiteHeader } from "@/app/components/site-header";
import type { Locale } from "@/lib/i18n/locales";

export const dynamic = "force-dynamic";

/**
 * After the survey: where the town's results and its answer will appear, and when. The town
 * comes from the address (`?town=<code>`, set by the survey form); without it the page still
 * says when, and leads to the list of towns.
 */
export default async function ThanksPage({ params, searchParams }: PageProps<"/[locale]/survey/[wave]/thanks">) {
  const { locale: raw, wave: slug } = await params;
  const townCode = (await searchParams).town;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "thanks" });
  const format = await getFormatter({ locale });
  const answered = await answeredWaveTown(slug, typeof townCode === "string" ? townCode : undefined);
  const town = answered?.town;
  const wave = answered?.wave;
  const closes = wave && format.dateTime(new Date(`${wave.closesOn}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
  return (
    <>
      <SiteHeader locale={locale} path={`/survey/${slug}/thanks${town ? `?town=${town.code}` : ""}`} />
      <main id="main">
        <h1>{t("title")}</h1>
        <p role="status">{t("body")}</p>
        {wave && closes && (
          <p data-testid="results-when">
            {wave.status === "closed" ? t("whenClosed") : wave.hideResultsUntilClosed ? t("whenHidden", { date: closes }) : t("whenShownToStaff", { date: closes })}{" "}
            {t("answerWhen")}
          </p>
        )}
        <p>
          {town ? (
            <a className="button" href={`/${locale}/towns/${town.code}`}>
              {t("townPage", { town: town.name[locale] })}
            </a>
          ) : (
            <a className="button" href={`/${locale}#towns`}>
              {t("resultsAny")}
            </a>
          )}
        </p>
        <p>
          <a href={`/${locale}`}>{t("again")}</a>
        </p>
      </main>
    </>
  );
}
