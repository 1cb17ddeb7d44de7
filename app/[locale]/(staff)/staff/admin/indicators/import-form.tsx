"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "@/lib/i18n/client-messages";
import type { ActionResult } from "@/lib/action";
import { importInputSchema, importKinds, MAX_IMPORT_BYTES, type ImportInput } from "@/lib/indicators/import-schema";
import { applyImport, previewImport, type ImportDone, type ImportPreview, type ImportRejected } from "./actions";
import { PreviewTable, ProblemTable, type DisplayNames } from "./import-results";

type Outcome = ActionResult<object, ImportPreview | ImportRejected | ImportDone>;

/**
 * Choose or paste a file, preview what it would change, then import it. A preview or
 * success message belongs to the text it was made for: editing the text or the kind hides it.
 */
export function ImportForm({ columnsByKind, names }: { columnsByKind: Record<ImportInput["kind"], { required: string; optional: string }>; names: DisplayNames }) {
  const t = useTranslations();
  const router = useRouter();
  const [outcome, setOutcome] = useState<{ input: ImportInput; result: Outcome } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const { register, handleSubmit, setValue, control, formState } = useForm<ImportInput>({
    resolver: zodResolver(importInputSchema),
    defaultValues: { kind: "values", csv: "" },
  });
  const [kind, csv] = useWatch({ control, name: ["kind", "csv"] });
  const current = outcome && outcome.input.kind === kind && outcome.input.csv === csv ? outcome.result : null;
  const busy = formState.isSubmitting;
  const [busyWith, setBusyWith] = useState<"preview" | "import">("preview");

  const run = (action: typeof previewImport | typeof applyImport) =>
    handleSubmit(async (input) => {
      setBusyWith(action === applyImport ? "import" : "preview");
      // A request refused before the action runs (too large for the proxy, connection lost)
      // throws here rather than answering with a result.
      const result: Outcome = await action(input).catch(() => ({ status: "error", messageKey: "adminIndicators.form.failed" }));
      setOutcome({ input, result });
      if (result.status === "imported") router.refresh();
    });

  async function chooseFile(file: File | undefined) {
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) return setFileError(t("adminIndicators.form.csvTooLarge"));
    try {
      // Fatal decoding: a file Excel saved in Windows-1251 gets a clear message, not mojibake.
      setValue("csv", new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()), { shouldValidate: true });
    } catch {
      setFileError(t("adminIndicators.form.notUtf8"));
    }
  }

  const fieldError = (field: keyof ImportInput) => {
    const key = formState.errors[field]?.message ?? (current?.status === "invalid" ? current.fieldErrors[field]?.[0] : undefined);
    return key ? t(key) : null;
  };
  const csvError = fileError ?? fieldError("csv");
  const toWrite = current?.status === "preview" ? current.plan.counts.added + current.plan.counts.changed : 0;
  const columns = columnsByKind[kind];

  return (
    <form onSubmit={run(previewImport)} noValidate aria-busy={busy}>
      <label htmlFor="import-kind">{t("adminIndicators.form.kind")}</label>
      <select id="import-kind" {...register("kind")}>
        {importKinds.map((option) => (
          <option key={option} value={option}>
            {t(`adminIndicators.form.kinds.${option}`)}
          </option>
        ))}
      </select>
      <p className="hint" id="import-columns">
        {t("adminIndicators.form.columns", { columns: columns.required, optional: columns.optional || t("adminIndicators.form.noOptional") })}
      </p>

      <label htmlFor="import-file">{t("adminIndicators.form.file")}</label>
      <input id="import-file" type="file" accept=".csv,.txt,text/csv,text/plain" aria-describedby="import-file-hint" onChange={(event) => chooseFile(event.target.files?.[0])} />
      <p className="hint" id="import-file-hint">
        {t("adminIndicators.form.fileHint")}
      </p>

      <label htmlFor="import-csv">{t("adminIndicators.form.csv")}</label>
      <textarea
        id="import-csv"
        rows={10}
        spellCheck={false}
        {...register("csv")}
        aria-invalid={csvError ? true : undefined}
        aria-describedby={csvError ? "import-csv-error import-columns" : "import-columns"}
      />
      {csvError && (
        <p className="field-error" id="import-csv-error" role="alert">
          {csvError}
        </p>
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
              <button className="button" type="button" disabled={busy} onClick={run(applyImport)}>
                {busy && busyWith === "import" ? t("adminIndicators.form.importing") : t("adminIndicators.form.import", { count: toWrite })}
              </button>
            </p>
          )}
        </>
      )}
    </form>
  );
}
