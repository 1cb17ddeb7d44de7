import { getTranslations } from "next-intl/server";
import { ChartFigure } from "@/app/components/chart-figure";
import { ScrollRegion, ShareCells } from "@/app/components/share-cells";
import type { LocalizedText } from "@/lib/i18n/locales";
import type { Locale } from "@/lib/i18n/locales";
import type { ShareSummary } from "@/lib/stats/area-score";
import { rankTowns } from "@/lib/stats/compare-towns";
import { MeasureOptions, type MeasureGroup } from "./measure-options";
import { RankingChart } from "./ranking-chart";

export interface CompareTown {
  id: number;
  code: string;
  name: LocalizedText;
}

/** Percent with one decimal as a number, for spreadsheets. */
export const percentNumber = (share: number) => Math.round(share * 1000) / 10;

/** One question or one area across the towns, highest favourable share first, withheld towns last. */
export async function Ranking({ locale, slug, towns, groups, choice, keep, itemSummary, areaSummary, percent, k }: {
  locale: Locale;
  slug: string;
  towns: CompareTown[];
  groups: MeasureGroup[];
  /** `area:<area>` or `item:<id>`; the first area when missing or unknown. */
  choice: string | undefined;
  /** The scatter's choices, kept when this form is sent. */
  keep: Record<string, string | undefined>;
  itemSummary: (townId: number, itemId: string) => ShareSummary;
  areaSummary: (townId: number, area: string) => ShareSummary;
  percent: (share: number) => string;
  k: number;
}) {
  const t = await getTranslations({ locale, namespace: "compare" });
  const item = groups.flatMap((group) => group.items).find((candidate) => `item:${candidate.itemId}` === choice);
  const area = item ? null : (groups.find((group) => `area:${group.area}` === choice) ?? groups[0]!);
  const value = item ? `item:${item.itemId}` : `area:${area!.area}`;
  const label = item ? item.text : t("areaOption", { area: area!.label });
  const { shown, hidden } = rankTowns(towns.map((town) => ({ town, summary: item ? itemSummary(town.id, item.itemId) : areaSummary(town.id, area!.area) })));
  const reason = area ? t("hiddenArea", { k }) : t("hidden", { k });
  const name = (town: CompareTown) => town.name[locale];
  const top = shown[0];
  const bottom = shown.at(-1);

  const table = {
    columns: [t("rank"), t("town"), t("csvShare"), t("csvLow"), t("csvHigh"), t("n")],
    rows: [
      ...shown.map(({ town, estimate }, index) => [index + 1, name(town), percentNumber(estimate.share), percentNumber(estimate.low), percentNumber(estimate.high), estimate.n]),
      ...hidden.map(({ town }) => ["", name(town), reason, "", "", `< ${k}`]),
    ],
  };

  return (
    <section id="ranking" aria-labelledby="ranking-title">
      <h2 id="ranking-title">{t("rankingTitle")}</h2>
      <form method="get" action={`/${locale}/staff/${slug}/compare#ranking`} className="choose">
        <label htmlFor="measure">{t("measure")}</label>
        <select id="measure" name="measure" defaultValue={value}>
          <MeasureOptions groups={groups} areaOption={(areaLabel) => t("areaOption", { area: areaLabel })} />
        </select>
        {Object.entries(keep).map(([key, kept]) => kept && <input key={key} type="hidden" name={key} value={kept} />)}
        <button type="submit" className="button">{t("show")}</button>
      </form>

      <h3 data-testid="ranking-measure">{label}</h3>
      {area && <p className="hint">{t("areaNote")}</p>}
      {top && bottom && (
        <ChartFigure
          locale={locale}
          title={t("rankingChartTitle", { measure: label })}
          alt={t("rankingAlt", { count: shown.length, top: name(top.town), topShare: percent(top.estimate.share), bottom: name(bottom.town), bottomShare: percent(bottom.estimate.share) })}
          fileName={`compare-${slug}-${value.replace(":", "-")}`}
          table={table}
          height={`${Math.max(10, shown.length * 2.5 + 4)}rem`}
        >
          <RankingChart
            locale={locale}
            bars={shown.map(({ town, estimate }) => ({ town: name(town), share: estimate.share, low: estimate.low, high: estimate.high, n: estimate.n }))}
          />
        </ChartFigure>
      )}
      <ScrollRegion label={label}>
        <table className="figures" data-testid="ranking-table">
          <thead>
            <tr>
              <th scope="col" className="num">{t("rank")}</th>
              <th scope="col">{t("town")}</th>
              <th scope="col" className="num">{t("share")}</th>
              <th scope="col" className="num">{t("interval")}</th>
              <th scope="col" className="num">{t("n")}</th>
            </tr>
          </thead>
          <tbody>
            {[...shown, ...hidden].map(({ town, summary }, index) => (
              <tr key={town.id} data-town={town.code}>
                <td className="num">{summary.estimate ? index + 1 : "—"}</td>
                <th scope="row">
                  <a href={`/${locale}/staff/${slug}/${town.code}`}>{name(town)}</a>
                </th>
                <ShareCells summary={summary} k={k} percent={percent} suppressedLabel={reason} testId={`town-${town.code}`} />
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
