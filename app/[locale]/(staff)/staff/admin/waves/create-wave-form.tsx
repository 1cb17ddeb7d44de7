"use client";

import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "@/lib/i18n/client-messages";
import { Controller } from "react-hook-form";
import { Field, FormAlert } from "@/app/components/field";
import { useActionForm } from "@/app/components/use-action-form";
import { createWaveSchema, type CreateWaveInput } from "@/lib/survey/wave-schema";
import { useMessage } from "../form-messages";
import { TownPicker, type TownChoice } from "../town-picker";
import { createWave } from "./actions";

/** A new wave, created as a draft: results hidden until it closes unless the admin says otherwise. */
export function CreateWaveForm({ towns, questionnaireVersions, defaults }: {
  towns: TownChoice[];
  questionnaireVersions: string[];
  defaults: { questionnaireVersion: string; opensOn: string };
}) {
  const t = useTranslations("adminWaves");
  const message = useMessage("adminWaves");
  const router = useRouter();
  const empty = useMemo<CreateWaveInput>(
    () => ({
      slug: "",
      name: { kk: "", ru: "", en: "" },
      questionnaireVersion: defaults.questionnaireVersion,
      opensOn: defaults.opensOn,
      closesOn: "",
      townCodes: [],
      requiresInvitation: false,
      hideResultsUntilClosed: true,
    }),
    [defaults.questionnaireVersion, defaults.opensOn],
  );
  const { register, control, reset, onSubmit, pending, formError, outcome, ok, errorOf } = useActionForm({
    schema: createWaveSchema,
    defaultValues: empty,
    action: createWave,
    message,
    invalidMessage: t("fixErrors"),
    onOk: () => {
      reset(empty);
      router.refresh();
    },
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("createTitle")}>
      {ok && outcome && (
        <p className="notice" role="status">
          {t("created", { slug: outcome.values.slug.trim() })}
        </p>
      )}
      <FormAlert message={formError} />
      <Field id="wave-slug" label={t("slug")} hint={t("slugHint")} hintAbove error={errorOf("slug")}>
        <input type="text" autoComplete="off" {...register("slug")} />
      </Field>
      <Field id="wave-name-kk" label={t("nameKk")} error={errorOf("name.kk")}>
        <input type="text" autoComplete="off" {...register("name.kk")} />
      </Field>
      <Field id="wave-name-ru" label={t("nameRu")} error={errorOf("name.ru")}>
        <input type="text" autoComplete="off" {...register("name.ru")} />
      </Field>
      <Field id="wave-name-en" label={t("nameEn")} error={errorOf("name.en")}>
        <input type="text" autoComplete="off" {...register("name.en")} />
      </Field>
      <Field id="wave-questionnaire" label={t("questionnaireVersion")} error={errorOf("questionnaireVersion")}>
        <select {...register("questionnaireVersion")}>
          {questionnaireVersions.map((version) => (
            <option key={version} value={version}>
              {version}
            </option>
          ))}
        </select>
      </Field>
      <Field id="wave-opensOn" label={t("opensOn")} error={errorOf("opensOn")}>
        <input type="date" autoComplete="off" {...register("opensOn")} />
      </Field>
      <Field id="wave-closesOn" label={t("closesOn")} error={errorOf("closesOn")}>
        <input type="date" autoComplete="off" {...register("closesOn")} />
      </Field>
      <Controller
        control={control}
        name="townCodes"
        render={({ field }) => (
          <TownPicker
            idPrefix="wave"
            legend={t("townsLegend")}
            error={errorOf("townCodes")}
            towns={towns}
            value={field.value}
            onChange={field.onChange}
            wholeRegionLabel={(region) => t("wholeRegion", { region })}
          />
        )}
      />
      <Field id="wave-invitation" label={t("requiresInvitation")} hint={t("requiresInvitationHint")} check>
        <input type="checkbox" {...register("requiresInvitation")} />
      </Field>
      <Field id="wave-hide-results" label={t("hideResultsUntilClosed")} hint={t("hideResultsHint")} check>
        <input type="checkbox" {...register("hideResultsUntilClosed")} />
      </Field>
      <p>
        <button className="button" type="submit" disabled={pending}>
          {pending ? t("creating") : t("create")}
        </button>
      </p>
    </form>
  );
}
