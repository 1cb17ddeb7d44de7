import type { Metadata } from "next";
import { headers } from "next/headers";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { loadTownPage } from "@/server/results/town-page";
import { SiteHeader } from "@/app/components/site-header";
import { env } from "@/lib/env";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { loadTownCommitments } from "@/server/commitments/public";
import { TownAnswer, TownResultsView } from "../../results/town-results-view";
import { ShareButton } from "@/app/components/share-button";
import { shareLabels } from "@/app/components/share-labels";
import { shortCode, shortLinkUrl } from "@/lib/poster/short-link";
import { publicBaseUrl } from "@/server/posters/poster";

export const dynamic = "force-dynamic";

// One read per request for the metadata and the page.
const townPage = cache((townCode: string) => loadTownPage({ townCode }));

/** A shared link previews with the town's name (and the image beside this page, opengraph-image.tsx). */
export async function generateMetadata({ params }: PageProps<"/[locale]/towns/[town]">): Promise<Metadata> {
  const { locale, town: townCode } = await params;
  if (!isLocale(locale)) return {};
  // The preview's image needs an absolute address: the public one, else the one asked for.
  const asked = await headers();
  const host = asked.get("x-forwarded-host") ?? asked.get("host");
  const base = env.APP_URL ?? (host ? `${asked.get("x-forwarded-proto") ?? "http"}://${host}` : undefined);
  const metadataBase = base ? new URL(base) : undefined;
  const page = await townPage(townCode);
  if (!page) return { metadataBase };
  const t = await getTranslations({ locale, namespace: "publicPage" });
  const town = page.town.name[locale];
  const title = t("metaTitle", { town });
  const description = t("metaDescription", { town });
  return {
    metadataBase,
    title,
    description,
    openGraph: { title, description, type: "website", locale },
    twitter: { card: "summary_large_image", title, description },
  };
}

/**
 * A town's stable public page: its latest wave whose results the public may see, earlier
 * waves one tap away, and while no wave has closed, when the first results will appear.
 */
export default async function TownPage({ params }: PageProps<"/[locale]/towns/[town]">) {
  const { locale: raw, town: townCode } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const page = await townPage(townCode);
  if (!page) notFound();
  // Without a published wave, the town's answer still shows (with one, the results view has it).
  const answer = page.results ? null : await loadTownCommitments(townCode, locale);
  const t = await getTranslations({ locale, namespace: "results" });
  const tPage = await getTranslations({ locale, namespace: "publicPage" });
  const format = await getFormatter({ locale });
  const town = page.town.name[locale];
  const day = (date: string) => format.dateTime(new Date(`${date}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });

  const running =
    page.running.length > 0 ? (
      <div data-testid="running-waves">
        {page.running.map((wave) => (
          <p key={wave.slug} className="notice" role="status">
            {tPage("running", { wave: wave.name[locale], date: day(wave.closesOn) })}{" "}
            <a href={`/${locale}/survey/${wave.slug}`}>{tPage("takePart")}</a>
          </p>
        ))}
      </div>
    ) : null;
  const earlier =
    page.earlier.length > 0 ? (
      <nav aria-labelledby="earlier-title" className="earlier-waves">
        <h2 id="earlier-title">{tPage("earlierWaves")}</h2>
        <ul className="plain" data-testid="earlier-waves">
          {page.earlier.map((wave) => (
            <li key={wave.slug}>
              <a href={`/${locale}/results/${wave.slug}/${townCode}`}>{wave.name[locale]}</a>
            </li>
          ))}
        </ul>
      </nav>
    ) : null;

  // Passing the town on: the survey's short link while one runs here, else this page.
  const tShare = await getTranslations({ locale, namespace: "poster" });
  const base = await publicBaseUrl();
  const surveying = page.running[0];
  const share = (
    <ShareButton
      title={tShare("shareTitle", { town })}
      text={surveying ? tShare("shareText", { town }) : tShare("shareResultsText", { town })}
      url={surveying ? shortLinkUrl(base, shortCode(townCode, surveying.id)) : `${base}/${locale}/towns/${townCode}`}
      labels={await shareLabels(locale)}
    />
  );

  return (
    <>
      <SiteHeader locale={locale} path={`/towns/${townCode}`} />
      <main id="main" className="public-page">
        <h1>{t("title", { town })}</h1>
        {share}
        {page.results ? (
          <>
            <p className="wave-name" data-testid="latest-wave">
              {tPage("latestWave", { wave: page.results.wave.name[locale] })}
            </p>
            <TownResultsView results={page.results} locale={locale} tableOpen={false}>
              {running}
            </TownResultsView>
            {earlier}
          </>
        ) : (
          <>
            <p className="notice" role="status">
              {tPage("noResultsYet", { town })}
            </p>
            {running ?? <p>{tPage("noSurvey", { town })}</p>}
            {answer && answer.commitments.length > 0 && <TownAnswer locale={locale} commitments={answer.commitments} />}
          </>
        )}
      </main>
    </>
  );
}
