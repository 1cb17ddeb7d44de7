import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { requireStaff } from "@/server/auth/session";
import { priorityWaves } from "@/server/priorities/admin";
import { rolesFor } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { PrioritiesFrame } from "./frame";

export const dynamic = "force-dynamic";

/** Residents' priorities: first the wave. */
export default async function PrioritiesWaves({ params }: PageProps<"/[locale]/staff/admin/priorities">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const user = await requireStaff(rolesFor("waves.manage"), { locale, next: `/${locale}/staff/admin/priorities` });
  const t = await getTranslations({ locale, namespace: "priorities" });
  const adminWaves = await getTranslations({ locale, namespace: "adminWaves" });
  const format = await getFormatter({ locale });
  const waves = await priorityWaves();
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <PrioritiesFrame locale={locale} path="/staff/admin/priorities" back="/staff/admin" user={user}>
      <h2>{t("admin.wavesTitle")}</h2>
      {waves.length === 0 ? (
        <p>{t("admin.noWaves")}</p>
      ) : (
        <ul data-testid="priority-waves">
          {waves.map((wave) => (
            <li key={wave.id}>
              <a href={`/${locale}/staff/admin/priorities/${wave.slug}`}>{wave.name[locale]}</a> ({adminWaves(`statuses.${wave.status}`)}, {day(wave.opensOn)} – {day(wave.closesOn)})
            </li>
          ))}
        </ul>
      )}
    </PrioritiesFrame>
  );
}
