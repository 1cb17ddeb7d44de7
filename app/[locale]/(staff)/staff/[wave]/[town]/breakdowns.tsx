import { getTranslations } from "next-intl/server";
import { ScrollRegion, ShareCells } from "@/app/components/share-cells";
import type { Dimension, BreakdownCell } from "@/lib/stats/breakdowns";
import { modeOf } from "@/lib/fieldwork/mode";
import { MIN_OUTCOME } from "@/lib/stats/disclosure";
import type { Item } from "@/lib/survey/types";

/**
 * One question split by age band, sex, employment and mode. A cell below k is hidden, and where
 * one hidden cell could be worked out from the total, a second one is hidden too; each
 * hidden cell says which of the two it is.
 */
export async function Breakdowns({ locale, k, item, candidates, areaOf, tables, weighting, percent }: {
  locale: string;
  k: number;
  item: Item;
  candidates: Item[];
  areaOf: (area: string) => string;
  tables: Array<{ dimension: Dimension; groups: Map<number, string>; cells: BreakdownCell[] }>;
  weighting: string;
  percent: (share: number) => string;
}) {
  const t = await getTranslations({ locale, namespace: "breakdowns" });
  const tStaff = await getTranslations({ locale, namespace: "staff" });
  const tMode = await getTranslations({ locale, namespace: "mode" });
  const groupName = (dimension: Dimension, code: number) =>
    code === 0 ? t("notStated") : dimension === "mode" ? tMode(`labels.${modeOf(code) ?? "online"}`) : groups(dimension).get(code);
  const groups = (dimension: Dimension) => tables.find((table) => table.dimension === dimension)?.groups ?? new Map<number, string>();
  const areas = [...new Set(candidates.map((candidate) => candidate.area))];
  const lang = locale as keyof Item["text"];
  return (
    <section aria-labelledby="breakdowns-title">
      <h2 id="breakdowns-title">{t("title")}</h2>
      <p>{t("intro", { k })}</p>
      <p>{t("groupRule", { min: MIN_OUTCOME })}</p>
      <form method="get" className="inline-form">
        <input type="hidden" name="weighting" value={weighting} />
        <label htmlFor="breakdown-item">{t("item")}</label>{" "}
        <select id="breakdown-item" name="item" defaultValue={item.id}>
          {areas.map((area) => (
            <optgroup key={area} label={areaOf(area)}>
              {candidates
                .filter((candidate) => candidate.area === area)
                .map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.text[lang]}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>{" "}
        <button type="submit" className="button">{t("show")}</button>
      </form>
      <p className="hint">{t("unweightedOnly")}</p>
      <p className="hint">{tMode("breakdownHint")}</p>
      {tables.map(({ dimension, cells }) => (
        <ScrollRegion key={dimension} label={t(`by.${dimension}`)}>
          <table data-testid={`breakdown-${dimension}`}>
            <caption>
              {item.text[lang]}: {t(`by.${dimension}`)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("group")}</th>
                <th scope="col" className="num">{tStaff("share")}</th>
                <th scope="col" className="num">{tStaff("interval")}</th>
                <th scope="col" className="num">{tStaff("n")}</th>
              </tr>
            </thead>
            <tbody>
              {cells.map((cell) => (
                <tr key={cell.code} data-group={cell.code} data-suppression={cell.suppression ?? "none"}>
                  <th scope="row">{groupName(dimension, cell.code)}</th>
                  {cell.summary.n === 0 ? (
                    <td colSpan={3} className="hint">{t("noAnswers")}</td>
                  ) : (
                    <ShareCells
                      summary={cell.summary}
                      k={k}
                      percent={percent}
                      suppressedLabel={
                        cell.suppression === "secondary" ? t("hiddenSecondary") : cell.suppression === "group" ? t("hiddenGroup") : t("hiddenPrimary", { k })
                      }
                      hiddenN={cell.suppression === "primary" ? undefined : "—"}
                    />
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ))}
    </section>
  );
}
