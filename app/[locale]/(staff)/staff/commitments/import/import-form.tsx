"use client";

import { readCsvFile } from "@/app/components/csv-file";
import { useState } from "react";
import { useRouter } from "next/navigation";
import * as z from "zod/mini";
import { useWatch } from "react-hook-form";
import { Field } from "@/app/components/field";
import { ScrollRegion } from "@/app/components/share-cells";
import { useActionForm } from "@/app/components/use-action-form";
import { useTranslations } from "@/lib/i18n/client-messages";
import type { ActionResult } from "@/lib/action";
import { MAX_COMMITMENT_IMPORT_BYTES } from "@/lib/commitments/csv";
import { applyImport, previewImport, type CommitmentImportDone, type CommitmentImportPreview, type CommitmentImportRejected } from "../actions";

type Outcome = ActionResult<object, CommitmentImportPreview | CommitmentImportRejected | CommitmentImportDone>;
const schema = z.object({ csv: z.string().check(z.minLength(1, { error: "commitments.import.empty" })) });

const show = (value: unknown) => (value === null || value === undefined ? "—" : typeof value === "object" ? Object.values(value as object).filter(Boolean).join(" / ") || "—" : String(value));

/** Choose or paste a file, preview what it would change (old → new, or every problem by row), then import it. */
export function CommitmentImportForm() {
  const t = useTranslations();
  const router = useRouter();
  const [fileError, setFileError] = useState<string | null>(null);
  const [busyWith, setBusyWith] = useState<"preview" | "import">("preview");
  const { register, setValue, control, submitWith, pending: busy, outcome, errorOf } = useActionForm<{ csv: string }, Outcome>({
    schema,
    defaultValues: { csv: "" },
    action: previewImport,
    keepOutcomeWhileSending: true,
    message: (key) => (t.has(key) ? t(key) : t("commitments.errors.unexpected")),
    failedKey: "commitments.errors.unexpected",
    onResult: (result) => {
      if (result.status === "imported") router.refresh();
    },
  });
  const csv = useWatch({ control, name: "csv" });
  const current = outcome && outcome.values.csv === csv ? outcome.result : null;
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
    const read = await readCsvFile(file, MAX_COMMITMENT_IMPORT_BYTES);
    if ("csv" in read) setValue("csv", read.csv, { shouldValidate: true });
    else if (read.refused === "tooLarge") setFileError(t("commitments.import.tooLarge", { maxMb: MAX_COMMITMENT_IMPORT_BYTES / 1024 / 1024 }));
    else setFileError(t("commitments.import.notUtf8"));
  }

  const toWrite = current?.status === "preview" ? current.plan.counts.added + current.plan.counts.changed : 0;
  return (
    <form onSubmit={run("preview")} noValidate aria-busy={busy}>
      <Field id="c-import-file" label={t("commitments.import.file")}>
        <input type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(event) => chooseFile(event.target.files?.[0])} />
      </Field>
      <Field id="c-import-csv" label={t("commitments.import.csv")} error={fileError ?? errorOf("csv")} errorRole="alert" describedBy="c-import-columns">
        <textarea rows={8} spellCheck={false} {...register("csv")} />
      </Field>
      <p>
        <button className="button" type="submit" disabled={busy}>
          {busy && busyWith === "preview" ? t("commitments.import.previewing") : t("commitments.import.preview")}
        </button>
      </p>
      <div role="status">
        {current?.status === "imported" && (
          <p className="notice" data-testid="import-done">
            {t("commitments.import.imported", current.counts)}
          </p>
        )}
      </div>
      {current?.status === "error" && (
        <p className="alert" role="alert">
          {t.has(current.messageKey) ? t(current.messageKey) : t("commitments.errors.unexpected")}
        </p>
      )}
      {current?.status === "rejected" && (
        <section aria-labelledby="c-problems">
          <div className="alert" role="alert">
            <h2 id="c-problems">{t("commitments.import.problems")}</h2>
            <p>{t("commitments.import.nothingWritten")}</p>
          </div>
          <ScrollRegion label={t("commitments.import.problems")}>
            <table data-testid="import-problems">
              <thead>
                <tr>
                  <th scope="col">{t("commitments.import.line")}</th>
                  <th scope="col">{t("commitments.import.column")}</th>
                  <th scope="col">{t("commitments.import.message")}</th>
                </tr>
              </thead>
              <tbody>
                {current.issues.map((issue, index) => (
                  <tr key={index}>
                    <th scope="row">{issue.line ?? "—"}</th>
                    <td>{issue.column ?? "—"}</td>
                    <td>{t.has(issue.key) ? t(issue.key, issue.params) : issue.key}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {current.issueCount > current.issues.length && <p>{t("commitments.import.more", { shown: current.issues.length, count: current.issueCount })}</p>}
        </section>
      )}
      {current?.status === "preview" && (
        <section aria-labelledby="c-preview">
          <h2 id="c-preview">{t("commitments.import.previewHeading")}</h2>
          <p data-testid="preview-summary">{t("commitments.import.summary", current.plan.counts)}</p>
          <ScrollRegion label={t("commitments.import.previewHeading")}>
            <table data-testid="preview-changes">
              <thead>
                <tr>
                  <th scope="col">{t("commitments.import.line")}</th>
                  <th scope="col">{t("commitments.import.status")}</th>
                  <th scope="col">{t("commitments.import.changes")}</th>
                </tr>
              </thead>
              <tbody>
                {current.plan.rows
                  .filter((row) => row.status !== "unchanged")
                  .map((row) => (
                    <tr key={row.line} data-status={row.status}>
                      <th scope="row">{row.line}</th>
                      <td>
                        {t(`commitments.import.statuses.${row.status}`)} {row.id !== null && <>#{row.id}</>}
                      </td>
                      <td>
                        <ul className="plain">
                          {Object.entries(row.changes).map(([field, change]) => (
                            <li key={field}>
                              {t(`commitments.fields.${field as "status"}`)}: {row.status === "changed" && <><span className="hint">{show(change.from)}</span> → </>}
                              <strong>{show(change.to)}</strong>
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </ScrollRegion>
          {toWrite === 0 ? (
            <p className="notice" role="status">
              {t("commitments.import.nothingToImport")}
            </p>
          ) : (
            <p>
              <button className="button" type="button" disabled={busy} onClick={run("import")}>
                {busy && busyWith === "import" ? t("commitments.import.importing") : t("commitments.import.import", { count: toWrite })}
              </button>
            </p>
          )}
        </section>
      )}
    </form>
  );
}
