import { getFormatter, getTranslations } from "next-intl/server";
import type { ShownCommitment, Shown } from "@/server/commitments/public";
import type { Locale } from "@/lib/i18n/locales";

/**
 * The town's answer to its residents ("you said, we did"), made for a phone: each
 * commitment with what was heard, what will be done, by whom and when, its status and
 * progress (a CSS bar), "overdue" said in words, its evidence, "did it work" when a later
 * wave has read the figure again, and its history folded in a <details>. Server-rendered,
 * no script. Long words and links wrap, so nothing is wider than the screen.
 */
export async function CommitmentList({ locale, commitments, headingLevel = 3, showEdit }: {
  locale: Locale;
  commitments: ShownCommitment[];
  /** The level of each commitment's heading under the page's own. */
  headingLevel?: 2 | 3 | 4;
  /** Staff pages: the address of each commitment's edit page. */
  showEdit?: (id: number) => string;
}) {
  const t = await getTranslations({ locale, namespace: "commitments" });
  const tSurvey = await getTranslations({ locale, namespace: "survey" });
  const format = await getFormatter({ locale });
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
  const percent = (share: number) => format.number(share, { style: "percent", maximumFractionDigits: 0 });
  const points = (value: number) => format.number(value, { maximumFractionDigits: 1, signDisplay: "exceptZero" });
  const Heading = `h${headingLevel}` as const;

  // A text not yet translated into the reader's language shows in the one it has, marked.
  const text = (shown: Shown) =>
    shown === null ? (
      "—"
    ) : shown.language === locale ? (
      shown.text
    ) : (
      <>
        <span lang={shown.language}>{shown.text}</span> <span className="hint">({t("untranslated")})</span>
      </>
    );

  if (commitments.length === 0) return <p>{t("none")}</p>;
  return (
    <ol className="commitments">
      {commitments.map((commitment) => {
        const linked = commitment.link.kind === "area" && commitment.link.areaId ? { text: tSurvey(`areas.${commitment.link.areaId}` as "areas.services"), language: locale } : commitment.link.label;
        return (
          <li key={commitment.id} className="commitment" data-status={commitment.status} data-commitment={commitment.id}>
            <p className="commitment-heard">
              <span className="commitment-label">{t("youSaid")}</span> {text(commitment.heard)}
            </p>
            <Heading className="commitment-action">
              <span className="commitment-label">{t("weDo")}</span> {text(commitment.action)}
            </Heading>
            <p className="commitment-badges">
              <span className={`badge commitment-status status-${commitment.status}`}>{t(`status.${commitment.status}`)}</span>
              {commitment.overdue && <strong className="badge commitment-overdue">{t("overdue", { date: day(commitment.dueOn) })}</strong>}
            </p>
            {commitment.status !== "declined" && (
              <div className="commitment-progress">
                <span>{t("progress", { percent: percent(commitment.progress / 100) })}</span>
                {/* A drawing, not a styled box: the page's CSP allows no style attributes (docs/decisions/0016). */}
                <svg className="commitment-bar" aria-hidden="true" viewBox="0 0 100 1" preserveAspectRatio="none">
                  <rect width={commitment.progress} height="1" />
                </svg>
              </div>
            )}
            {commitment.status === "declined" && (
              <p>
                <strong>{t("declinedBecause")}</strong> {text(commitment.declineReason)}
              </p>
            )}
            <dl className="commitment-facts">
              <dt>{t("responsible")}</dt>
              <dd>{text(commitment.responsibleBody)}</dd>
              <dt>{t("due")}</dt>
              <dd>{day(commitment.dueOn)}</dd>
              <dt>{t(`answers.${commitment.link.kind}`)}</dt>
              <dd>
                {text(linked)} <span className="hint">({commitment.answeredWave.name})</span>
              </dd>
            </dl>
            {commitment.outcome && (
              <p className="commitment-outcome" data-testid="did-it-work">
                <strong>{t("didItWork")}</strong>{" "}
                {commitment.outcome.kind === "share"
                  ? t("outcome.share", {
                      before: percent(commitment.outcome.before.share),
                      after: percent(commitment.outcome.after.share),
                      wave: commitment.outcome.later.name[locale],
                      points: points(commitment.outcome.change.points),
                      low: percent(commitment.outcome.after.low),
                      high: percent(commitment.outcome.after.high),
                      n: format.number(Math.round(commitment.outcome.after.n)),
                    }) +
                    " " +
                    t(commitment.outcome.change.beyondNoise ? "outcome.beyondNoise" : "outcome.withinNoise")
                  : t("outcome.indicator", {
                      before: format.number(commitment.outcome.before.value),
                      beforePeriod: commitment.outcome.before.period,
                      after: format.number(commitment.outcome.after.value),
                      afterPeriod: commitment.outcome.after.period,
                      unit: commitment.outcome.unit[locale],
                    })}
              </p>
            )}
            {commitment.evidenceUrls.length > 0 && (
              <>
                <p className="commitment-evidence-title">{t("evidence")}</p>
                <ul className="commitment-evidence">
                  {commitment.evidenceUrls.map((url) => (
                    <li key={url}>
                      <a href={url} rel="noopener noreferrer nofollow">
                        {url.replace(/^https?:\/\//, "")}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <details className="commitment-timeline">
              <summary>{t("timeline", { count: commitment.updates.length })}</summary>
              <ol>
                {commitment.updates.map((update) => (
                  <li key={update.id}>
                    <time dateTime={update.on}>{day(update.on)}</time>: {update.first ? t("published") : t(`status.${update.status}`)}
                    {update.status !== "declined" && <> · {percent(update.progress / 100)}</>}
                    {update.note && <> · {text(update.note)}</>}
                  </li>
                ))}
              </ol>
            </details>
            {showEdit && (
              <p>
                <a href={showEdit(commitment.id)}>{t("edit")}</a>
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
