import { getTranslations, setRequestLocale } from "next-intl/server";
import { answeredWaveTown } from "@/server/waves";
import { SiteHeader } from "@/app/components/site-header";
import type { Locale } from "@/lib/i18n/locales";

export const dynamic = "force-dynamic";

export default async function ThanksPage({ params, searchParams }: PageProps<"/[locale]/survey/[wave]/thanks">) {
  const { locale: raw, wave: slug } = await params;
  const townCode = (await searchParams).town;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "thanks" });
  const town = (await answeredWaveTown(slug, typeof townCode === "string" ? townCode : undefined))?.town;
  return (
    <>
      <SiteHeader locale={locale} path={`/survey/${slug}/thanks${town ? `?town=${town.code}` : ""}`} />
      <main id="main">
        <h1>{t("title")}</h1>
        <p role="status">{t("body")}</p>
        {town && (
          <p>
            <a className="button" href={`/${locale}/results/${slug}/${town.code}`}>
              {t("results", { town: town.name[locale] })}
            </a>
          </p>
        )}
        <p>
          <a href={`/${locale}`}>{t("again")}</a>
        </p>
      </main>
    </>
  );
}
