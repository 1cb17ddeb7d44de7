import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { answeredWave } from "@/server/waves";
import { SiteHeader } from "@/app/components/site-header";
import type { Locale } from "@/lib/i18n/locales";
import { shareLabels } from "@/app/components/share-labels";
import { publicBaseUrl, townShortLinks } from "@/server/posters/poster";
import { ShareSurvey } from "./share-survey";
import { TownLink } from "./town-link";

export const dynamic = "force-dynamic";

/**
 * After the survey: where the town's results and its answer will appear, and when. The
 * address names no town: the survey form leaves it in the tab's storage, and the link to
 * the town's page is made in the browser (./town-link.tsx); without it the page still says
 * when, and leads to the list of towns.
 */
export default async function ThanksPage({ params }: PageProps<"/[locale]/survey/[wave]/thanks">) {
  const { locale: raw, wave: slug } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "thanks" });
  const format = await getFormatter({ locale });
  const answered = await answeredWave(slug);
  const wave = answered?.wave;
  const towns = (answered?.towns ?? []).map((town) => ({ code: town.code, label: t("townPage", { town: town.name[locale] }) }));
  // Passing the survey on: its short link for the resident's town (the phone knows which), while it runs.
  const tShare = await getTranslations({ locale, namespace: "poster" });
  const base = await publicBaseUrl();
  const links = wave ? townShortLinks(base, wave.id, (answered?.towns ?? []).map((town) => town.code)) : {};
  const byTown = Object.fromEntries(
    (answered?.towns ?? []).map((town) => [town.code, { title: tShare("shareTitle", { town: town.name[locale] }), text: tShare("shareText", { town: town.name[locale] }), url: links[town.code]! }]),
  );
  const closes = wave && format.dateTime(new Date(`${wave.closesOn}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
  return (
    <>
      <SiteHeader locale={locale} path={`/survey/${slug}/thanks`} />
      <main id="main">
        <h1>{t("title")}</h1>
        <p role="status">{t("body")}</p>
        {wave && closes && (
          <p data-testid="results-when">
            {wave.status === "closed" ? t("whenClosed") : wave.hideResultsUntilClosed ? t("whenHidden", { date: closes }) : t("whenShownToStaff", { date: closes })}{" "}
            {t("answerWhen")}
          </p>
        )}
        {wave && wave.status === "open" && (
          <section aria-labelledby="share-title">
            <h2 id="share-title">{tShare("shareHeading")}</h2>
            <ShareSurvey
              waveSlug={slug}
              byTown={byTown}
              any={{ title: wave.name[locale], text: tShare("shareAnyText"), url: `${base}/${locale}/survey/${slug}` }}
              labels={await shareLabels(locale)}
            />
          </section>
        )}
        <p>
          <TownLink locale={locale} waveSlug={slug} towns={towns} anyLabel={t("resultsAny")} />
        </p>
        <p>
          <a href={`/${locale}`}>{t("again")}</a>
        </p>
      </main>
    </>
  );
}
