import { getTranslations, setRequestLocale } from "next-intl/server";
import { listAccounts } from "@/server/accounts";
import { allTowns } from "@/server/waves";
import { requireStaff } from "@/server/auth/session";
import { rolesFor } from "@/lib/auth/permissions";
import { StaffFormPage } from "../../staff-form-page";
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
  // A town that left the official list stays choosable, marked so.
  const tTowns = await getTranslations({ locale, namespace: "adminIndicators" });
  const [accounts, towns] = await Promise.all([listAccounts(), allTowns()]);
  const townChoices = towns.map((town) => ({ code: town.code, name: town.name[locale], region: town.region[locale], ...(town.former !== null && { formerNote: tTowns("towns.former") }) }));
  return (
    <StaffFormPage locale={locale} path="/staff/admin/users" back="/staff/admin" user={user} namespace="adminUsers" alsoNamespaces={["supervision"]}>
      <h2>{t("listTitle")}</h2>
      <AccountTable accounts={accounts} towns={townChoices} currentUserId={user.id} />
      <h2>{t("createTitle")}</h2>
      <CreateAccountForm towns={townChoices} />
    </StaffFormPage>
  );
}
