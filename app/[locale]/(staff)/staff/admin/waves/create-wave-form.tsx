"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "@/lib/i18n/client-messages";
import { Controller, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { createWaveSchema, type CreateWaveInput } from "@/lib/survey/wave-schema";
import { showFieldErrors, useMessage } from "../form-messages";
import { TownPicker, type TownChoice } from "../town-picker";
import { createWave } from "./actions";

type TextField = "slug" | "name.kk" | "name.ru" | "name.en" | "opensOn" | "closesOn";

/** A new wave, created as a draft: results hidden until it closes unless the admin says otherwise. */
export function CreateWaveForm({ towns, questionnaireVersions, defaults }: {
  towns: TownChoice[];
  questionnaireVersions: string[];
  defaults: { questionnaireVersion: string; opensOn: string };
}) {
  const t = useTranslations("adminWaves");
  const message = useMessage("adminWaves");
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const empty: CreateWaveInput = {
    slug: "",
    name: { kk: "", ru: "", en: "" },
    questionnaireVersion: defaults.questionnaireVersion,
    opensOn: defaults.opensOn,
    closesOn: "",
    townCodes: [],
    requiresInvitation: false,
    hideResultsUntilClosed: true,
  };
  const { register, handleSubmit, control, reset, setError, getFieldState, formState } = useForm<CreateWaveInput>({
    resolver: zodResolver(createWaveSchema),
    defaultValues: empty,
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setCreated(null);
    const result = await createWave(values);
    if (result.status === "ok") {
      setCreated(t("created", { slug: values.slug.trim() }));
      reset(empty);
      router.refresh();
    } else if (result.status === "invalid") {
      showFieldErrors(setError, result.fieldErrors);
      setFormError(t("fixErrors"));
    } else setFormError(message(result.messageKey));
  });

  const text = (field: TextField, label: string, { type = "text", hint }: { type?: string; hint?: string } = {}) => {
    const id = `wave-${field.replace(".", "-")}`;
    const key = getFieldState(field, formState).error?.message;
    const error = key ? message(key) : undefined;
    const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
    return (
      <>
        <label htmlFor={id}>{label}</label>
        {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
        <input id={id} type={type} autoComplete="off" {...register(field)} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
        {error && <p className="field-error" id={`${id}-error`}>{error}</p>}
      </>
    );
  };
  const versionError = formState.errors.questionnaireVersion?.message;

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("createTitle")}>
      {created && <p className="notice" role="status">{created}</p>}
      {formError && (
        <p className="alert" role="alert">
          {formError}
        </p>
      )}
      {text("slug", t("slug"), { hint: t("slugHint") })}
      {text("name.kk", t("nameKk"))}
      {text("name.ru", t("nameRu"))}
      {text("name.en", t("nameEn"))}
      <label htmlFor="wave-questionnaire">{t("questionnaireVersion")}</label>
      <select id="wave-questionnaire" {...register("questionnaireVersion")} aria-invalid={versionError ? true : undefined} aria-describedby={versionError ? "wave-questionnaire-error" : undefined}>
        {questionnaireVersions.map((version) => (
          <option key={version} value={version}>
            {version}
          </option>
        ))}
      </select>
      {versionError && <p className="field-error" id="wave-questionnaire-error">{message(versionError)}</p>}
      {text("opensOn", t("opensOn"), { type: "date" })}
      {text("closesOn", t("closesOn"), { type: "date" })}
      <Controller
        control={control}
        name="townCodes"
        render={({ field, fieldState }) => (
          <TownPicker
            idPrefix="wave"
            legend={t("townsLegend")}
            error={fieldState.error?.message ? message(fieldState.error.message) : undefined}
            towns={towns}
            value={field.value}
            onChange={field.onChange}
            wholeRegionLabel={(region) => t("wholeRegion", { region })}
          />
        )}
      />
      <label className="option" htmlFor="wave-invitation">
        <input id="wave-invitation" type="checkbox" {...register("requiresInvitation")} aria-describedby="wave-invitation-hint" />
        {t("requiresInvitation")}
      </label>
      <p className="hint" id="wave-invitation-hint">{t("requiresInvitationHint")}</p>
      <label className="option" htmlFor="wave-hide-results">
        <input id="wave-hide-results" type="checkbox" {...register("hideResultsUntilClosed")} aria-describedby="wave-hide-results-hint" />
        {t("hideResultsUntilClosed")}
      </label>
      <p className="hint" id="wave-hide-results-hint">{t("hideResultsHint")}</p>
      <p>
        <button className="button" type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t("creating") : t("create")}
        </button>
      </p>
    </form>
  );
}
