"use client";

import { useLocale, useTranslations } from "@/lib/i18n/client-messages";
import type { ImportPlan, PlannedRow } from "@/server/indicators";
import type { Field } from "@/lib/indicators/columns";
import { ScrollRegion } from "@/app/components/share-cells";
import type { ImportRejected } from "./actions";

/** Names to show instead of codes, in the page's language. */
export interface DisplayNames {
  towns: Record<string, string>;
  indicators: Record<string, string>;
  ageBands: Record<number, string>;
  sexes: Record<number, string>;
}

/** What the import would add and change (old → new), with the unchanged rows folded away. */
export function PreviewTable({ plan, names }: { plan: ImportPlan; names: DisplayNames }) {
  const t = useTranslations("adminIndicators");
  // Intl directly: next-intl's formatter would grow the shared client bundle of every page,
  // the residents' survey included (webpack keeps used exports per module, not per page).
  const numbers = new Intl.NumberFormat(useLocale(), { maximumFractionDigits: 6 });
  // The parser builds every row in the order of the kind's columns.
  const fields = Object.keys(plan.rows[0]?.row ?? {});
  const show = (field: string, value: Field): string => {
    if (value === null) return field === "value" ? t("workbook.withheld") : "—";
    if (typeof value === "boolean") return t(value ? "current.yes" : "current.no");
    if (field === "town") return names.towns[String(value)] ?? String(value);
    if (field === "indicator") return names.indicators[String(value)] ?? String(value);
    if (field === "ageBand") return names.ageBands[Number(value)] ?? String(value);
    if (field === "sex") return names.sexes[Number(value)] ?? String(value);
    if (typeof value === "number" && field !== "year") return numbers.format(value);
    return String(value);
  };
  const table = (rows: PlannedRow[], label: string) => (
    <ScrollRegion label={label}>
      <table data-testid={`preview-${rows[0]?.status === "unchanged" ? "unchanged" : "changes"}`}>
        <thead>
          <tr>
            <th scope="col">{t("preview.line")}</th>
            <th scope="col">{t("preview.status")}</th>
            {fields.map((field) => (
              <th scope="col" key={field}>
                {field === "retrievedOn" ? t("workbook.retrievedOnColumn") : t(`columns.${field}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ line, status, row, previous, townWritten }, index) => {
            const now = row as Record<string, Field>;
            const before = previous as Record<string, Field> | null;
            return (
              // A bureau file's record gives a row per period, so lines repeat.
              <tr key={`${line}:${index}`} data-status={status}>
                <th scope="row">{line}</th>
                <td>{t(`preview.statuses.${status}`)}</td>
                {fields.map((field) => (
                  <td key={field}>
                    {field === "town" && townWritten !== undefined ? (
                      // How a name was read: "г. Риддер → Риддер".
                      <span title={t("towns.matchedAs")}>
                        {townWritten} → {show(field, now[field] ?? null)}
                      </span>
                    ) : before && before[field] !== now[field] ? (
                      <>
                        <span className="hint">{show(field, before[field] ?? null)}</span> → <strong>{show(field, now[field] ?? null)}</strong>
                      </>
                    ) : (
                      show(field, now[field] ?? null)
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
  const changes = plan.rows.filter((row) => row.status !== "unchanged");
  const unchanged = plan.rows.filter((row) => row.status === "unchanged");
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t("preview.heading")}</h2>
      <p data-testid="preview-summary">{t("preview.summary", plan.counts)}</p>
      {plan.sheet && <p data-testid="preview-sheet">{t("workbook.fromSheet", { sheet: plan.sheet.name })}</p>}
      {plan.skipped && plan.skipped.length > 0 && (
        <p className="hint">{t("workbook.skipped", { count: plan.skipped.length, territories: plan.skipped.slice(0, 10).join(", ") })}</p>
      )}
      {changes.length > 0 && table(changes, t("preview.heading"))}
      {unchanged.length > 0 && (
        <details>
          <summary>{t("preview.unchangedRows", { count: unchanged.length })}</summary>
          {table(unchanged, t("preview.unchangedRows", { count: unchanged.length }))}
        </details>
      )}
    </section>
  );
}

/** Every problem in the file, with its line and column, and the assurance that nothing was written. */
export function ProblemTable({ rejected }: { rejected: ImportRejected }) {
  const t = useTranslations("adminIndicators");
  // The workbook and bureau readers' keys are full paths in the namespace ("workbook.issues.macros").
  const messageOf = (problem: { key: string; params?: Record<string, string | number> }) =>
    // Keys with a dot name their own group (workbook.issues.*, towns.*); the others are issues.*.
    problem.key.includes(".") ? t(problem.key, problem.params) : t(`issues.${problem.key}`, problem.params);
  const rows = [
    ...rejected.fileErrors.map((problem) => ({ line: t("problems.wholeFile"), column: "—", problem })),
    ...rejected.issues.map((issue) => ({ line: String(issue.line), column: issue.column ?? t("problems.wholeRow"), problem: issue })),
  ];
  return (
    <section aria-labelledby="problems-heading">
      <div className="alert" role="alert">
        <h2 id="problems-heading">{t("problems.heading")}</h2>
        <p>{t("problems.intro")}</p>
        {rejected.sheet && <p>{t("workbook.fromSheet", { sheet: rejected.sheet.name })}</p>}
      </div>
      <ScrollRegion label={t("problems.heading")}>
        <table data-testid="import-problems">
          <thead>
            <tr>
              <th scope="col">{t("problems.line")}</th>
              <th scope="col">{t("problems.column")}</th>
              <th scope="col">{t("problems.message")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ line, column, problem }, index) => (
              <tr key={index}>
                <th scope="row">{line}</th>
                <td>{column}</td>
                <td>{messageOf(problem)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {rejected.issueCount > rejected.issues.length && <p>{t("problems.more", { shown: rejected.issues.length, count: rejected.issueCount })}</p>}
    </section>
  );
}
