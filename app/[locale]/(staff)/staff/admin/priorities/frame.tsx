import { getMessages, getTranslations } from "next-intl/server";
import { SiteHeader } from "@/app/components/site-header";
import { StaffBar } from "@/app/components/staff-bar";
import type { StaffUser } from "@/server/auth/session";
import { ClientMessages } from "@/lib/i18n/client-messages";
import type { Locale } from "@/lib/i18n/locales";

/**
 * The frame of the priorities pages: header, a way back, title, who is signed in, the
 * introduction, and the words of the forms inside ("priorities" and the shared errors).
 */
export async function PrioritiesFrame({ locale, path, back, backLabel, title, user, children }: {
  locale: Locale;
  path: string;
  back: string;
  backLabel?: string;
  title?: string;
  user: StaffUser;
  children: React.ReactNode;
}) {
  const t = await getTranslations({ locale, namespace: "priorities" });
  const messages = await getMessages({ locale });
  return (
    <>
      <SiteHeader locale={locale} path={path} />
      <main id="main" className="wide">
        <p>
          <a href={`/${locale}${back}`}>{backLabel ?? t("admin.back")}</a>
        </p>
        <h1>{title ?? t("admin.title")}</h1>
        <StaffBar user={user} locale={locale} />
        <p>{t("admin.intro")}</p>
        <ClientMessages locale={locale} messages={{ priorities: messages.priorities as never, errors: messages.errors as never }}>
          {children}
        </ClientMessages>
      </main>
    </>
  );
}
