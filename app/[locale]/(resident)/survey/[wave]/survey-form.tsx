"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, type FieldPath } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import * as z from "zod/mini";
import type { Locale } from "@/lib/i18n/locales";
import type { ItemRule } from "@/lib/survey/types";
import { buildResponseSchema, type ResponseInput, type ResponseSubmission } from "@/lib/survey/response-schema";
import { submitResponse } from "./actions";

type FormInput = Omit<ResponseInput, "responseId">;
type FormOutput = Omit<ResponseSubmission, "responseId">;

export interface SurveyFormProps {
  locale: Locale;
  waveId: number;
  waveSlug: string;
  questionnaireVersion: string;
  rules: ItemRule[];
  towns: Array<{ id: number; name: string }>;
  areas: Array<{
    id: string;
    title: string;
    items: Array<{ id: string; text: string; required: boolean; compact: boolean; options: Array<{ code: number; label: string }> }>;
  }>;
  labels: Record<"town" | "chooseTown" | "optional" | "submit" | "sending" | "notSent" | "fixErrors", string>;
  /** Translated messages by key ("errors.required"). */
  errors: Record<string, string>;
}

export function SurveyForm(props: SurveyFormProps) {
  const { locale, waveId, waveSlug, questionnaireVersion, rules, towns, areas, labels, errors } = props;
  const [schema] = useState(() => z.omit(buildResponseSchema(rules), { responseId: true }));
  // The response's id is made here, once, and kept for every retry, so a retry after a
  // lost acknowledgement is recognised by the server instead of counted twice.
  const [responseId] = useState(() => crypto.randomUUID());
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);

  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    shouldFocusError: true,
    defaultValues: { waveId, locale, questionnaireVersion, answers: {} },
  });
  const { register, handleSubmit, setError, formState } = form;
  const message = (key: string | undefined) => (key ? (errors[key] ?? errors["errors.invalid"]) : undefined);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const result = await submitResponse({ ...values, responseId });
      if (result.status === "ok") {
        router.push(`/${locale}/survey/${waveSlug}/thanks`);
        return;
      }
      if (result.status === "invalid") {
        for (const [field, keys] of Object.entries(result.fieldErrors)) {
          if (field === "townId" || field.startsWith("answers.")) {
            setError(field as FieldPath<FormInput>, { type: "server", message: keys[0] }, { shouldFocus: true });
          } else {
            setFormError(message(keys[0]) ?? null);
          }
        }
        return;
      }
      setFormError(message(result.messageKey) ?? null);
    } catch {
      setFormError(labels.notSent);
    }
  }, () => setFormError(labels.fixErrors));

  const answerErrors = (formState.errors.answers ?? {}) as Record<string, { message?: string } | undefined>;
  const townError = message(formState.errors.townId?.message);

  return (
    <form onSubmit={onSubmit} noValidate>
      {formError && (
        <p className="alert" role="alert">
          {formError}
        </p>
      )}
      <label htmlFor="townId">
        <strong>{labels.town}</strong>
      </label>
      <select id="townId" {...register("townId")} defaultValue="" aria-invalid={townError ? true : undefined} aria-describedby={townError ? "townId-error" : undefined}>
        <option value="" disabled>
          {labels.chooseTown}
        </option>
        {towns.map((town) => (
          <option key={town.id} value={town.id}>
            {town.name}
          </option>
        ))}
      </select>
      {townError && (
        <p className="field-error" id="townId-error">
          {townError}
        </p>
      )}

      {areas.map((area) => (
        <section key={area.id} aria-labelledby={`area-${area.id}`}>
          <h2 id={`area-${area.id}`}>{area.title}</h2>
          {area.items.map((item) => {
            const error = message(answerErrors[item.id]?.message);
            return (
              <fieldset
                key={item.id}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${item.id}-error` : undefined}
              >
                <legend>
                  {item.text}
                  {!item.required && <span className="hint"> ({labels.optional})</span>}
                </legend>
                <div className={item.compact ? "options row" : "options"}>
                  {item.options.map((option) => (
                    <label key={option.code} className="option">
                      <input type="radio" value={option.code} {...register(`answers.${item.id}`)} />
                      <span>{option.label}</span>
                    </label>
                  ))}
                </div>
                {error && (
                  <p className="field-error" id={`${item.id}-error`}>
                    {error}
                  </p>
                )}
              </fieldset>
            );
          })}
        </section>
      ))}

      <button className="button full" type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? labels.sending : labels.submit}
      </button>
    </form>
  );
}
