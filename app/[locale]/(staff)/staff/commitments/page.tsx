import { getTranslations, setRequestLocale } from "next-intl/server";
import { CommitmentList } from "@/app/components/loop/commitment-list";
import { SiteHeader } from "@/app/components/site-header";
import { StaffBar } from "@/app/components/staff-bar";
import { rolesFor } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { requireStaff } from "@/server/auth/session";
import { COMMITMENTS_PERMISSION, staffCommitments, townScope } from "@/server/commitments/manage";
import { shownCommitments } from "@/server/commitments/staff";

export const dynamic = "force-dynamic";

/** The commitments of the towns an official works with (an admin's: every town), by town. */
export default async function CommitmentsPage({ params }: PageProps<"/[locale]/staff/commitments">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const user = await requireStaff(rolesFor(COMMITMENTS_PERMISSION), { locale, next: `/${locale}/staff/commitments` });
  const t = await getTranslations({ locale, namespace: "commitments" });
  const { rows, towns } = await staffCommitments(user);
  const shown = await shownCommitments({ rows, locale, audience: "staff" });
  // An official of a few towns sees each of them; someone who sees every town, those with commitments.
  const everyTown = townScope(user) === null;
  const byTown = towns
    .map((town) => ({ town, commitments: shown.filter((_, index) => rows[index]!.town.code === town.code) }))
    .filter(({ commitments }) => !everyTown || commitments.length > 0);
  return (
    <>
      <SiteHeader locale={locale} path="/staff/commitments" />
      <main id="main" className="wide">
        <p>
          <a href={`/${locale}/staff`}>{t("back")}</a>
        </p>
        <h1>{t("title")}</h1>
        <StaffBar user={user} locale={locale} />
        <p>{t("intro")}</p>
        <p className="commitments-actions">
          <a className="button" href={`/${locale}/staff/commitments/new`}>
            {t("new")}
          </a>{" "}
          <a href={`/${locale}/staff/commitments/import`}>{t("importLink")}</a>{" "}
          <a href={`/${locale}/staff/commitments/export`} download>
            {t("exportAll")}
          </a>
        </p>
        {byTown.length === 0 && <p>{t("none")}</p>}
        {byTown.map(({ town, commitments }) => (
          <section key={town.code} data-town={town.code} aria-labelledby={`town-${town.code}`}>
            <h2 id={`town-${town.code}`}>{town.name[locale]}</h2>
            <p>
              <a href={`/${locale}/staff/commitments/export?town=${town.code}`} download>
                {t("exportTown", { town: town.name[locale] })}
              </a>{" "}
              · <a href={`/api/v1/towns/${town.code}/commitments`}>{t("feedLink")}</a>
            </p>
            <CommitmentList locale={locale} commitments={commitments} showEdit={(id) => `/${locale}/staff/commitments/${id}`} />
          </section>
        ))}
      </main>
    </>
  );
}
