import { getTranslations, setRequestLocale } from "next-intl/server";
import { getDb } from "@/db/client";
import { getWaveBySlug, getWaveTown } from "@/db/queries/waves";
import { SiteHeader } from "@/app/components/site-header";
import type { Locale } from "@/lib/i18n/locales";

export const dynamic = "force-dynamic";

export default async function ThanksPage({ params, searchParams }: PageProps<"/[locale]/survey/[wave]/thanks">) {
  const { locale: raw, wave: slug } = await params;
  const townCode = (await searchParams).town;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "thanks" });
  const db = await getDb();
  const wave = await getWaveBySlug({ db, slug });
  const member = wave && typeof townCode === "string" ? await getWaveTown({ db, waveId: wave.id, townCode }) : undefined;
  return (
    <>
      <SiteHeader locale={locale} path={`/survey/${slug}/thanks${member ? `?town=${member.town.code}` : ""}`} />
      <main id="main">
        <h1>{t("title")}</h1>
        <p role="status">{t("body")}</p>
        {member && (
          <p>
            <a className="button" href={`/${locale}/results/${slug}/${member.town.code}`}>
              {t("results", { town: member.town.name[locale] })}
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
