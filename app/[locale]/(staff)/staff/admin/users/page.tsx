import { ClientMessages } from "@/lib/i18n/client-messages";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { getDb } from "@/db/client";
import { listStaffUsers } from "@/db/queries/staff";
import { getTowns } from "@/db/queries/towns";
import { SiteHeader } from "@/app/components/site-header";
import { StaffBar } from "@/app/components/staff-bar";
import { requireStaff } from "@/app/staff-session";
import { rolesFor } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { AccountTable } from "./account-table";
import { CreateAccountForm } from "./create-account-form";

export const dynamic = "force-dynamic";

/** Staff accounts: who may sign in, in which role, and for which towns. */
export default async function AdminUsers({ params }: PageProps<"/[locale]/staff/admin/users">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const user = await requireStaff(rolesFor("users.manage"), { locale, next: `/${locale}/staff/admin/users` });
  const t = await getTranslations({ locale, namespace: "adminUsers" });
  const messages = await getMessages({ locale });
  const db = await getDb();
  const [accounts, towns] = await Promise.all([listStaffUsers({ db }), getTowns({ db })]);
  const townChoices = towns.map((town) => ({ code: town.code, name: town.name[locale], region: town.region[locale] }));
  return (
    <>
      <SiteHeader locale={locale} path="/staff/admin/users" />
      <main id="main" className="wide">
        <p>
          <a href={`/${locale}/staff/admin`}>{t("back")}</a>
        </p>
        <h1>{t("title")}</h1>
        <StaffBar user={user} locale={locale} />
        <p>{t("intro")}</p>
        {/* The forms' words only: the client gets this page's messages, not the whole catalogue. */}
        <ClientMessages locale={locale} messages={{ adminUsers: messages.adminUsers, errors: messages.errors }}>
          <h2>{t("listTitle")}</h2>
          <AccountTable accounts={accounts} towns={townChoices} currentUserId={user.id} />
          <h2>{t("createTitle")}</h2>
          <CreateAccountForm towns={townChoices} />
        </ClientMessages>
      </main>
    </>
  );
}
