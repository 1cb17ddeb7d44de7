import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import { LanguageLinks } from "./language-links";

export async function SiteHeader({ locale, path }: { locale: Locale; path: string }) {
  const t = await getTranslations({ locale, namespace: "common" });
  return (
    <header className="bar">
      <a className="brand" href={`/${locale}`}>
        {t("appName")}
      </a>
      <LanguageLinks current={locale} path={path} label={t("language")} />
    </header>
  );
}
