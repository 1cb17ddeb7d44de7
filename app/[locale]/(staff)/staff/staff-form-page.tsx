import { getMessages, getTranslations } from "next-intl/server";
import { SiteHeader } from "@/app/components/site-header";
import { StaffBar } from "@/app/components/staff-bar";
import type { StaffUser } from "@/server/auth/session";
import { ClientMessages } from "@/lib/i18n/client-messages";
import type { Locale } from "@/lib/i18n/locales";

/**
 * The frame of a staff page with forms: header, a way back, title, who is signed in, the
 * page's introduction, and its forms' words for the client components inside (only this
 * page's namespace, the errors an action can answer with and the few account-security words
 * the account forms share, not the whole catalogue).
 * The namespace holds the page's "back", "title" and "intro".
 */
export async function StaffFormPage({ locale, path, back, user, namespace, alsoNamespaces = [], children }: {
  locale: Locale;
  /** The page's path after the locale, for the language links. */
  path: string;
  /** Where "back" leads, after the locale. */
  back: string;
  user: StaffUser;
  namespace: string;
  /** Other namespaces the page's client components read (a part of the page another feature adds). */
  alsoNamespaces?: string[];
  children: React.ReactNode;
}) {
  const t = await getTranslations({ locale, namespace });
  const messages = await getMessages({ locale });
  return (
    <>
      <SiteHeader locale={locale} path={path} />
      <main id="main" className="wide">
        <p>
          <a href={`/${locale}${back}`}>{t("back")}</a>
        </p>
        <h1>{t("title")}</h1>
        <StaffBar user={user} locale={locale} />
        <p>{t("intro")}</p>
        <ClientMessages locale={locale} messages={{ ...Object.fromEntries(alsoNamespaces.map((name) => [name, messages[name] as never])), [namespace]: messages[namespace] as never, errors: messages.errors as never, accountSecurity: messages.accountSecurity as never }}>
          {children}
        </ClientMessages>
      </main>
    </>
  );
}
