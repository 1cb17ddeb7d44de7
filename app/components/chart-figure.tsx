import { getTranslations } from "next-intl/server";
import type { CsvTable } from "@/lib/csv-cells";
import { ChartBox } from "./chart-box";
import { ChartDownloads } from "./chart-downloads";

/**
 * A chart.js chart as a figure everyone can use: a name and a text alternative for screen
 * readers and for anyone who cannot read the picture, and buttons to download the chart
 * as a PNG (on white, with its title) and the numbers of the table beside it as CSV.
 *
 * A server component: it reads the button labels itself, so a page only passes its own texts.
 *
 *   <ChartFigure locale={locale} title="…" alt="…" fileName="ridder-targets" table={{ columns, rows }}>
 *     <TargetsChart … />
 *   </ChartFigure>
 *
 * - title: the chart's short name (the caption's heading and the image's accessible name).
 * - alt: what the chart shows, in words: the text alternative, shown as the caption.
 * - fileName: base name of the downloads, without extension; unique on the page (ids derive from it).
 * - table: the same numbers as the table the page shows beside the chart (numbers as numbers).
 * - height: CSS height of the chart box when the default (.chart) does not fit, e.g. one row per town.
 * - children: the chart, a client component drawing one chart.js canvas. The figure names
 *   and describes it, so the canvas should be aria-hidden rather than carry a name of its own.
 */
export async function ChartFigure({ locale, title, alt, fileName, table, height, children }: {
  locale: string;
  title: string;
  alt: string;
  fileName: string;
  table: CsvTable;
  height?: string;
  children: React.ReactNode;
}) {
  const t = await getTranslations({ locale, namespace: "charts" });
  const altId = `${fileName}-alt`;
  return (
    <figure className="chart-figure" data-testid={`chart-${fileName}`}>
      <ChartBox height={height} label={title} describedBy={altId}>
        {children}
      </ChartBox>
      <ChartDownloads title={title} fileName={fileName} table={table} labels={{ png: t("downloadPng"), csv: t("downloadCsv") }} />
      <figcaption>
        <strong>{title}</strong> <span id={altId}>{alt}</span>
      </figcaption>
    </figure>
  );
}
