import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireStaff } from "@/server/auth/session";
import { may, rolesFor } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { StaffFormPage } from "../staff-form-page";
import { ChangePasswordForm } from "./change-password-form";
import { TwoFactorSetup } from "./two-factor-setup";

export const dynamic = "force-dynamic";

/**
 * Any staff member's own password, e.g. to replace the one-time password an admin gave
 * them (the one page such a session may open); for admins, also two-step sign-in.
 */
export default async function ChangePassword({ params }: PageProps<"/[locale]/staff/password">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const user = await requireStaff(rolesFor("password.changeOwn"), { locale, next: `/${locale}/staff/password`, oneTimePasswordAllowed: true });
  const t = await getTranslations({ locale, namespace: "accountSecurity" });
  return (
    <StaffFormPage locale={locale} path="/staff/password" back="/staff" user={user} namespace="changePassword">
      {user.passwordIsOneTime && (
        <p className="notice" role="status">
          {t("oneTimeNotice")}
        </p>
      )}
      <ChangePasswordForm />
      {may(user.role, "account.twoFactor") && !user.passwordIsOneTime && (
        <section aria-labelledby="two-factor">
          <h2 id="two-factor">{t("twoFactorTitle")}</h2>
          <p>{t("twoFactorIntro")}</p>
          {user.twoFactorEnabled ? (
            <p className="notice" role="status">
              {t("twoFactorOn")}
            </p>
          ) : (
            <TwoFactorSetup />
          )}
        </section>
      )}
    </StaffFormPage>
  );
}
