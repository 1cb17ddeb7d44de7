import { getTranslations } from "next-intl/server";
import type { StaffUser } from "@/server/auth/session";
import { SignOutButton } from "./sign-out-button";

/** Who is signed in, with their role, their own password, and the way out. */
export async function StaffBar({ user, locale }: { user: StaffUser; locale: string }) {
  const t = await getTranslations({ locale, namespace: "staff" });
  return (
    <p className="hint staff-bar">
      {t("signedInAs", { name: user.name, role: t(`roles.${user.role}`) })} <a href={`/${locale}/staff/password`}>{t("changePassword")}</a>{" "}
      <SignOutButton label={t("signOut")} locale={locale} />
    </p>
  );
}
