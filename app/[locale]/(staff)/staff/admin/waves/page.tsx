import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { fieldworkProgress } from "@/server/fieldwork/progress";
import { allTowns } from "@/server/waves";
import { ScrollRegion } from "@/app/components/share-cells";
import { requireStaff } from "@/server/auth/session";
import { rolesFor } from "@/lib/auth/permissions";
import { StaffFormPage } from "../../staff-form-page";
import type { Locale } from "@/lib/i18n/locales";
import { latestQuestionnaireVersion, questionnaireVersions } from "@/lib/survey/questionnaire";
import { CreateWaveForm } from "./create-wave-form";
import { WaveActions } from "./wave-actions";
import { todayInKazakhstan } from "@/lib/time";

export const dynamic = "force-dynamic";

/** Survey waves: their status, dates and towns, and the way from draft to open to closed. */
export default async function AdminWaves({ params }: PageProps<"/[locale]/staff/admin/waves">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const user = await requireStaff(rolesFor("waves.manage"), { locale, next: `/${locale}/staff/admin/waves` });
  const t = await getTranslations({ locale, namespace: "adminWaves" });
  const format = await getFormatter({ locale });
  // A town that left the official list stays choosable, marked so.
  const tTowns = await getTranslations({ locale, namespace: "adminIndicators" });
  const [waves, towns] = await Promise.all([fieldworkProgress(), allTowns()]);
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <StaffFormPage locale={locale} path="/staff/admin/waves" back="/staff/admin" user={user} namespace="adminWaves">
      <h2>{t("listTitle")}</h2>
      {waves.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ScrollRegion label={t("listTitle")}>
          <table data-testid="waves">
            <thead>
              <tr>
                <th scope="col">{t("wave")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("dates")}</th>
                <th scope="col">{t("towns")}</th>
                <th scope="col">{t("invitationOnly")}</th>
                <th scope="col">{t("resultsHidden")}</th>
                <th scope="col" className="num">{t("responses")}</th>
                <th scope="col">{t("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {waves.map((wave) => (
                <tr key={wave.id} data-wave={wave.slug}>
                  <td>
                    {wave.name[locale]}
                    <br />
                    <code>{wave.slug}</code>
                  </td>
                  <td>{t(`statuses.${wave.status}`)}</td>
                  <td>
                    {day(wave.opensOn)} – {day(wave.closesOn)}
                  </td>
                  <td>{wave.towns.map((town) => town.name[locale]).join(", ")}</td>
                  <td>{wave.requiresInvitation ? t("yes") : t("no")}</td>
                  <td>{wave.status === "closed" ? t("shownClosed") : wave.hideResultsUntilClosed ? t("yes") : t("no")}</td>
                  {/* How many answered, not what: the admin running a wave needs to see it reach people. */}
                  <td className="num">{format.number(wave.responses)}</td>
                  <td>
                    <WaveActions slug={wave.slug} status={wave.status} hideResultsUntilClosed={wave.hideResultsUntilClosed} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <h2>{t("createTitle")}</h2>
      <CreateWaveForm
        towns={towns.map((town) => ({ code: town.code, name: town.name[locale], region: town.region[locale], ...(town.former !== null && { formerNote: tTowns("towns.former") }) }))}
        questionnaireVersions={questionnaireVersions}
        defaults={{ questionnaireVersion: latestQuestionnaireVersion, opensOn: todayInKazakhstan() }}
      />
    </StaffFormPage>
  );
}
