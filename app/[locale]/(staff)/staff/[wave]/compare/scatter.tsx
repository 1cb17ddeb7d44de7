import { getFormatter, getTranslations } from "next-intl/server";
import { isDemoFigure } from "@/lib/demo-figures";
import { ChartFigure } from "@/app/components/chart-figure";
import { ScrollRegion, ShareCells } from "@/app/components/share-cells";
import type { Indicator, IndicatorValue } from "@/server/indicators";
import type { Locale } from "@/lib/i18n/locales";
import type { ShareSummary } from "@/lib/stats/area-score";
import { scatterPoints } from "@/lib/stats/compare-towns";
import { MeasureOptions, type MeasureGroup } from "./measure-options";
import { percentNumber, type CompareTown } from "./ranking";
import { ScatterChart } from "./scatter-chart";

/** An official indicator across, a resident question up: one point per town, and who is left out and why. */
export async function Scatter({ locale, slug, towns, groups, figures, links, choice, keep, itemSummary, percent, k }: {
  locale: Locale;
  slug: string;
  towns: CompareTown[];
  groups: MeasureGroup[];
  /** The latest figure of each indicator per town. */
  figures: Array<{ indicator: Indicator; value: IndicatorValue }>;
  /** The indicator codes each question speaks to, to open on a fitting pair. */
  links: ReadonlyMap<string, string[]>;
  choice: { indicator: string | undefined; item: string | undefined };
  /** The ranking's choice, kept when this form is sent. */
  keep: Record<string, string | undefined>;
  itemSummary: (townId: number, itemId: string) => ShareSummary;
  percent: (share: number) => string;
  k: number;
}) {
  const t = await getTranslations({ locale, namespace: "compare" });
  const tCommon = await getTranslations({ locale, namespace: "common" });
  const format = await getFormatter({ locale });
  const indicators = [...new Map(figures.map(({ indicator }) => [indicator.code, indicator])).values()];
  const items = groups.flatMap((group) => group.items);
  // A withheld figure has no place on the axis: the town is left out of the plot like one without a figure.
  const figureOf = (code: string, townId: number) => {
    const figure = figures.find((row) => row.indicator.code === code && row.value.townId === townId)?.value;
    return figure && figure.value !== null ? { ...figure, value: figure.value } : null;
  };
  const plot = (code: string, itemId: string) =>
    scatterPoints(towns.map((town) => ({ town, figure: figureOf(code, town.id), summary: itemSummary(town.id, itemId) })));
  // Unless chosen, open on an indicator and a question linked to it that plot the most towns
  // (business questions, asked only of business owners, are often hidden in every town).
  const pairs = indicators.flatMap((candidate) =>
    items
      .filter((item) => links.get(item.itemId)?.includes(candidate.code))
      .map((item) => ({ indicator: candidate, item, plotted: plot(candidate.code, item.itemId).points.length })),
  );
  const best = (among: typeof pairs) => among.reduce<(typeof pairs)[number] | undefined>((top, pair) => (!top || pair.plotted > top.plotted ? pair : top), undefined);
  const indicator = indicators.find((candidate) => candidate.code === choice.indicator) ?? best(pairs)?.indicator ?? indicators[0];

  const heading = <h2 id="scatter-title">{t("scatterTitle")}</h2>;
  if (!indicator) {
    return (
      <section id="scatter" aria-labelledby="scatter-title">
        {heading}
        <p>{t("noIndicators")}</p>
      </section>
    );
  }
  const item =
    items.find((candidate) => candidate.itemId === choice.item) ?? best(pairs.filter((pair) => pair.indicator === indicator))?.item ?? items[0]!;
  const { points, leftOut, commonTarget } = plot(indicator.code, item.itemId);
  const targetsDiffer = commonTarget === null && points.some((point) => point.figure.target !== null);
  const name = (town: CompareTown) => town.name[locale];
  const indicatorName = indicator.name[locale];
  const valueHeading = `${indicatorName}, ${indicator.unit[locale]}`;
  const title = t("scatterChartTitle", { indicator: indicatorName, item: item.text });
  const targetLine = commonTarget === null ? null : t("targetLine", { target: format.number(commonTarget) });

  const table = {
    columns: [t("town"), valueHeading, t("period"), t("target"), t("csvShare"), t("csvLow"), t("csvHigh"), t("n")],
    rows: points.map(({ town, figure, estimate }) => [
      name(town),
      figure.value,
      figure.period,
      figure.target ?? "",
      percentNumber(estimate.share),
      percentNumber(estimate.low),
      percentNumber(estimate.high),
      estimate.n,
    ]),
  };

  return (
    <section id="scatter" aria-labelledby="scatter-title">
      {heading}
      <p>{t("scatterIntro")}</p>
      <form method="get" action={`/${locale}/staff/${slug}/compare#scatter`} className="choose">
        <label htmlFor="indicator">{t("indicator")}</label>
        <select id="indicator" name="indicator" defaultValue={indicator.code}>
          {indicators.map((candidate) => (
            <option key={candidate.code} value={candidate.code}>
              {candidate.name[locale]}, {candidate.unit[locale]}
            </option>
          ))}
        </select>
        <label htmlFor="item">{t("item")}</label>
        <select id="item" name="item" defaultValue={item.itemId}>
          <MeasureOptions groups={groups} />
        </select>
        {Object.entries(keep).map(([key, kept]) => kept && <input key={key} type="hidden" name={key} value={kept} />)}
        <button type="submit" className="button">{t("show")}</button>
      </form>

      <h3 data-testid="scatter-measure">{title}</h3>
      {points.length === 0 ? (
        <p>{t("noPoints")}</p>
      ) : (
        <>
          <ChartFigure
            locale={locale}
            title={title}
            alt={[t("scatterAlt", { count: points.length, indicator: indicatorName }), targetLine].filter(Boolean).join(" ")}
            fileName={`compare-${slug}-${indicator.code}-${item.itemId}`}
            table={table}
            height="24rem"
          >
            <ScatterChart
              locale={locale}
              towns={points.map(({ town, figure, estimate }) => ({ town: name(town), x: figure.value, share: estimate.share, low: estimate.low, high: estimate.high, n: estimate.n }))}
              target={commonTarget}
              xTitle={valueHeading}
              yTitle={t("share")}
              targetLabel={t("target")}
            />
          </ChartFigure>
          {targetsDiffer && <p className="hint">{t("targetsDiffer")}</p>}
          <ScrollRegion label={title}>
            <table className="figures" data-testid="scatter-table">
              <thead>
                <tr>
                  <th scope="col">{t("town")}</th>
                  <th scope="col" className="num">{valueHeading}</th>
                  <th scope="col">{t("period")}</th>
                  <th scope="col" className="num">{t("target")}</th>
                  <th scope="col" className="num">{t("share")}</th>
                  <th scope="col" className="num">{t("interval")}</th>
                  <th scope="col" className="num">{t("n")}</th>
                </tr>
              </thead>
              <tbody>
                {points.map(({ town, figure, estimate }) => (
                  <tr key={town.id} data-town={town.code}>
                    <th scope="row">
                      <a href={`/${locale}/staff/${slug}/${town.code}`}>{name(town)}</a>
                    </th>
                    <td className="num">
                      {format.number(figure.value)}
                      {figureOf(indicator.code, town.id) && isDemoFigure(figureOf(indicator.code, town.id)!) && (
                        <> <span className="badge" title={figureOf(indicator.code, town.id)!.sourceCitation}>{tCommon("demoBadge")}</span></>
                      )}
                    </td>
                    <td className="nowrap">{figure.period}</td>
                    <td className="num">{figure.target === null ? "—" : format.number(figure.target)}</td>
                    <ShareCells summary={{ n: estimate.n, estimate, suppressed: false }} k={k} percent={percent} suppressedLabel="" testId={`scatter-${town.code}`} />
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      {leftOut.length > 0 && (
        <>
          <h3>{t("leftOut")}</h3>
          <ul data-testid="scatter-left-out">
            {leftOut.map(({ town, reason }) => (
              <li key={town.id} data-town={town.code}>
                {name(town)}: {reason === "no-figure" ? t("noFigure", { indicator: indicatorName }) : t("leftOutHidden", { k })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
