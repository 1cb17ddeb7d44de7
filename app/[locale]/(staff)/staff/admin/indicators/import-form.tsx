"use client";

import { readCsvFile } from "@/app/components/csv-file";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useWatch } from "react-hook-form";
import { Field } from "@/app/components/field";
import { useActionForm } from "@/app/components/use-action-form";
import { useTranslations } from "@/lib/i18n/client-messages";
import type { ActionResult } from "@/lib/action";
import { importInputSchema, importKinds, MAX_IMPORT_BYTES, type ImportInput } from "@/lib/indicators/import-schema";
import { applyImport, previewImport, type ImportDone, type ImportPreview, type ImportRejected } from "./actions";
import { PreviewTable, ProblemTable, type DisplayNames } from "./import-results";

type Outcome = ActionResult<object, ImportPreview | ImportRejected | ImportDone>;

const DEFAULTS: ImportInput = { kind: "values", csv: "" };

/**
 * Choose or paste a file, preview what it would change, then import it. A preview or
 * success message belongs to the text it was made for: editing the text or the kind hides it.
 */
export function ImportForm({ columnsByKind, names }: { columnsByKind: Record<ImportInput["kind"], { required: string; optional: string }>; names: DisplayNames }) {
  const t = useTranslations();
  const router = useRouter();
  const [fileError, setFileError] = useState<string | null>(null);
  const [busyWith, setBusyWith] = useState<"preview" | "import">("preview");
  const { register, setValue, control, submitWith, pending: busy, outcome, errorOf } = useActionForm<ImportInput, Outcome>({
    schema: importInputSchema,
    defaultValues: DEFAULTS,
    action: previewImport,
    // The preview stays on screen while it is being imported.
    keepOutcomeWhileSending: true,
    message: t,
    // A request refused before the action runs (too large for the proxy, connection lost)
    // throws rather than answering with a result.
    failedKey: "adminIndicators.form.failed",
    onResult: (result) => {
      if (result.status === "imported") router.refresh();
    },
  });
  const [kind, csv] = useWatch({ control, name: ["kind", "csv"] });
  const current = outcome && outcome.values.kind === kind && outcome.values.csv === csv ? outcome.result : null;
  const run = (action: "preview" | "import") => {
    const send = submitWith(action === "import" ? applyImport : previewImport);
    return (event?: React.BaseSyntheticEvent) => {
      setBusyWith(action);
      return send(event);
    };
  };

  async function chooseFile(file: File | undefined) {
    setFileError(null);
    if (!file) return;
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
        <input type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(event) => chooseFile(event.target.files?.[0])} />
      </Field>

      <Field id="import-csv" label={t("adminIndicators.form.csv")} error={csvError} errorRole="alert" describedBy="import-columns">
        <textarea rows={10} spellCheck={false} {...register("csv")} />
      </Field>

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
