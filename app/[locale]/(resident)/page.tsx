import { getTranslations, setRequestLocale } from "next-intl/server";
import { closedWavesWithTowns, openWaves } from "@/server/waves";
import { publicTowns } from "@/server/results/town-page";
import { SiteHeader } from "@/app/components/site-header";
import type { Locale } from "@/lib/i18n/locales";

export const dynamic = "force-dynamic";

export default async function HomePage({ params }: PageProps<"/[locale]">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "home" });
  const tPage = await getTranslations({ locale, namespace: "publicPage" });
  const tTowns = await getTranslations({ locale, namespace: "adminIndicators" });
  // Results are public once a wave has closed (the results page says so for any other).
  const [waves, published, towns] = await Promise.all([openWaves(), closedWavesWithTowns(), publicTowns()]);
  return (
    <>
      <SiteHeader locale={locale} path="" />
      <main id="main">
        <h1>{t("title")}</h1>
        <p>{t("intro")}</p>
        <h2>{t("openWaves")}</h2>
        {waves.length === 0 ? (
          <p>{t("noWaves")}</p>
        ) : (
          <ul className="plain">
            {waves.map((wave) => (
              <li key={wave.id}>
                <strong>{wave.name[locale]}</strong>
                <p>
                  <a className="button" href={`/${locale}/survey/${wave.slug}`}>
                    {t("start")}
                  </a>
                </p>
              </li>
            ))}
          </ul>
        )}
        {towns.length > 0 && (
          <>
            <h2 id="towns">{tPage("homeTowns")}</h2>
            <p>{tPage("homeTownsIntro")}</p>
            <ul className="town-links" data-testid="town-pages">
              {towns.map((town) => (
                <li key={town.code}>
                  <a href={`/${locale}/towns/${town.code}`}>{town.name[locale]}</a>
                  {town.former !== null && <span className="hint"> ({tTowns("towns.former")})</span>}
                </li>
              ))}
            </ul>
          </>
        )}
        <h2>{t("results")}</h2>
        {published.length === 0 ? (
          <p>{t("noResults")}</p>
        ) : (
          <ul className="plain" data-testid="published-results">
            {published.map((wave) => (
              <li key={wave.id}>
                <strong>{wave.name[locale]}</strong>
                <p>
                  {wave.towns.map((town, i) => (
                    <span key={town.code}>
                      {i > 0 && " · "}
                      <a href={`/${locale}/results/${wave.slug}/${town.code}`}>{town.name[locale]}</a>
                    </span>
                  ))}
                </p>
              </li>
            ))}
          </ul>
        )}
        <p className="hint">
          <a href={`/${locale}/staff`}>{t("staff")}</a>
        </p>
      </main>
    </>
  );
}
