import { getTranslations, setRequestLocale } from "next-intl/server";
import { ScrollRegion } from "@/app/components/share-cells";
import { requireStaff } from "@/server/auth/session";
import { fieldworkHome } from "@/server/fieldwork/supervision";
import { rolesFor } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { StaffFormPage } from "../staff-form-page";

export const dynamic = "force-dynamic";

/** The supervisor's home: the waves × towns they run fieldwork in. */
export default async function FieldworkHome({ params }: PageProps<"/[locale]/staff/fieldwork">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const user = await requireStaff(rolesFor("fieldwork.supervise"), { locale, next: `/${locale}/staff/fieldwork` });
  const t = await getTranslations({ locale, namespace: "supervision" });
  const tWaves = await getTranslations({ locale, namespace: "adminWaves" });
  const rows = await fieldworkHome(user);
  return (
    <StaffFormPage locale={locale} path="/staff/fieldwork" back={user.role === "admin" ? "/staff" : ""} user={user} namespace="supervision">
      <h2>{t("townsTitle")}</h2>
      {rows.length === 0 ? (
        <p>{t("noTowns")}</p>
      ) : (
        <ScrollRegion label={t("townsTitle")}>
          <table data-testid="fieldwork-towns">
            <thead>
              <tr>
                <th scope="col">{t("wave")}</th>
                <th scope="col">{t("town")}</th>
                <th scope="col">{t("waveStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.waveSlug}/${row.townCode}`}>
                  <td>{row.waveName[locale]}</td>
                  <td>
                    <a href={`/${locale}/staff/fieldwork/${row.waveSlug}/${row.townCode}`}>{row.townName[locale]}</a>
                  </td>
                  <td>{tWaves(`statuses.${row.waveStatus}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </StaffFormPage>
  );
}
