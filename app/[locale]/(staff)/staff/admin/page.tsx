import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { auditLog } from "@/server/accounts";
import { SiteHeader } from "@/app/components/site-header";
import { StaffBar } from "@/app/components/staff-bar";
import { ScrollRegion } from "@/app/components/share-cells";
import { requireStaff } from "@/server/auth/session";
import { auditActionLabel } from "@/lib/audit-actions";
import { rolesFor } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";

export const dynamic = "force-dynamic";

/** The admin's start page: what can be managed, and the latest changes staff made. */
export default async function AdminHome({ params }: PageProps<"/[locale]/staff/admin">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const user = await requireStaff(rolesFor("users.manage"), { locale, next: `/${locale}/staff/admin` });
  const t = await getTranslations({ locale, namespace: "admin" });
  const format = await getFormatter({ locale });
  const entries = await auditLog();
  const sections = ["users", "waves", "indicators", "priorities"] as const;
  return (
    <>
      <SiteHeader locale={locale} path="/staff/admin" />
      <main id="main" className="wide">
        <h1>{t("title")}</h1>
        <StaffBar user={user} locale={locale} />
        <ul>
          {sections.map((section) => (
            <li key={section}>
              <a href={`/${locale}/staff/admin/${section}`}>{t(`sections.${section}`)}</a>
            </li>
          ))}
        </ul>
        <h2>{t("auditTitle")}</h2>
        {entries.length === 0 ? (
          <p>{t("auditEmpty")}</p>
        ) : (
          <ScrollRegion label={t("auditTitle")}>
            <table data-testid="audit-log">
              <thead>
                <tr>
                  <th scope="col">{t("auditWhen")}</th>
                  <th scope="col">{t("auditWho")}</th>
                  <th scope="col">{t("auditAction")}</th>
                  <th scope="col">{t("auditDetail")}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>{format.dateTime(entry.at, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Almaty" })}</td>
                    <td>{entry.actorEmail}</td>
                    <td>{auditActionLabel(entry.action, (key) => t(key))}</td>
                    <td>
                      <code>{summariseDetail(entry.detail)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </main>
    </>
  );
}

/** The detail in one line: scalar fields and short lists of names (town codes) as they are, lists of rows by their length. */
function summariseDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? summariseList(value) : typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)}`)
    .join("; ");
}

function summariseList(list: unknown[]): string {
  if (list.length === 0) return "–";
  return list.length <= 20 && list.every((value) => typeof value === "string") ? list.join(", ") : `${list.length} rows`;
}
