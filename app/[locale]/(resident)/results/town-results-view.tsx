import { getFormatter, getTranslations } from "next-intl/server";
import { CommitmentList } from "@/app/components/loop/commitment-list";
import { PriorityResults } from "@/app/components/loop/priority-results";
import { loadTownCommitments, type ShownCommitment } from "@/server/commitments/public";
import { loadTownPriorityResults } from "@/server/results/priorities";
import type { loadPublicTownResults } from "@/server/results/public-results";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { areaFigures, headlines, type AreaFigure, type Headline } from "@/lib/results/headlines";
import type { ShareSummary } from "@/lib/stats/area-score";
import { publicSummary } from "@/lib/stats/public-summary";
import { allItemSummaries, targetsVsPeople } from "@/lib/stats/targets-vs-people";

export type PublishedResults = Extract<NonNullable<Awaited<ReturnType<typeof loadPublicTownResults>>>, { published: true }>;

/**
 * A town's published results, made for a phone: a few headlines, each area of life as a bar
 * with its interval and its change since the last wave, then the town's priorities and its
 * answer (closing the loop), then every question for those who want it, as cards on a phone.
 * Server-rendered, plain SVG: no script of its own.
 */
export async function TownResultsView({ results, locale, tableOpen, children }: {
  results: PublishedResults;
  locale: Locale;
  /** Whether every question shows at once (a wave's own page), or one tap away (the town's page). */
  tableOpen: boolean;
  /** Shown under the response count: what the page adds (a running wave, a link to the town's page). */
  children?: React.ReactNode;
}) {
  const { wave, questionnaire, counts, figures, previous } = results;
  // Closing the loop: the town's priorities in this wave (unweighted, like the rest of the
  // page) and the town's answer, all its commitments with their status and history.
  const [priorities, answer] = await Promise.all([
    loadTownPriorityResults(wave, results.town.id, { weighted: false }),
    loadTownCommitments(results.town.code, locale),
  ]);
  const k = env.DISCLOSURE_MIN_CELL;
  const t = await getTranslations({ locale, namespace: "results" });
  const tPage = await getTranslations({ locale, namespace: "publicPage" });
  const tCommon = await getTranslations({ locale, namespace: "common" });
  const tSurvey = await getTranslations({ locale, namespace: "survey" });
  const format = await getFormatter({ locale });
  const percent = (share: number) => format.number(share, { style: "percent", maximumFractionDigits: 0 });
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  const areaName = (area: string) => tSurvey(`areas.${area}`);

  const items = allItemSummaries({ questionnaire, counts, k, locale });
  const previousItems = previous
    ? new Map(
        allItemSummaries({ questionnaire: previous.questionnaire, counts: previous.counts, k, locale })
          .filter((item) => previous.comparable(item.itemId))
          .map((item) => [item.itemId, item.summary]),
      )
    : null;
  const areas = areaFigures({ areas: questionnaire.areas, items, previous: previousItems });
  const summary = publicSummary({
    responses: results.responses,
    demoResponses: results.demoResponses,
    areas: questionnaire.areas,
    items,
    targets: targetsVsPeople({ questionnaire, counts, figures, k, locale }),
    format: { percent, list: (names) => list.format(names.map((name) => t("summary.quoted", { name }))), areaName },
  });
  // The summary's count of answers and its targets-met-yet-residents-disagree sentence; the
  // best and worst areas are the headlines' (with the change since the last wave).
  const sentences = [
    ...summary.filter((sentence) => sentence.key === "answered").map((sentence) => t(`summary.${sentence.key}`, sentence.values)),
    ...headlines(areas).map((headline) => headlineText(headline)),
    ...summary.filter((sentence) => sentence.key === "metButDisagree").map((sentence) => t(`summary.${sentence.key}`, sentence.values)),
  ];

  function headlineText(headline: Headline): string {
    switch (headline.key) {
      case "noAreas":
        return tPage("headlines.noAreas");
      case "steady":
        return tPage("headlines.steady", { count: headline.count, wave: previous!.wave.name[locale] });
      case "rose":
      case "fell":
        return tPage(`headlines.${headline.key}`, { area: areaName(headline.area), points: Math.round(headline.points), share: percent(headline.share), wave: previous!.wave.name[locale] });
      default:
        return tPage(`headlines.${headline.key}`, { area: areaName(headline.area), share: percent(headline.share) });
    }
  }

  return (
    <>
      <p>
        <strong>{t("responses", { count: results.responses })}</strong>
        {results.demoResponses > 0 && (
          <>
            {" "}
            <span className="badge">{tCommon("demoBadge")}</span> {tCommon("demoNotice", { count: results.demoResponses })}
          </>
        )}
      </p>
      {children}

      <section aria-labelledby="headlines-title">
        <h2 id="headlines-title">{t("summaryTitle")}</h2>
        <ul className="headlines" data-testid="results-summary">
          {sentences.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="areas-title">
        <h2 id="areas-title">{tPage("areasTitle")}</h2>
        <p className="hint">{tPage("areasIntro", { k })}</p>
        <ul className="area-figures" data-testid="area-figures">
          {areas.map((figure) => (
            <AreaCard
              key={figure.area}
              figure={figure}
              name={areaName(figure.area)}
              percent={percent}
              labels={{
                interval: (low, high) => tPage("interval", { low, high }),
                answers: (n) => tPage("answers", { n }),
                withheld: tPage("withheld", { k }),
                change: figure.change
                  ? tPage(figure.change.points > 0.5 ? "change.up" : figure.change.points < -0.5 ? "change.down" : "change.same", {
                      points: Math.round(Math.abs(figure.change.points)),
                      wave: previous!.wave.name[locale],
                    })
                  : previous
                    ? tPage("change.notCompared", { wave: previous.wave.name[locale] })
                    : tPage("change.first"),
                noise: figure.change ? tPage(figure.change.beyondNoise ? "change.beyond" : "change.noise") : null,
              }}
            />
          ))}
        </ul>
      </section>

      {priorities && <PriorityResults results={priorities} locale={locale} headingLevel={2} />}

      <TownAnswer locale={locale} commitments={answer?.commitments ?? []} />

      <details className="all-questions" open={tableOpen}>
        <summary>
          <h2 id="questions-title">{tPage("tableTitle")}</h2>
        </summary>
        <p className="hint">{t("intro", { wave: wave.name[locale], k })}</p>
        <table className="reflow" aria-labelledby="questions-title">
          <thead>
            <tr>
              <th scope="col">{t("item")}</th>
              <th scope="col" className="num">{t("share")}</th>
              <th scope="col" className="num">{t("interval")}</th>
              <th scope="col" className="num">{t("n")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map(({ itemId, text, favourable, summary }) => (
              <tr key={itemId} data-item={itemId}>
                <th scope="row">
                  {text}
                  <span className="hint item-favourable">{t("favourableIs", { answers: format.list(favourable, { type: "disjunction" }) })}</span>
                </th>
                <ReflowCells summary={summary} k={k} percent={percent} labels={{ share: t("share"), interval: t("interval"), n: t("n"), suppressed: t("suppressed", { k }) }} />
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

/** One area of life: its share as a bar with the 95 % interval as a whisker, and its change since the last wave. */
function AreaCard({ figure, name, percent, labels }: {
  figure: AreaFigure;
  name: string;
  percent: (share: number) => string;
  labels: { interval: (low: string, high: string) => string; answers: (n: number) => string; withheld: string; change: string; noise: string | null };
}) {
  const estimate = figure.score?.estimate;
  const change = figure.change;
  const direction = !change ? "none" : change.points > 0.5 ? "up" : change.points < -0.5 ? "down" : "same";
  const arrow = { up: "▲", down: "▼", same: "▶", none: "" }[direction];
  return (
    <li className="area-figure" data-figure data-area={figure.area}>
      <div className="area-head">
        <h3>{name}</h3>
        <span className="area-share" data-testid={`area-share-${figure.area}`}>
          {estimate ? percent(estimate.share) : "—"}
        </span>
      </div>
      {estimate ? (
        <>
          <svg className="bar" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect x="0" y="2" width="100" height="8" rx="1" className="bar-track" />
            <rect x="0" y="2" width={estimate.share * 100} height="8" rx="1" className="bar-fill" />
            <line x1={estimate.low * 100} x2={estimate.high * 100} y1="6" y2="6" className="bar-whisker" />
            <line x1={estimate.low * 100} x2={estimate.low * 100} y1="1" y2="11" className="bar-whisker" />
            <line x1={estimate.high * 100} x2={estimate.high * 100} y1="1" y2="11" className="bar-whisker" />
          </svg>
          <p className="area-numbers">
            {labels.interval(percent(estimate.low), percent(estimate.high))} · {labels.answers(figure.score!.n)}
          </p>
        </>
      ) : (
        <p className="area-numbers">{labels.withheld}</p>
      )}
      <p className={`area-change ${direction}${change?.beyondNoise ? " beyond" : ""}`} data-testid={`area-change-${figure.area}`}>
        {arrow && <span aria-hidden="true">{arrow} </span>}
        {labels.change}
        {labels.noise && <>, {labels.noise}</>}
      </p>
    </li>
  );
}

/** The share, interval and n of a question, each labelled for the card it becomes on a phone; all three withheld below k. */
function ReflowCells({ summary, k, percent, labels }: {
  summary: ShareSummary;
  k: number;
  percent: (share: number) => string;
  labels: { share: string; interval: string; n: string; suppressed: string };
}) {
  const { estimate } = summary;
  return (
    <>
      <td className="num" data-label={labels.share}>
        {estimate ? <span className="value">{percent(estimate.share)}</span> : <span>{labels.suppressed}</span>}
      </td>
      <td className="num" data-label={labels.interval}>
        <span className="value">{estimate ? `${percent(estimate.low)}–${percent(estimate.high)}` : "—"}</span>
      </td>
      <td className="num" data-label={labels.n}>
        <span className="value">{summary.suppressed ? `< ${k}` : summary.n}</span>
      </td>
    </>
  );
}

/**
 * The town's answer to its residents: every commitment with its status and history. Shown
 * under a wave's results and, before any wave of the town has closed, on the town's page on
 * its own: officials may answer what they see while a wave runs.
 */
export async function TownAnswer({ locale, commitments }: { locale: Locale; commitments: ShownCommitment[] }) {
  const tPage = await getTranslations({ locale, namespace: "publicPage" });
  return (
    <section aria-labelledby="answer-title">
      <h2 id="answer-title">{tPage("answerTitle")}</h2>
      <p className="hint">{tPage("answerIntro")}</p>
      <CommitmentList locale={locale} commitments={commitments} headingLevel={3} />
    </section>
  );
}
