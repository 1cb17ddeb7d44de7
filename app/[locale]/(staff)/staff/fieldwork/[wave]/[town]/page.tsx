import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { ScrollRegion } from "@/app/components/share-cells";
import { requireStaff } from "@/server/auth/session";
import { fieldworkTown } from "@/server/fieldwork/supervision";
import { maySuperviseTown } from "@/server/fieldwork/scope";
import { rolesFor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { ageBand, sex } from "@/lib/survey/scales";
import { StaffFormPage } from "../../../staff-form-page";
import { AssignmentForm, CloseAssignmentButton } from "./assignments";
import { MonitorRefresh } from "./monitor-refresh";
import { ReviewForm } from "./review-form";
import { forbidden } from "next/navigation";

export const dynamic = "force-dynamic";

/**
 * One wave × town's fieldwork: assignments (made and closed here), the monitor of completes
 * per quota cell and mode, the quality report per interviewer, and the interviews to review.
 * Fieldwork numbers only, never an answer or a share, so it shows while results are hidden.
 */
export default async function FieldworkTown({ params }: PageProps<"/[locale]/staff/fieldwork/[wave]/[town]">) {
  const { locale: given, wave: slug, town: townCode } = await params;
  const locale = given as Locale;
  setRequestLocale(locale);
  const path = `/staff/fieldwork/${slug}/${townCode}`;
  const user = await requireStaff(rolesFor("fieldwork.supervise"), { locale, next: `/${locale}${path}` });
  if (!maySuperviseTown(user, townCode)) forbidden();
  const data = await fieldworkTown(user, { slug, townCode }).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  });
  const t = await getTranslations({ locale, namespace: "supervision" });
  const format = await getFormatter({ locale });
  const ageNames = new Map(ageBand.options.map((option) => [option.code, option.label[locale]]));
  const sexNames = new Map(sex.options.map((option) => [option.code, option.label[locale]]));
  const cellName = (cell: { ageBand: number; sex: number }) =>
    cell.ageBand === 0 || cell.sex === 0 ? t("cellNotGiven") : `${ageNames.get(cell.ageBand) ?? cell.ageBand}, ${sexNames.get(cell.sex) ?? cell.sex}`;
  const percent = (share: number | null) => (share === null ? "—" : format.number(share, { style: "percent", maximumFractionDigits: 1 }));
  const minutes = (seconds: number) => format.number(seconds / 60, { maximumFractionDigits: 1 });
  const rate = (count: number, total: number) => (total === 0 ? "—" : format.number(count / total, { style: "percent", maximumFractionDigits: 0 }));
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const totals = data.monitor.reduce((sum, cell) => ({ target: sum.target + cell.target, online: sum.online + cell.online, face: sum.face + cell.faceToFace }), { target: 0, online: 0, face: 0 });
  const updatedAt = format.dateTime(new Date(), { timeStyle: "medium", timeZone: "Asia/Almaty" });

  return (
    <StaffFormPage locale={locale} path={path} back="/staff/fieldwork" user={user} namespace="supervision">
      <h2 data-testid="fieldwork-heading">
        {data.wave.name[locale]} · {data.town.name[locale]}
      </h2>
      {!data.open && <p className="notice">{t("waveNotOpen")}</p>}

      <section aria-labelledby="assignments-title">
        <h2 id="assignments-title">{t("assignmentsTitle")}</h2>
        {!data.hasPopulation && (
          <p className="notice" data-testid="no-population">
            {t("noPopulation")} {user.role === "admin" ? <a href={`/${locale}/staff/admin/indicators`}>{t("populationLink")}</a> : t("populationAskAdmin")}
          </p>
        )}
        {data.assignments.length === 0 ? (
          <p>{t("noAssignments")}</p>
        ) : (
          <ScrollRegion label={t("assignmentsTitle")}>
            <table data-testid="assignments">
              <thead>
                <tr>
                  <th scope="col">{t("interviewer")}</th>
                  <th scope="col" className="num">{t("completes")}</th>
                  <th scope="col">{t("quotas")}</th>
                  <th scope="col">{t("state")}</th>
                </tr>
              </thead>
              <tbody>
                {data.assignments.map((assignment) => (
                  <tr key={assignment.id} data-interviewer={assignment.interviewer.email}>
                    <td>
                      {assignment.interviewer.name}
                      {assignment.interviewer.disabled && <span className="hint"> ({t("disabled")})</span>}
                    </td>
                    <td className="num" data-testid="assignment-progress">
                      {t("ofTarget", { completes: assignment.completes, target: assignment.target })}
                    </td>
                    <td>
                      {assignment.cells.length === 0 ? (
                        <span className="hint">{t("noQuotas")}</span>
                      ) : (
                        <ul className="fieldwork-quotas">
                          {assignment.cells.map((cell) => (
                            <li key={`${cell.ageBand}:${cell.sex}`}>
                              {cellName(cell)}: {t("ofTarget", { completes: cell.completes, target: cell.target })}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>{assignment.closedOn ? t("closedOn", { day: day(assignment.closedOn) }) : <CloseAssignmentButton assignmentId={assignment.id} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        {data.wave.status !== "closed" && (
          <>
            <h3>{t("newAssignment")}</h3>
            {data.interviewers.length === 0 ? <p>{t("noInterviewers")}</p> : <AssignmentForm waveSlug={slug} townCode={townCode} interviewers={data.interviewers.map(({ id, name, email }) => ({ id, label: `${name} (${email})` }))} />}
          </>
        )}
      </section>

      <section aria-labelledby="monitor-title" data-testid="monitor">
        <h2 id="monitor-title">{t("monitorTitle")}</h2>
        <p className="hint">{t("monitorIntro")}</p>
        <MonitorRefresh updatedAt={updatedAt} />
        <ScrollRegion label={t("monitorTitle")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("cell")}</th>
                <th scope="col" className="num">{t("populationShare")}</th>
                <th scope="col" className="num">{t("quotaTarget")}</th>
                <th scope="col" className="num">{t("bothModes")}</th>
                <th scope="col" className="num">{t("online")}</th>
                <th scope="col" className="num">{t("faceToFace")}</th>
              </tr>
            </thead>
            <tbody>
              {data.monitor.map((cell) => (
                <tr key={`${cell.ageBand}:${cell.sex}`} data-cell={`${cell.ageBand}:${cell.sex}`}>
                  <th scope="row">{cellName(cell)}</th>
                  <td className="num">{percent(cell.populationShare)}</td>
                  <td className="num" data-column="target">{cell.target}</td>
                  <td className="num" data-column="both">{cell.online + cell.faceToFace}</td>
                  <td className="num" data-column="online">{cell.online}</td>
                  <td className="num" data-column="faceToFace">{cell.faceToFace}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-cell="total">
                <th scope="row">{t("total")}</th>
                <td className="num">{data.hasPopulation ? percent(1) : "—"}</td>
                <td className="num" data-column="target">{totals.target}</td>
                <td className="num" data-column="both">{totals.online + totals.face}</td>
                <td className="num" data-column="online">{totals.online}</td>
                <td className="num" data-column="faceToFace">{totals.face}</td>
              </tr>
            </tfoot>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="quality-title">
        <h2 id="quality-title">{t("qualityTitle")}</h2>
        {data.quality.length === 0 ? (
          <p>{t("noInterviews")}</p>
        ) : (
          <ScrollRegion label={t("qualityTitle")}>
            <table data-testid="quality">
              <thead>
                <tr>
                  <th scope="col">{t("interviewer")}</th>
                  <th scope="col" className="num">{t("interviews")}</th>
                  <th scope="col" className="num">{t("meanMinutes")}</th>
                  <th scope="col" className="num">{t("speeding")}</th>
                  <th scope="col" className="num">{t("straightLining")}</th>
                  <th scope="col" className="num">{t("ageRefused")}</th>
                  <th scope="col" className="num">{t("sexRefused")}</th>
                  <th scope="col" className="num">{t("overQuota")}</th>
                  <th scope="col" className="num">{t("rejected")}</th>
                </tr>
              </thead>
              <tbody>
                {data.quality.map((row) => (
                  <tr key={row.interviewerId}>
                    <th scope="row">{row.name}</th>
                    <td className="num">{row.interviews}</td>
                    <td className="num">{minutes(row.meanDurationSeconds)}</td>
                    <td className="num">{row.speeding}</td>
                    <td className="num">{row.straightLining}</td>
                    <td className="num">{rate(row.ageBandRefused, row.interviews)}</td>
                    <td className="num">{rate(row.sexRefused, row.interviews)}</td>
                    <td className="num">{row.overQuota}</td>
                    <td className="num">{row.rejected}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="interviews-title">
        <h2 id="interviews-title">{t("interviewsTitle")}</h2>
        {data.interviews.length === 0 ? (
          <p>{t("noInterviews")}</p>
        ) : (
          <ul className="fieldwork-interviews" data-testid="interviews">
            {data.interviews.map((interview) => {
              const shortId = interview.responseId.slice(0, 8);
              const flags = [interview.speeding && t("speeding"), interview.straightLining && t("straightLining"), interview.overQuota && t("overQuota"), interview.needsReview && t("needsReview")].filter(Boolean);
              return (
                <li key={interview.responseId} data-interview={shortId} data-status={interview.status}>
                  <p>
                    <code>{shortId}</code> · {interview.interviewer} · {t("minutes", { minutes: minutes(interview.durationSeconds) })}
                    {flags.length > 0 && <> · {flags.join(", ")}</>}
                  </p>
                  <p data-testid="interview-status">
                    {t(`statuses.${interview.status}`)}
                    {interview.reviewedOn && <> · {day(interview.reviewedOn)}</>}
                    {interview.reviewReason && <> · {interview.reviewReason}</>}
                  </p>
                  {data.open && <ReviewForm responseId={interview.responseId} shortId={shortId} status={interview.status} />}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </StaffFormPage>
  );
}
