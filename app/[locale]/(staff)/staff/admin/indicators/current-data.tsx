import { getFormatter, getTranslations } from "next-intl/server";
import type { IndicatorDefinitions, LatestFigures, PopulationStructures } from "@/server/indicators";
import { ScrollRegion } from "@/app/components/share-cells";
import type { Locale } from "@/lib/i18n/locales";
import { isDemoFigure } from "@/lib/demo-figures";
import type { DisplayNames } from "./import-results";

function Source({ citation, url }: { citation: string; url: string | null }) {
  // A made-up demo figure's citation says so in kk, ru and en (lib/demo-figures.ts).
  const text = url ? <a href={url}>{citation}</a> : <>{citation}</>;
  return isDemoFigure({ sourceCitation: citation }) ? <strong>{text}</strong> : text;
}

/** What the database holds now, so an admin sees what an import would add to or change. */
export async function CurrentData({ locale, figures, definitions, population, names }: {
  locale: Locale;
  figures: LatestFigures;
  definitions: IndicatorDefinitions;
  population: PopulationStructures;
  names: DisplayNames;
}) {
  const t = await getTranslations({ locale, namespace: "adminIndicators" });
  const format = await getFormatter({ locale });
  const number = (value: number | null) => (value === null ? "—" : format.number(value, { maximumFractionDigits: 6 }));
  return (
    <>
      <h2>{t("current.heading")}</h2>
      <h3>{t("current.figures")}</h3>
      {figures.length === 0 ? (
        <p>{t("current.noFigures")}</p>
      ) : (
        <ScrollRegion label={t("current.figures")}>
          <table data-testid="current-figures">
            <thead>
              <tr>
                <th scope="col">{t("columns.town")}</th>
                <th scope="col">{t("columns.indicator")}</th>
                <th scope="col">{t("columns.period")}</th>
                <th scope="col" className="num">{t("columns.value")}</th>
                <th scope="col" className="num">{t("columns.target")}</th>
                <th scope="col">{t("columns.source")}</th>
              </tr>
            </thead>
            <tbody>
              {figures.map((figure) => (
                <tr key={`${figure.townCode}-${figure.indicatorCode}`} data-town={figure.townCode} data-indicator={figure.indicatorCode}>
                  <th scope="row">{figure.town[locale]}</th>
                  <td>
                    {figure.indicator[locale]}, {figure.unit[locale]}
                  </td>
                  <td>{figure.period}</td>
                  <td className="num">{figure.value === null ? t("workbook.withheld") : number(figure.value)}</td>
                  <td className="num">{number(figure.target)}</td>
                  <td>
                    <Source citation={figure.sourceCitation} url={figure.sourceUrl} />
                    {figure.retrievedOn && <span className="hint"> {t("workbook.retrievedOnShown", { day: figure.retrievedOn })}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <h3>{t("current.definitions")}</h3>
      <ScrollRegion label={t("current.definitions")}>
        <table data-testid="current-definitions">
          <thead>
            <tr>
              <th scope="col">{t("columns.code")}</th>
              <th scope="col">{t("columns.indicator")}</th>
              <th scope="col">{t("current.unit")}</th>
              <th scope="col">{t("columns.higherIsBetter")}</th>
              <th scope="col">{t("current.programmeTarget")}</th>
            </tr>
          </thead>
          <tbody>
            {definitions.map((indicator) => (
              <tr key={indicator.code}>
                <th scope="row">
                  <code>{indicator.code}</code>
                </th>
                <td>{indicator.name[locale]}</td>
                <td>{indicator.unit[locale]}</td>
                <td>{t(indicator.higherIsBetter ? "current.yes" : "current.no")}</td>
                <td>{indicator.programmeTarget?.[locale] ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <h3>{t("current.population")}</h3>
      {population.length === 0 ? (
        <p>{t("current.noPopulation")}</p>
      ) : (
        <ScrollRegion label={t("current.population")}>
          <table data-testid="current-population">
            <thead>
              <tr>
                <th scope="col">{t("columns.town")}</th>
                <th scope="col">{t("columns.ageBand")}</th>
                <th scope="col">{t("columns.sex")}</th>
                <th scope="col" className="num">{t("columns.population")}</th>
                <th scope="col">{t("columns.year")}</th>
                <th scope="col">{t("columns.source")}</th>
              </tr>
            </thead>
            <tbody>
              {population.map(({ townCode, town, cell }) => (
                <tr key={`${townCode}-${cell.ageBand}-${cell.sex}`}>
                  <th scope="row">{town[locale]}</th>
                  <td>{names.ageBands[cell.ageBand] ?? cell.ageBand}</td>
                  <td>{names.sexes[cell.sex] ?? cell.sex}</td>
                  <td className="num">{format.number(cell.population)}</td>
                  <td>{cell.year}</td>
                  <td>
                    <Source citation={cell.sourceCitation} url={cell.sourceUrl} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
