import { locales, type Locale } from "@/lib/i18n/locales";

const names: Record<Locale, string> = { kk: "Қазақша", ru: "Русский", en: "English" };
const short: Record<Locale, string> = { kk: "ҚАЗ", ru: "РУС", en: "ENG" };

/** Links to the same page in each language; rendered on the server, so it ships no JavaScript. */
export function LanguageLinks({ current, path, label }: { current: Locale; path: string; label: string }) {
  return (
    <nav className="languages" aria-label={label}>
      {locales.map((locale) => (
        <a
          key={locale}
          href={`/${locale}${path}`}
          hrefLang={locale}
          lang={locale}
          aria-current={locale === current ? "true" : undefined}
          title={names[locale]}
        >
          {short[locale]}
        </a>
      ))}
    </nav>
  );
}
