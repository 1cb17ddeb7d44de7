"use client";

import { useRouter } from "next/navigation";
import { useWatch, type Path } from "react-hook-form";
import { Field, FormAlert } from "@/app/components/field";
import { useActionForm } from "@/app/components/use-action-form";
import { useTranslations } from "@/lib/i18n/client-messages";
import { COMMITMENT_LINKS, COMMITMENT_STATUSES, createCommitmentSchema, missingLanguages, updateCommitmentSchema, type CreateCommitmentInput, type UpdateCommitmentInput } from "@/lib/commitments/fields";
import { locales } from "@/lib/i18n/locales";
import { createCommitment, updateCommitment } from "./actions";

export type LinkChoices = Record<(typeof COMMITMENT_LINKS)[number], Array<{ value: string; label: string }>>;
type Values = CreateCommitmentInput | UpdateCommitmentInput;
type TextField = "heard" | "action" | "responsibleBody" | "declineReason" | "note";

/**
 * A commitment's form: what was heard (a question, an area, a priority or an indicator of
 * the wave and town), what will be done, by whom, by when, its status and progress, its
 * evidence; each text in kk, ru and en, one language at least (the form says which are
 * missing). Creating publishes it; saving a change adds an update to its timeline.
 */
export function CommitmentForm({ mode, defaults, choices }: { mode: "create" | "update"; defaults: Values; choices: LinkChoices }) {
  const t = useTranslations();
  const router = useRouter();
  const message = (key: string) => (t.has(key) ? t(key) : t("commitments.errors.unexpected"));
  const { register, control, onSubmit, pending, formError, ok, errorOf, reset } = useActionForm<Values, Awaited<ReturnType<typeof createCommitment>> | Awaited<ReturnType<typeof updateCommitment>>>({
    schema: mode === "create" ? createCommitmentSchema : updateCommitmentSchema,
    defaultValues: defaults,
    action: (values) => (mode === "create" ? createCommitment(values) : updateCommitment(values)),
    message,
    invalidMessage: t("commitments.form.fixErrors"),
    failedKey: "commitments.errors.unexpected",
    onOk: (result, values) => {
      if (mode === "create" && "id" in result) router.push(`./${result.id}`);
      else {
        reset({ ...values, note: { kk: "", ru: "", en: "" } });
        router.refresh();
      }
    },
  });
  const [linkKind, status] = useWatch({ control, name: ["linkKind", "status"] });
  const texts = useWatch({ control, name: ["heard", "action", "responsibleBody", "declineReason", "note"] });
  const missingOf = (index: number) => missingLanguages(texts[index]);

  const localized = (field: TextField, index: number, { multiline = true, optional = false } = {}) => {
    const missing = missingOf(index);
    return (
      <fieldset>
        <legend>{t(`commitments.form.${field}`)}</legend>
        {missing.length > 0 && missing.length < locales.length && (
          <p className="hint" id={`c-${field}-missing`}>
            {t("commitments.form.missing", { languages: missing.map((locale) => t(`commitments.languages.${locale}`)).join(", ") })}
          </p>
        )}
        {!optional && missing.length === locales.length && <p className="hint">{t("commitments.form.oneLanguage")}</p>}
        {locales.map((locale) => (
          <Field key={locale} id={`c-${field}-${locale}`} label={t(`commitments.languages.${locale}`)} error={errorOf(`${field}.${locale}` as Path<Values>)}>
            {multiline ? <textarea rows={3} lang={locale} {...register(`${field}.${locale}` as Path<Values>)} /> : <input type="text" lang={locale} autoComplete="off" {...register(`${field}.${locale}` as Path<Values>)} />}
          </Field>
        ))}
      </fieldset>
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t(mode === "create" ? "commitments.form.createTitle" : "commitments.form.updateTitle")}>
      {ok && (
        <p className="notice" role="status">
          {t("commitments.form.saved")}
        </p>
      )}
      <FormAlert message={formError} />
      <Field id="c-link-kind" label={t("commitments.form.linkKind")} error={errorOf("linkKind")}>
        <select {...register("linkKind")}>
          {COMMITMENT_LINKS.map((kind) => (
            <option key={kind} value={kind} disabled={choices[kind].length === 0}>
              {t(`commitments.linkKinds.${kind}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="c-link-target" label={t(`commitments.linkKinds.${linkKind}`)} error={errorOf("linkTarget")}>
        <select {...register("linkTarget")}>
          <option value="">{t("commitments.form.choose")}</option>
          {choices[linkKind].map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </Field>
      {localized("heard", 0)}
      {localized("action", 1)}
      {localized("responsibleBody", 2, { multiline: false })}
      <Field id="c-due" label={t("commitments.form.dueOn")} error={errorOf("dueOn")}>
        <input type="date" {...register("dueOn")} />
      </Field>
      <Field id="c-status" label={t("commitments.form.status")} error={errorOf("status")}>
        <select {...register("status")}>
          {COMMITMENT_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`commitments.status.${value}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="c-progress" label={t("commitments.form.progress")} hint={t("commitments.form.progressHint")} error={errorOf("progress")}>
        <input type="number" inputMode="numeric" min={0} max={100} step={1} {...register("progress", { valueAsNumber: true })} />
      </Field>
      {status === "declined" && localized("declineReason", 3)}
      <Field id="c-evidence" label={t("commitments.form.evidence")} hint={t("commitments.form.evidenceHint")} error={errorOf("evidence")}>
        <textarea rows={3} spellCheck={false} {...register("evidence")} />
      </Field>
      {localized("note", 4, { optional: true })}
      <p>
        <button className="button" type="submit" disabled={pending}>
          {pending ? t("commitments.form.saving") : t(mode === "create" ? "commitments.form.publish" : "commitments.form.save")}
        </button>
      </p>
    </form>
  );
}
