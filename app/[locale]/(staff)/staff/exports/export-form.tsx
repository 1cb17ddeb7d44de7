"use client";

import { useRef, useState } from "react";
import { Field } from "@/app/components/field";
import { useLocale, useTranslations } from "@/lib/i18n/client-messages";
import { CODEBOOK_FILES, exportQuery, MAX_K } from "@/lib/export/request";
import { EXPORT_FORMATS, EXPORT_KINDS, QUASI_CHOICES, type ExportOptions, type QuasiChoice } from "@/lib/export/types";
import { downloadWithProgress, type DownloadOutcome, type Progress } from "./download";

const FAILURE_KEYS: Record<number, string> = { 400: "badOptions", 401: "signInFirst", 403: "forbidden", 404: "unknownWave", 409: "hidden", 501: "notAvailable" };

/** The kept quasi-identifiers after one checkbox, in QUASI_CHOICES order; undefined when all are kept (the default request). */
function chosenQuasi(kept: readonly QuasiChoice[], q: QuasiChoice, on: boolean): readonly QuasiChoice[] | undefined {
  const next = QUASI_CHOICES.filter((choice) => (choice === q ? on : kept.includes(choice)));
  return next.length === QUASI_CHOICES.length ? undefined : next;
}

/** One wave's export: the options, a download that shows its progress, and the codebook for the same options. */
export function ExportForm({ slug, minK }: { slug: string; minK: number }) {
  const t = useTranslations("exports");
  const tErrors = useTranslations("errors");
  const locale = useLocale();
  const [options, setOptions] = useState<ExportOptions>({ kind: "microdata", format: "csv", k: minK, includeText: false });
  const [kInput, setKInput] = useState(String(minK));
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<DownloadOutcome | null>(null);
  const abort = useRef<AbortController | null>(null);
  const id = (field: string) => `export-${slug}-${field}`;
  const kValid = /^\d+$/.test(kInput) && Number(kInput) >= minK && Number(kInput) <= MAX_K;
  const query = exportQuery(options);
  const exportPath = `/api/v1/waves/${slug}/export?${query}`;

  const start = async (url: string, countRows: boolean) => {
    const controller = new AbortController();
    abort.current = controller;
    setOutcome(null);
    setProgress({ bytes: 0, rows: null, total: null });
    const result = await downloadWithProgress(url, { countRows, signal: controller.signal, onProgress: setProgress });
    abort.current = null;
    setProgress(null);
    setOutcome(result);
  };

  const busy = progress !== null;
  const size = (bytes: number) =>
    bytes < 1_000_000
      ? new Intl.NumberFormat(locale, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 }).format(bytes / 1_000)
      : new Intl.NumberFormat(locale, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(bytes / 1_000_000);
  const failure = (httpStatus: number | null, messageKey?: string) => {
    // The server's reason first (all exports busy, the time limit), where this page knows it.
    const own = messageKey?.startsWith("errors.") ? messageKey.slice("errors.".length) : undefined;
    if (own && tErrors.has(own)) return tErrors(own);
    const key = httpStatus === null ? "failed" : (FAILURE_KEYS[httpStatus] ?? "failed");
    return key === "signInFirst" ? tErrors("signInFirst") : t(`errors.${key}`);
  };

  return (
    <form
      className="choose export-form"
      aria-label={t("title")}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (kValid && !busy) void start(exportPath, options.format === "csv" || options.format === "csv-excel");
      }}
    >
      <div className="export-fields">
        <div>
          <Field id={id("kind")} label={t("kind")}>
            <select value={options.kind} disabled={busy} onChange={(event) => setOptions({ ...options, kind: event.target.value as ExportOptions["kind"] })}>
              {EXPORT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kinds.${kind}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div>
          <Field id={id("format")} label={t("format")}>
            <select value={options.format} disabled={busy} onChange={(event) => setOptions({ ...options, format: event.target.value as ExportOptions["format"] })}>
              {EXPORT_FORMATS.map((value) => (
                <option key={value} value={value}>
                  {t(`formats.${value}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div>
          <Field id={id("k")} label={t("k")} hint={t("kHint", { min: minK })} error={kValid ? undefined : t("kTooSmall", { min: minK })} errorReplacesHint>
            <input
              type="number"
              inputMode="numeric"
              min={minK}
              max={MAX_K}
              step={1}
              value={kInput}
              disabled={busy}
              onChange={(event) => {
                setKInput(event.target.value);
                if (/^\d+$/.test(event.target.value)) setOptions({ ...options, k: Number(event.target.value) });
              }}
            />
          </Field>
        </div>
      </div>
      <Field id={id("text")} label={t("includeText")} hint={t("includeTextHint")} check>
        <input type="checkbox" checked={options.includeText} disabled={busy} onChange={(event) => setOptions({ ...options, includeText: event.target.checked })} />
      </Field>
      {options.kind === "microdata" && (
        <fieldset className="export-quasi" aria-describedby={id("quasi-hint")}>
          <legend>{t("quasi")}</legend>
          <p className="hint" id={id("quasi-hint")}>
            {t("quasiHint")}
          </p>
          {QUASI_CHOICES.map((q) => {
            const kept = options.quasi ?? QUASI_CHOICES;
            return (
              <Field key={q} id={id(`quasi-${q}`)} label={t(`quasiNames.${q}`)} check>
                <input
                  type="checkbox"
                  checked={kept.includes(q)}
                  disabled={busy}
                  onChange={(event) => setOptions({ ...options, quasi: chosenQuasi(kept, q, event.target.checked) })}
                />
              </Field>
            );
          })}
        </fieldset>
      )}
      <p>
        <button className="button" type="submit" disabled={busy || !kValid}>
          {busy ? t("downloading") : t("download")}
        </button>{" "}
        {busy && (
          <button type="button" className="button secondary" onClick={() => abort.current?.abort()}>
            {t("cancel")}
          </button>
        )}
      </p>
      {progress && (
        <div className="progress" role="status">
          <progress aria-label={t("progressLabel")} value={progress.total ? (progress.rows ?? 0) : undefined} max={progress.total || undefined} />
          <span>
            {progress.rows !== null && progress.total
              ? t("receivedRows", { rows: progress.rows, total: progress.total, bytes: size(progress.bytes) })
              : t("received", { bytes: size(progress.bytes) })}
          </span>
        </div>
      )}
      {outcome?.status === "saved" && <p role="status">{t("saved", { file: outcome.fileName })}</p>}
      {outcome?.status === "cancelled" && <p role="status">{t("errors.cancelled")}</p>}
      {outcome?.status === "failed" && (
        <p className="alert" role="alert">
          {failure(outcome.httpStatus, outcome.messageKey)}
        </p>
      )}
      <p className="hint">
        {t("apiHint")} <code>GET {exportPath}</code>
      </p>
      <p>
        {t("codebook")}:{" "}
        {CODEBOOK_FILES.map((file) => (
          <button key={file} type="button" className="link" disabled={busy || !kValid} onClick={() => void start(`/api/v1/waves/${slug}/codebook?file=${file}&${query}`, false)}>
            {t(`codebookFiles.${file}`)}
          </button>
        ))}
      </p>
    </form>
  );
}
