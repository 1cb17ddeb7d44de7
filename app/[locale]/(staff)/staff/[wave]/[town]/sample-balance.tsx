import { getTranslations } from "next-intl/server";
import { ScrollRegion } from "@/app/components/share-cells";
import type { BalanceCell, SampleBalance } from "@/lib/stats/sample-balance";

const BAR_AREA = 300;
const LABEL_WIDTH = 190;
const ROW = 34;
const BAR = 12;

/**
 * How far the town's sample is from its people: respondents by age band × sex beside the
 * town's adults, as a picture (paired bars, drawn on the server as SVG) and as a table with
 * the same numbers, then what the weighting covers and its effective sample size.
 *
 * The picture is a figure with a caption like every chart of the dashboard, its SVG named by
 * the caption; the table beside it is the accessible version. A cell of fewer than k
 * respondents, or one hidden so that it cannot be worked out from the total, shows no sample
 * bar and no share, in the picture or the table.
 */
export async function SampleBalanceSection({ locale, k, balance, ageBands, sexes, percent, number }: {
  locale: string;
  k: number;
  balance: SampleBalance;
  ageBands: Map<number, string>;
  sexes: Map<number, string>;
  percent: (share: number) => string;
  number: (value: number) => string;
}) {
  const t = await getTranslations({ locale, namespace: "sampleBalance" });
  const { cells, coverage, publishedEffectiveN, hasPopulation } = balance;
  const cellName = (cell: BalanceCell) => `${ageBands.get(cell.ageBand) ?? cell.ageBand}, ${sexes.get(cell.sex) ?? cell.sex}`;
  const hiddenText = (cell: BalanceCell) => (cell.suppression === "secondary" ? t("hiddenSecondary") : t("fewerThan", { k }));
  const difference = (cell: BalanceCell) =>
    cell.sampleShare === null || cell.populationShare === null
      ? "—"
      : `${cell.sampleShare - cell.populationShare > 0 ? "+" : cell.sampleShare - cell.populationShare < 0 ? "−" : "±"}${number(Math.abs(cell.sampleShare - cell.populationShare) * 100)} ${t("points")}`;
  const max = Math.max(0.01, ...cells.flatMap((cell) => [cell.sampleShare ?? 0, cell.populationShare ?? 0]));
  const scale = (share: number) => (share / max) * BAR_AREA;
  const height = cells.length * ROW + 30;

  if (cells.length === 0) {
    return (
      <section aria-labelledby="sample-balance-title">
        <h2 id="sample-balance-title">{t("title")}</h2>
        <p>{t("noRespondents")}</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="sample-balance-title" data-testid="sample-balance">
      <h2 id="sample-balance-title">{t("title")}</h2>
      <p>{hasPopulation ? t("intro", { k }) : t("noPopulation", { k })}</p>

      <figure className="chart-figure" data-testid="chart-sample-balance">
        <svg
          role="img"
          aria-labelledby="sample-balance-chart-title sample-balance-chart-alt"
          viewBox={`0 0 ${LABEL_WIDTH + BAR_AREA + 110} ${height}`}
          width="100%"
          className="sample-balance-chart"
        >
          <g fontSize="12" fill="#1b1f24">
            <rect x={LABEL_WIDTH} y={4} width={12} height={10} fill="#0b6e4f" />
            <text x={LABEL_WIDTH + 16} y={13}>{t("sampleShare")}</text>
            <rect x={LABEL_WIDTH + 150} y={4} width={12} height={10} fill="#9db4c8" />
            <text x={LABEL_WIDTH + 166} y={13}>{t("populationShare")}</text>
            {cells.map((cell, i) => {
              const top = 26 + i * ROW;
              return (
                <g key={`${cell.ageBand}:${cell.sex}`} data-cell={`${cell.ageBand}:${cell.sex}`}>
                  <text x={LABEL_WIDTH - 8} y={top + BAR + 4} textAnchor="end">{cellName(cell)}</text>
                  {cell.sampleShare === null ? (
                    <text x={LABEL_WIDTH + 4} y={top + BAR - 2} fill="#5b6470" fontStyle="italic">{hiddenText(cell)}</text>
                  ) : (
                    <>
                      <rect x={LABEL_WIDTH} y={top} width={scale(cell.sampleShare)} height={BAR} fill="#0b6e4f" />
                      <text x={LABEL_WIDTH + scale(cell.sampleShare) + 4} y={top + BAR - 2}>{percent(cell.sampleShare)}</text>
                    </>
                  )}
                  {cell.populationShare !== null && (
                    <>
                      <rect x={LABEL_WIDTH} y={top + BAR + 2} width={scale(cell.populationShare)} height={BAR} fill="#9db4c8" />
                      <text x={LABEL_WIDTH + scale(cell.populationShare) + 4} y={top + 2 * BAR}>{percent(cell.populationShare)}</text>
                    </>
                  )}
                </g>
              );
            })}
          </g>
        </svg>
        <figcaption>
          <strong id="sample-balance-chart-title">{t("chartTitle")}</strong> <span id="sample-balance-chart-alt">{t("chartAlt", { k })}</span>
        </figcaption>
      </figure>

      <ScrollRegion label={t("tableTitle")}>
        <table data-testid="sample-balance-table">
          <caption>{t("tableTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cell")}</th>
              <th scope="col" className="num">{t("sampleShare")}</th>
              <th scope="col" className="num">{t("respondents")}</th>
              <th scope="col" className="num">{t("populationShare")}</th>
              <th scope="col" className="num">{t("difference")}</th>
            </tr>
          </thead>
          <tbody>
            {cells.map((cell) => (
              <tr key={`${cell.ageBand}:${cell.sex}`} data-cell={`${cell.ageBand}:${cell.sex}`} data-suppression={cell.suppression ?? "none"}>
                <th scope="row">{cellName(cell)}</th>
                <td className="num">{cell.sampleShare === null ? hiddenText(cell) : percent(cell.sampleShare)}</td>
                <td className="num">{cell.respondents === null ? (cell.suppression === "secondary" ? "—" : `< ${k}`) : cell.respondents}</td>
                <td className="num">{cell.populationShare === null ? "—" : percent(cell.populationShare)}</td>
                <td className="num">{difference(cell)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <h3>{t("coverageTitle")}</h3>
      <ul data-testid="weighting-coverage">
        <li data-testid="coverage-respondents">
          {t("coverageRespondents", {
            respondents: coverage.respondents,
            responses: coverage.responses,
            share: coverage.respondentShare === null ? "—" : percent(coverage.respondentShare),
          })}
        </li>
        {hasPopulation && (
          <li data-testid="coverage-empty-cells">
            {coverage.emptyCells === 0 ? t("noEmptyCells") : t("emptyCells", { count: coverage.emptyCells, share: percent(coverage.emptyPopulationShare) })}
          </li>
        )}
        {coverage.unmatchedRespondents > 0 && <li>{t("unmatched")}</li>}
        {hasPopulation && (
          <li data-testid="effective-n">
            {publishedEffectiveN === null
              ? t("effectiveNone")
              : t("effectiveN", { neff: publishedEffectiveN, respondents: coverage.respondents })}
          </li>
        )}
      </ul>
      <p className="hint">{t("effectiveNote")}</p>
    </section>
  );
}
