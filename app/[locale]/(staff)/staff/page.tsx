import { redirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { listStaffWaves } from "@/server/results/staff-index";
import { SiteHeader } from "@/app/components/site-header";
import type { Locale } from "@/lib/i18n/locales";
import { maySeeTown, requireStaff } from "@/server/auth/session";
import { StaffBar } from "@/app/components/staff-bar";
import { may } from "@/lib/auth/permissions";
import { posterPath } from "@/lib/poster/short-link";

export const dynamic = "force-dynamic";

export default async function StaffHome({ params }: PageProps<"/[locale]/staff">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const user = await requireStaff(["admin", "official", "researcher", "supervisor"], { locale, next: `/${locale}/staff` });
  // A supervisor's staff home is fieldwork: they see no results.
  if (user.role === "supervisor") redirect(`/${locale}/staff/fieldwork`);
  const t = await getTranslations({ locale, namespace: "staff" });
  const tExports = await getTranslations({ locale, namespace: "exports" });
  const tCommitments = await getTranslations({ locale, namespace: "commitments" });
  const tScope = await getTranslations({ locale, namespace: "accountSecurity" });
  const tSupervision = await getTranslations({ locale, namespace: "supervision" });
  const tPoster = await getTranslations({ locale, namespace: "poster" });
  const noTowns = user.role === "official" && !user.allTowns && user.townCodes.length === 0;
  const allWaves = await listStaffWaves();
  return (
    <>
      <SiteHeader locale={locale} path="/staff" />
      <main id="main" className="wide">
        <h1>{t("title")}</h1>
        <StaffBar user={user} locale={locale} />
        {noTowns && (
          <p className="notice" role="status">
            {tScope("noTownsAssigned")}
          </p>
        )}
        <h2>{t("waves")}</h2>
        {may(user.role, "dashboard.view") && (
          <p>
            <a href={`/${locale}/staff/commitments`}>{tCommitments("linkFromIndex")}</a>
          </p>
        )}
        {may(user.role, "fieldwork.supervise") && (
          <p>
            <a href={`/${locale}/staff/fieldwork`}>{tSupervision("linkFromIndex")}</a>
          </p>
        )}
        {may(user.role, "users.manage") && (
          <p>
            <a href={`/${locale}/staff/admin`}>{t("administration")}</a>
          </p>
        )}
        {allWaves.map((wave) => (
          <section key={wave.id} data-wave={wave.slug}>
            <h3>{wave.name[locale]}</h3>
            {/* Downloads, with their options, codebooks and progress, live on the exports page. */}
            {may(user.role, "export.download") &&
              (wave.resultsVisible ? (
                <p>
                  <a href={`/${locale}/staff/exports#export-${wave.slug}`}>{tExports("linkFromIndex")}</a>
                </p>
              ) : (
                <p className="hint">{t("exportHidden")}</p>
              ))}
            {may(user.role, "dashboard.view") && (
              <>
                <p>
                  <a href={`/${locale}/staff/${wave.slug}/compare`}>{t("compareTowns")}</a>
                </p>
                <ul className="plain">
                  {wave.towns.filter((town) => maySeeTown(user, town.code)).map((town) => (
                    <li key={town.id}>
                      <a href={`/${locale}/staff/${wave.slug}/${town.code}`}>{town.name[locale]}</a>{" "}
                      {town.responses !== null && <span className="hint">{t("responses", { count: town.responses })}</span>}
                      {wave.status !== "closed" && may(user.role, "posters.print") && <> · <a href={posterPath(locale, wave.slug, town.code)}>{tPoster("linkFromIndex")}</a></>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        ))}
      </main>
    </>
  );
}
