import { getFormatter, getTranslations } from "next-intl/server";
import type { ExportLogListing } from "@/server/export/exports-page";
import type { DisclosureReport } from "@/lib/export/types";

/** What disclosure control did to one export, in a line: values blanked, bands merged, cells hidden. */
function disclosureCounts(report: Partial<DisclosureReport>) {
  return {
    suppressed: (report.suppressed ?? []).reduce((sum, entry) => sum + entry.values, 0),
    generalised: (report.generalised ?? []).length,
    hidden: (report.cellsHidden?.primary ?? 0) + (report.cellsHidden?.group ?? 0) + (report.cellsHidden?.secondary ?? 0),
  };
}

/** The export log: who took what, when, through which door, and what disclosure control did. */
export async function ExportLogTable({ entries, showWho, locale }: { entries: ExportLogListing[]; showWho: boolean; locale: string }) {
  const t = await getTranslations({ locale, namespace: "exports" });
  const format = await getFormatter({ locale });
  if (entries.length === 0) return <p>{t("noExports")}</p>;
  return (
    <div className="table-scroll">
      <table data-testid="export-log">
        <thead>
          <tr>
            <th scope="col">{t("when")}</th>
            {showWho && <th scope="col">{t("who")}</th>}
            <th scope="col">{t("wave")}</th>
            <th scope="col">{t("what")}</th>
            <th scope="col" className="num">k</th>
            <th scope="col">{t("freeText")}</th>
            <th scope="col">{t("via")}</th>
            <th scope="col" className="num">{t("rows")}</th>
            <th scope="col">{t("disclosure")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{format.dateTime(entry.at, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Almaty" })}</td>
              {showWho && <td>{entry.actorEmail}</td>}
              <td>
                <code>{entry.waveSlug}</code>
              </td>
              <td>
                {t.has(`kinds.${entry.kind}`) ? t(`kinds.${entry.kind}`) : entry.kind}, {t.has(`formats.${entry.format}`) ? t(`formats.${entry.format}`) : entry.format}
              </td>
              <td className="num">{String(entry.options.k ?? "")}</td>
              <td>{entry.options.includeText ? t("yes") : t("no")}</td>
              <td>{t(`vias.${entry.via}`)}</td>
              <td className="num">{entry.rows === null ? t("unfinished") : format.number(entry.rows)}</td>
              <td>{t("disclosureSummary", disclosureCounts(entry.disclosure as Partial<DisclosureReport>))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
