import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { loadPublicTownResults } from "@/server/results/public-results";
import { SiteHeader } from "@/app/components/site-header";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { TownResultsView } from "../../town-results-view";

export const dynamic = "force-dynamic";

// One read per request for the metadata and the page.
const publicResults = cache((slug: string, townCode: string) => loadPublicTownResults({ slug, townCode }));

export async function generateMetadata({ params }: PageProps<"/[locale]/results/[wave]/[town]">): Promise<Metadata> {
  const { locale, wave: slug, town: townCode } = await params;
  if (!isLocale(locale)) return {};
  const results = await publicResults(slug, townCode);
  if (!results) return {};
  const t = await getTranslations({ locale, namespace: "publicPage" });
  const title = t("waveMetaTitle", { town: results.town.name[locale], wave: results.wave.name[locale] });
  return { title, description: t("metaDescription", { town: results.town.name[locale] }), openGraph: { title }, twitter: { title } };
}

/** A town's results for one wave, for the public, once the wave has closed: aggregates only, each with its n, none below k. */
export default async function TownResults({ params }: PageProps<"/[locale]/results/[wave]/[town]">) {
  const { locale: raw, wave: slug, town: townCode } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const results = await publicResults(slug, townCode);
  if (!results) notFound();
  const { wave, town: townRow } = results;

  const t = await getTranslations({ locale, namespace: "results" });
  const tPage = await getTranslations({ locale, namespace: "publicPage" });
  const format = await getFormatter({ locale });
  const town = townRow.name[locale];
  const townLink = (
    <p>
      <a href={`/${locale}/towns/${townCode}`}>{tPage("allWaves", { town })}</a>
    </p>
  );
  if (!results.published) {
    const closes = format.dateTime(new Date(`${wave.closesOn}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
    return (
      <>
        <SiteHeader locale={locale} path={`/results/${slug}/${townCode}`} />
        <main id="main">
          <h1>{t("title", { town })}</h1>
          <p className="notice" role="status">{t("afterClose", { date: closes })}</p>
          {townLink}
        </main>
      </>
    );
  }
  return (
    <>
      <SiteHeader locale={locale} path={`/results/${slug}/${townCode}`} />
      <main id="main" className="public-page">
        <h1>{t("title", { town })}</h1>
        <p className="wave-name">{wave.name[locale]}</p>
        <TownResultsView results={results} locale={locale} tableOpen>
          {townLink}
        </TownResultsView>
      </main>
    </>
  );
}
