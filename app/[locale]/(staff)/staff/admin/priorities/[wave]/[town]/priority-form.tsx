"use client";

import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { Controller, useWatch } from "react-hook-form";
import { Field, FormAlert, fieldIds } from "@/app/components/field";
import { useActionForm } from "@/app/components/use-action-form";
import { useTranslations } from "@/lib/i18n/client-messages";
import type { LocalizedText } from "@/lib/i18n/locales";
import { prioritySchema, type PriorityInput } from "@/lib/priorities/admin-schema";
import { usePriorityMessage } from "../../use-priority-message";
import { savePriority } from "../../actions";

export interface PriorityRow {
  id: number;
  title: LocalizedText;
  description: LocalizedText;
  cost: number | null;
  areaId: string;
  itemIds: string[];
}

export interface AreaChoice {
  id: string;
  title: string;
  items: Array<{ id: string; text: string }>;
}

const languages = [
  { language: "kk", title: "priorities.admin.titleKk", description: "priorities.admin.descriptionKk" },
  { language: "ru", title: "priorities.admin.titleRu", description: "priorities.admin.descriptionRu" },
  { language: "en", title: "priorities.admin.titleEn", description: "priorities.admin.descriptionEn" },
] as const;

/** A new priority, or the correction of one (`priority`): texts in kk, ru and en, a cost, the area and questions it answers. */
export function PriorityForm({ waveSlug, townCode, areas, priority, costLocked, onDone }: {
  waveSlug: string;
  townCode: string;
  areas: AreaChoice[];
  priority?: PriorityRow;
  /** The town has responses: the cost is shown but cannot change. */
  costLocked: boolean;
  onDone?: () => void;
}) {
  const t = useTranslations("priorities");
  const root = useTranslations();
  const message = usePriorityMessage();
  const router = useRouter();
  const prefix = priority ? `priority-${priority.id}` : "priority-new";
  const empty = useMemo<PriorityInput>(
    () => ({
      waveSlug,
      townCode,
      id: priority ? String(priority.id) : "",
      title: priority?.title ?? { kk: "", ru: "", en: "" },
      description: priority?.description ?? { kk: "", ru: "", en: "" },
      cost: priority?.cost === null || priority?.cost === undefined ? "" : String(priority.cost),
      areaId: priority?.areaId ?? "",
      itemIds: priority?.itemIds ?? [],
    }),
    [waveSlug, townCode, priority],
  );
  const { register, control, reset, setValue, onSubmit, pending, formError, ok, errorOf } = useActionForm({
    schema: prioritySchema,
    defaultValues: empty,
    action: savePriority,
    message,
    invalidMessage: t("admin.fixErrors"),
    onOk: () => {
      if (!priority) reset(empty);
      router.refresh();
      onDone?.();
    },
  });
  const areaId = useWatch({ control, name: "areaId" });
  const area = areas.find((candidate) => candidate.id === areaId);
  const itemsError = errorOf("itemIds");
  const title = priority ? t("admin.editTitle") : t("admin.addTitle");

  return (
    <form onSubmit={onSubmit} noValidate aria-label={title} className="priority-form">
      {ok && !priority && (
        <p className="notice" role="status">
          {t("admin.added")}
        </p>
      )}
      <FormAlert message={formError} />
      {languages.map(({ language, title: label }) => (
        <Field key={`title-${language}`} id={`${prefix}-title-${language}`} label={root(label)} error={errorOf(`title.${language}`)}>
          <input type="text" autoComplete="off" lang={language} {...register(`title.${language}`)} />
        </Field>
      ))}
      {languages.map(({ language, description: label }) => (
        <Field key={`description-${language}`} id={`${prefix}-description-${language}`} label={root(label)} error={errorOf(`description.${language}`)}>
          <textarea rows={3} lang={language} {...register(`description.${language}`)} />
        </Field>
      ))}
      <Field id={`${prefix}-cost`} label={t("admin.cost")} hint={costLocked ? t("admin.costLocked") : t("admin.costHint")} hintAbove error={errorOf("cost")}>
        <input type="text" inputMode="numeric" autoComplete="off" readOnly={costLocked} {...register("cost")} />
      </Field>
      <Field id={`${prefix}-area`} label={t("admin.area")} error={errorOf("areaId")}>
        <select
          {...register("areaId", {
            // Questions of another area do not answer this one.
            onChange: () => setValue("itemIds", []),
          })}
        >
          <option value="">{t("admin.chooseArea")}</option>
          {areas.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.title}
            </option>
          ))}
        </select>
      </Field>
      {area && (
        <Controller
          control={control}
          name="itemIds"
          render={({ field }) => (
            <fieldset aria-describedby={itemsError ? fieldIds(`${prefix}-items`).error : undefined}>
              <legend>{t("admin.items")}</legend>
              <div className="options">
                {area.items.map((item) => (
                  <Field key={item.id} id={`${prefix}-item-${item.id}`} label={item.text} check>
                    <input
                      type="checkbox"
                      checked={field.value.includes(item.id)}
                      onChange={(event) =>
                        field.onChange(event.target.checked ? [...field.value, item.id] : field.value.filter((id) => id !== item.id))
                      }
                    />
                  </Field>
                ))}
              </div>
              {itemsError && (
                <p className="field-error" id={fieldIds(`${prefix}-items`).error}>
                  {itemsError}
                </p>
              )}
            </fieldset>
          )}
        />
      )}
      <p className="step-buttons">
        {priority && onDone && (
          <button type="button" className="button secondary" onClick={onDone}>
            {t("admin.cancel")}
          </button>
        )}
        <button className="button" type="submit" disabled={pending}>
          {pending ? t("admin.saving") : priority ? t("admin.save") : t("admin.add")}
        </button>
      </p>
    </form>
  );
}
