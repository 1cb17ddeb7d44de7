"use client";

import { readCsvFile } from "@/app/components/csv-file";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useWatch } from "react-hook-form";
import { Field } from "@/app/components/field";
import { useActionForm } from "@/app/components/use-action-form";
import { useTranslations } from "@/lib/i18n/client-messages";
import type { ActionResult } from "@/lib/action";
import { importInputSchema, importKinds, MAX_IMPORT_BYTES, MAX_WORKBOOK_BYTES, type ImportInput } from "@/lib/indicators/import-schema";
import { applyImport, previewImport, type ImportDone, type ImportPreview, type ImportRejected } from "./actions";
import { PreviewTable, ProblemTable, type DisplayNames } from "./import-results";

type Outcome = ActionResult<object, ImportPreview | ImportRejected | ImportDone>;

/** A file read as text in the browser; any other (a workbook, a bureau file) is sent as it is, to be read on the server. */
const TEXT_FILE = /\.(csv|txt)$/i;
const BUREAU_FILE = /\.json$/i;

/**
 * Choose or paste a file, preview what it would change, then import it. A preview or
 * success message belongs to the text or file it was made for: changing either, the kind
 * or the sheet hides it. `today` is the day in Kazakhstan, the default retrieval day.
 */
export function ImportForm({ columnsByKind, names, today }: { columnsByKind: Record<ImportInput["kind"], { required: string; optional: string }>; names: DisplayNames; today: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [fileError, setFileError] = useState<string | null>(null);
  const [busyWith, setBusyWith] = useState<"preview" | "import">("preview");
  const [sheetNames, setSheetNames] = useState<string[]>([]);
  const { register, setValue, control, submitWith, pending: busy, outcome, errorOf } = useActionForm<ImportInput, Outcome>({
    schema: importInputSchema,
    defaultValues: { kind: "values", csv: "", file: null, sheet: "", indicator: "", sourceAddress: "", retrievedOn: today },
    action: previewImport,
    // The preview stays on screen while it is being imported.
    keepOutcomeWhileSending: true,
    message: t,
    // A request refused before the action runs (too large for the proxy, connection lost)
    // throws rather than answering with a result.
    failedKey: "adminIndicators.form.failed",
    onResult: (result) => {
      if (result.status === "imported") router.refresh();
      const sheet = result.status === "preview" ? result.plan.sheet : result.status === "rejected" ? result.sheet : undefined;
      if (sheet) setSheetNames(sheet.names);
    },
  });
  const [kind, csv, file, sheet, indicator, sourceAddress, retrievedOn] = useWatch({ control, name: ["kind", "csv", "file", "sheet", "indicator", "sourceAddress", "retrievedOn"] });
  // The preview shown is of exactly what would be imported: any field changed since hides it
  // (and with it the import button), so a bureau file cannot be previewed as one indicator
  // and written as another.
  const previewed = outcome?.values;
  const current =
    previewed &&
    previewed.kind === kind &&
    previewed.csv === csv &&
    previewed.file === file &&
    previewed.sheet === sheet &&
    previewed.indicator === indicator &&
    previewed.sourceAddress === sourceAddress &&
    previewed.retrievedOn === retrievedOn
      ? outcome.result
      : null;
  const bureau = file ? BUREAU_FILE.test(file.name) : false;
  const run = (action: "preview" | "import") => {
    const send = submitWith(action === "import" ? applyImport : previewImport);
    return (event?: React.BaseSyntheticEvent) => {
      setBusyWith(action);
      return send(event);
    };
  };

  async function chooseFile(file: File | undefined) {
    setFileError(null);
    setSheetNames([]);
    setValue("sheet", "");
    if (!file) return;
    if (!TEXT_FILE.test(file.name)) {
      if (file.size > MAX_WORKBOOK_BYTES) return setFileError(t("adminIndicators.workbook.tooLarge"));
      setValue("csv", "");
      setValue("file", file, { shouldValidate: true });
      return;
    }
    setValue("file", null);
    const read = await readCsvFile(file, MAX_IMPORT_BYTES);
    if ("csv" in read) setValue("csv", read.csv, { shouldValidate: true });
    else setFileError(t(read.refused === "tooLarge" ? "adminIndicators.form.csvTooLarge" : "adminIndicators.form.notUtf8"));
  }

  const csvError = fileError ?? errorOf("csv");
  const toWrite = current?.status === "preview" ? current.plan.counts.added + current.plan.counts.changed : 0;
  const columns = columnsByKind[kind];

  return (
    <form onSubmit={run("preview")} noValidate aria-busy={busy}>
      <Field id="import-kind" label={t("adminIndicators.form.kind")}>
        <select {...register("kind")}>
          {importKinds.map((option) => (
            <option key={option} value={option}>
              {t(`adminIndicators.form.kinds.${option}`)}
            </option>
          ))}
        </select>
      </Field>
      <p className="hint" id="import-columns">
        {t("adminIndicators.form.columns", { columns: columns.required, optional: columns.optional || t("adminIndicators.form.noOptional") })}
      </p>

      <Field id="import-file" label={t("adminIndicators.form.file")} hint={t("adminIndicators.form.fileHint")}>
        <input
          type="file"
          accept=".csv,.txt,.xlsx,.xls,.xlsm,.json,text/csv,text/plain,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(event) => chooseFile(event.target.files?.[0])}
        />
      </Field>

      {file ? (
        <p className="hint" data-testid="import-chosen-file">
          {t("adminIndicators.workbook.chosen", { name: file.name })}
        </p>
      ) : (
        <Field id="import-csv" label={t("adminIndicators.form.csv")} error={csvError} errorRole="alert" describedBy="import-columns">
          <textarea rows={10} spellCheck={false} {...register("csv")} />
        </Field>
      )}
      {file && csvError && (
        <p className="alert" role="alert">
          {csvError}
        </p>
      )}

      {file && sheetNames.length > 1 && (
        <Field id="import-sheet" label={t("adminIndicators.workbook.sheet")} hint={t("adminIndicators.workbook.sheetHint")}>
          <select {...register("sheet")}>
            <option value="">{t("adminIndicators.workbook.firstSheet")}</option>
            {sheetNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </Field>
      )}

      {bureau && (
        <fieldset>
          <legend>{t("adminIndicators.workbook.bureauLegend")}</legend>
          {kind === "values" && (
            <Field id="import-indicator" label={t("adminIndicators.workbook.indicator")}>
              <select {...register("indicator")}>
                <option value="">—</option>
                {Object.entries(names.indicators).map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field id="import-source-address" label={t("adminIndicators.workbook.sourceAddress")} hint={t("adminIndicators.workbook.sourceAddressHint")}>
            <input type="url" {...register("sourceAddress")} />
          </Field>
          <Field id="import-retrieved-on" label={t("adminIndicators.workbook.retrievedOn")} error={errorOf("retrievedOn")}>
            <input type="date" {...register("retrievedOn")} />
          </Field>
        </fieldset>
      )}

      <p>
        <button className="button" type="submit" disabled={busy}>
          {busy && busyWith === "preview" ? t("adminIndicators.form.previewing") : t("adminIndicators.form.preview")}
        </button>
      </p>
      {/* Always present, so screen readers announce what appears in it. */}
      <div role="status">
        {busy && (
          <p className="progress">
            <progress aria-hidden="true" />
            <span>{t(busyWith === "preview" ? "adminIndicators.form.previewing" : "adminIndicators.form.importing")}</span>
          </p>
        )}
        {current?.status === "imported" && (
          <p className="notice" data-testid="import-done">
            {t("adminIndicators.form.imported", current.counts)}
          </p>
        )}
      </div>

      {current?.status === "error" && (
        <p className="alert" role="alert">
          {t(current.messageKey)}
        </p>
      )}
      {current?.status === "rejected" && <ProblemTable rejected={current} />}
      {current?.status === "preview" && (
        <>
          <PreviewTable plan={current.plan} names={names} />
          {toWrite === 0 ? (
            <p className="notice" role="status">
              {t("adminIndicators.form.nothingToImport")}
            </p>
          ) : (
            <p>
              <button className="button" type="button" disabled={busy} onClick={run("import")}>
                {busy && busyWith === "import" ? t("adminIndicators.form.importing") : t("adminIndicators.form.import", { count: toWrite })}
              </button>
            </p>
          )}
        </>
      )}
    </form>
  );
}
