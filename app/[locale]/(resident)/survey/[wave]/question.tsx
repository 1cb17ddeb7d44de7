"use client";

import type { UseFormRegister } from "react-hook-form";

export interface QuestionView {
  id: string;
  kind: "choice" | "text";
  text: string;
  hint?: string;
  required: boolean;
  compact: boolean;
  maxLength?: number;
  options: Array<{ code: number; label: string }>;
}

interface Props {
  question: QuestionView;
  register: UseFormRegister<never>;
  error?: string;
  optionalLabel: string;
  charactersLeft: (count: number) => string;
  textLength: number;
}

/** One question: a fieldset whose legend is the question, so screen readers announce both. */
export function Question({ question, register, error, optionalLabel, charactersLeft, textLength }: Props) {
  const name = `answers.${question.id}` as never;
  const describedBy = [question.hint && `${question.id}-hint`, error && `${question.id}-error`].filter(Boolean).join(" ") || undefined;
  const legend = (
    <legend id={`${question.id}-legend`}>
      {question.text}
      {!question.required && <span className="hint"> ({optionalLabel})</span>}
    </legend>
  );
  const hint = question.hint && (
    <p className="hint" id={`${question.id}-hint`}>
      {question.hint}
    </p>
  );
  const errorText = error && (
    <p className="field-error" id={`${question.id}-error`}>
      {error}
    </p>
  );

  if (question.kind === "text") {
    const max = question.maxLength ?? 500;
    return (
      <fieldset aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
        {legend}
        {hint}
        <textarea
          aria-labelledby={`${question.id}-legend`}
          aria-describedby={describedBy}
          rows={4}
          {...register(name)}
        />
        <p className="hint" aria-live="polite">
          {charactersLeft(max - textLength)}
        </p>
        {errorText}
      </fieldset>
    );
  }

  return (
    <fieldset aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
      {legend}
      {hint}
      <div className={question.compact ? "options row" : "options"}>
        {question.options.map((option) => (
          <label key={option.code} className="option">
            <input type="radio" value={option.code} {...register(name)} />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {errorText}
    </fieldset>
  );
}
