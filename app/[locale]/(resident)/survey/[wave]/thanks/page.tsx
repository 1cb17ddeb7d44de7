import { getTranslations, setRequestLocale } from "next-intl/server";
import { SiteHeader } from "@/app/components/site-header";
import type { Locale } from "@/lib/i18n/locales";

export default async function ThanksPage({ params }: PageProps<"/[locale]/survey/[wave]/thanks">) {
  const { locale: raw, wave } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "thanks" });
  return (
    <>
      <SiteHeader locale={locale} path={`/survey/${wave}/thanks`} />
      <main id="main">
        <h1>{t("title")}</h1>
        <p role="status">{t("body")}</p>
        <p>
          <a href={`/${locale}`}>{t("again")}</a>
        </p>
      </main>
    </>
  );
}
