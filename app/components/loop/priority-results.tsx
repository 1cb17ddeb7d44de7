import { getFormatter, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import type { PriorityFigure, TownPriorityResults } from "@/server/results/priorities";

/**
 * One town's priorities step, counted (server/results/priorities.ts), for the staff
 * dashboard and the public results page alike: a statement that this is a survey of
 * priorities and not a binding vote, then each priority as a card with a plain SVG bar (its
 * share and 95 % interval), n, cost, whether each rule funds it, and the score of the area
 * it answers; then the two selections with the budget they use. Server-rendered, no chart
 * library, no JavaScript; one column that wraps, so nothing is wider than a 360 px phone.
 */
export async function PriorityResults({ results, locale, headingLevel = 2 }: { results: TownPriorityResults; locale: Locale; headingLevel?: 2 | 3 }) {
  const t = await getTranslations({ locale, namespace: "priorityResults" });
  const tSurvey = await getTranslations({ locale, namespace: "survey" });
  const tCommon = await getTranslations({ locale, namespace: "common" });
  const format = await getFormatter({ locale });
  const percent = (share: number) => format.number(share, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const money = (tenge: number) => format.number(tenge, { style: "currency", currency: "KZT", maximumFractionDigits: 0 });
  const Heading = `h${headingLevel}` as const;
  const Sub = `h${headingLevel + 1}` as "h3" | "h4";
  const { counting, weighting, k } = results;
  const byId = new Map(results.priorities.map((priority) => [priority.id, priority]));
  const titles = (ids: readonly number[]) => ids.map((id) => byId.get(id)?.title[locale] ?? String(id));
  // Most chosen first; hidden ones keep their listed order at the end.
  const shown = [...results.priorities].sort((a, b) => (b.count ?? -1) - (a.count ?? -1));

  const areaLine = (priority: PriorityFigure) => {
    if (!priority.areaScore) return null;
    const area = priority.areaId ? tSurvey(`areas.${priority.areaId}`) : t("linkedItems");
    return priority.areaScore.estimate
      ? t("areaScore", { area, share: percent(priority.areaScore.estimate.share) })
      : t("areaScoreHidden", { area, k });
  };

  return (
    <section className="priority-results" aria-labelledby="priority-results-title" data-testid="priority-results">
      <Heading id="priority-results-title">{t("title")}</Heading>
      <p className="notice" data-testid="not-binding">{t("notBinding")}</p>
      <p>
        {results.rule.kind === "approval" ? t("ruleApproval", { max: results.rule.maxChoices }) : t("ruleBudget")}
        {results.budget !== null && <> {t("budget", { amount: money(results.budget) })}</>}
      </p>
      <p>
        <strong data-testid="priority-ballots">{t("ballots", { count: results.ballots })}</strong>
        {results.demoBallots > 0 && (
          <>
            {" "}
            <span className="badge">{tCommon("demoBadge")}</span> {t("demoBallots", { count: results.demoBallots })}
          </>
        )}
      </p>
      {results.suppressed ? (
        <p className="hint" data-testid="priorities-hidden">{t("hidden", { k })}</p>
      ) : (
        <>
          <p className="hint">{weighting.applied ? t("sharesWeighted") : t("sharesUnweighted")}</p>
          <ol className="priority-list">
            {shown.map((priority) => {
              const estimate = priority.summary.estimate;
              return (
                <li key={priority.id} className="priority-card" data-priority={priority.id}>
                  <Sub className="priority-title">{priority.title[locale]}</Sub>
                  <p className="hint">{priority.description[locale]}</p>
                  {estimate ? (
                    <>
                      <svg className="priority-bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label={t("barLabel", { share: percent(estimate.share), low: percent(estimate.low), high: percent(estimate.high) })}>
                        <rect x="0" y="0" width="100" height="8" className="priority-bar-track" />
                        <rect x="0" y="1" width={estimate.share * 100} height="6" className="priority-bar-fill" />
                        <rect x={estimate.low * 100} y="3.25" width={Math.max(0.5, (estimate.high - estimate.low) * 100)} height="1.5" className="priority-bar-interval" />
                      </svg>
                      <p className="priority-figures" data-testid={`priority-share-${priority.id}`}>
                        <strong>{percent(estimate.share)}</strong> {t("interval", { low: percent(estimate.low), high: percent(estimate.high) })} · n = {format.number(priority.summary.n)}
                        {weighting.applied && !priority.weighted && (
                          <>
                            {" "}
                            <span className="badge">{t("unweightedMark")}</span>
                          </>
                        )}
                      </p>
                    </>
                  ) : (
                    <p className="hint">{priority.suppression === "group" ? t("hiddenGroup") : t("hiddenPrimary", { k })}</p>
                  )}
                  <ul className="priority-facts">
                    <li>{priority.cost === null ? t("noCost") : t("cost", { amount: money(priority.cost) })}</li>
                    {counting.status === "counted" && (
                      <>
                        <li data-testid={`greedy-${priority.id}`}>{priority.greedy ? t("fundedGreedy") : t("notFundedGreedy")}</li>
                        <li data-testid={`equal-shares-${priority.id}`}>
                          {priority.equalShares === "equal-shares" ? t("fundedEqualShares") : priority.equalShares === "completion" ? t("fundedCompletion") : t("notFundedEqualShares")}
                        </li>
                      </>
                    )}
                    {areaLine(priority) && <li>{areaLine(priority)}</li>}
                  </ul>
                </li>
              );
            })}
          </ol>
          {counting.status === "counted" ? (
            <div className="priority-selections">
              <Sub>{t("selectionsTitle")}</Sub>
              <p className="hint">{t("selectionsNote")}</p>
              <dl>
                <dt>{t("greedyTitle")}</dt>
                <dd data-testid="greedy-selection">
                  {counting.greedy.selected.length > 0 ? format.list(titles(counting.greedy.selected), { type: "conjunction" }) : t("noneSelected")}
                  <span className="hint priority-spent">{t("spent", { spent: money(counting.greedy.cost), budget: money(counting.budget) })}</span>
                  <span className="hint">{t("greedyExplain")}</span>
                </dd>
                <dt>{t("equalSharesTitle")}</dt>
                <dd data-testid="equal-shares-selection">
                  {counting.equalShares.selected.length > 0 ? format.list(titles(counting.equalShares.selected), { type: "conjunction" }) : t("noneSelected")}
                  <span className="hint priority-spent">{t("spent", { spent: money(counting.equalShares.cost), budget: money(counting.budget) })}</span>
                  <span className="hint">{t("equalSharesExplain")}</span>
                </dd>
              </dl>
            </div>
          ) : (
            <p className="hint">{counting.status === "no-budget" ? t("noBudget") : counting.status === "missing-cost" ? t("missingCost") : counting.status === "withheld" ? t("withheld") : null}</p>
          )}
        </>
      )}
    </section>
  );
}
