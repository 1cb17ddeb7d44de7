"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Question } from "@/app/[locale]/(resident)/survey/[wave]/question";
import { formatMessage } from "@/lib/i18n/format-message";
import { isAsked } from "@/lib/survey/skip-logic";
import {
  AGE_BAND_ITEM,
  SEX_ITEM,
  cellStatus,
  interviewSubmission,
  missingRequired,
  type InterviewSubmission,
  type SyncedAssignment,
} from "@/lib/fieldwork/interview";
import type { InterviewTexts, QuestionnaireView } from "./views";

type Screen = "consent" | "refused" | "demographics" | "cellFull" | "questions";

interface Props {
  locale: string;
  assignment: SyncedAssignment;
  questionnaire: QuestionnaireView;
  texts: InterviewTexts;
  /** The time of the last sync, already formatted for the reader. */
  syncedAt: string;
  onRefused: () => void;
  onFinished: (submission: InterviewSubmission) => Promise<void>;
  onCancel: () => void;
}

const REFUSED = "refused";
/** Device time, read in event handlers and effects only. */
const now = () => Date.now();

/**
 * One interview: the consent the interviewer reads aloud, then age band and sex (each may be
 * refused), a plain word when that cell was full at the last sync, then the questionnaire one
 * area per step. Timed from the first question shown to the last answer given.
 */
export function InterviewFlow({ locale, assignment, questionnaire, texts, syncedAt, onRefused, onFinished, onCancel }: Props) {
  const [screen, setScreen] = useState<Screen>("consent");
  const [ageBand, setAgeBand] = useState<string>("");
  const [sex, setSex] = useState<string>("");
  const [step, setStep] = useState(0);
  const [missing, setMissing] = useState<string[]>([]);
  const [demographicsError, setDemographicsError] = useState(false);
  const [saving, setSaving] = useState(false);
  const consentAt = useRef(0);
  const firstShown = useRef(0);
  const lastAnswer = useRef(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const { register, control, getValues } = useForm<{ answers: Record<string, string> }>({ defaultValues: { answers: {} } });
  const watched = useWatch({ control, name: "answers" }) as Record<string, string> | undefined;
  const answers = useMemo(() => watched ?? {}, [watched]);

  // Every answer given moves the end of the interview's duration.
  useEffect(() => {
    if (firstShown.current) lastAnswer.current = now();
  }, [answers, ageBand, sex]);
  useEffect(() => heading.current?.focus(), [screen, step]);

  const steps = questionnaire.areas
    .map((area) => ({ ...area, items: area.items.filter((item) => item.id !== AGE_BAND_ITEM && item.id !== SEX_ITEM) }))
    .filter((area) => area.items.length > 0);
  const rulesById = new Map(questionnaire.rules.map((rule) => [rule.id, rule]));
  const current = steps[step];
  const code = (value: string) => (value === "" || value === REFUSED ? null : Number(value));

  const giveConsent = () => {
    consentAt.current = now();
    firstShown.current = now();
    lastAnswer.current = now();
    setScreen("demographics");
  };

  const afterDemographics = () => {
    if (ageBand === "" || sex === "") {
      setDemographicsError(true);
      return;
    }
    setDemographicsError(false);
    setScreen(cellStatus(assignment, code(ageBand), code(sex)) === "full" ? "cellFull" : "questions");
  };

  const next = async () => {
    if (!current) return;
    const values = getValues("answers") ?? {};
    const withDemographics = { ...values, [AGE_BAND_ITEM]: ageBand, [SEX_ITEM]: sex };
    const gaps = missingRequired(questionnaire.rules, withDemographics, current.items.map((item) => item.id));
    setMissing(gaps);
    if (gaps.length > 0) {
      document.getElementById(`${gaps[0]}-legend`)?.scrollIntoView({ block: "center" });
      return;
    }
    if (step < steps.length - 1) {
      setStep(step + 1);
      window.scrollTo(0, 0);
      return;
    }
    setSaving(true);
    const submission = interviewSubmission(questionnaire.rules, {
      responseId: crypto.randomUUID(),
      assignment,
      locale,
      answers: withDemographics,
      ageBand: code(ageBand),
      sex: code(sex),
      consentAtMs: consentAt.current,
      firstShownMs: firstShown.current,
      lastAnswerMs: lastAnswer.current || now(),
    });
    await onFinished(submission);
  };

  const title = `${assignment.town.name[locale as "kk"]} · ${assignment.wave.name[locale as "kk"]}`;

  if (screen === "consent") {
    return (
      <section aria-labelledby="interview-heading">
        <p className="hint">{title}</p>
        <h2 id="interview-heading" ref={heading} tabIndex={-1}>
          {texts.consentTitle}
        </h2>
        <p className="hint">{texts.consentReadAloud}</p>
        <div className="consent-text">
          {texts.consentText.split("\n").map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </div>
        <div className="step-buttons">
          <button type="button" className="button" onClick={giveConsent}>
            {texts.consentGiven}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              onRefused();
              setScreen("refused");
            }}
          >
            {texts.consentRefused}
          </button>
        </div>
      </section>
    );
  }

  if (screen === "refused") {
    return (
      <section aria-labelledby="interview-heading">
        <h2 id="interview-heading" ref={heading} tabIndex={-1}>
          {texts.refusedTitle}
        </h2>
        <p>{texts.refusedText}</p>
        <button type="button" className="button" onClick={onCancel}>
          {texts.backToAssignments}
        </button>
      </section>
    );
  }

  if (screen === "demographics") {
    const choice = (name: string, legend: string, options: Array<{ code: number; label: string }>, value: string, set: (value: string) => void) => (
      <fieldset aria-invalid={demographicsError && value === "" ? true : undefined}>
        <legend>{legend}</legend>
        <div className="options">
          {[...options.map((option) => ({ value: String(option.code), label: option.label })), { value: REFUSED, label: texts.refusedToAnswer }].map((option) => (
            <label key={option.value} className="option">
              <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => set(option.value)} />
              <span>{option.label}</span>
            </label>
          ))}
        </div>
        {demographicsError && value === "" && <p className="field-error">{texts.chooseOne}</p>}
      </fieldset>
    );
    return (
      <section aria-labelledby="interview-heading">
        <h2 id="interview-heading" ref={heading} tabIndex={-1}>
          {texts.demographicsTitle}
        </h2>
        {choice("interview-age-band", questionnaire.ageBand.text, questionnaire.ageBand.options, ageBand, setAgeBand)}
        {choice("interview-sex", questionnaire.sex.text, questionnaire.sex.options, sex, setSex)}
        <div className="step-buttons">
          <button type="button" className="button" onClick={afterDemographics}>
            {texts.next}
          </button>
        </div>
      </section>
    );
  }

  if (screen === "cellFull") {
    return (
      <section aria-labelledby="interview-heading">
        <h2 id="interview-heading" ref={heading} tabIndex={-1}>
          {texts.cellFullTitle}
        </h2>
        <p className="notice" role="status">
          {formatMessage(texts.cellFull, locale, { time: syncedAt })}
        </p>
        <div className="step-buttons">
          <button type="button" className="button" onClick={() => setScreen("questions")}>
            {texts.continueInterview}
          </button>
        </div>
      </section>
    );
  }

  if (!current) return null;
  return (
    <form
      aria-labelledby="interview-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void next();
      }}
    >
      <p className="hint">{formatMessage(texts.stepOf, locale, { current: step + 1, total: steps.length })}</p>
      <h2 id="interview-heading" ref={heading} tabIndex={-1}>
        {current.title}
      </h2>
      {current.items
        .filter((item) => {
          const rule = rulesById.get(item.id);
          return !rule || isAsked(rule, answers, rulesById);
        })
        .map((item) => (
          <Question
            key={item.id}
            question={item}
            register={register as never}
            error={missing.includes(item.id) ? texts.required : undefined}
            optionalLabel={texts.optional}
            charactersLeft={(count) => formatMessage(texts.charactersLeft, locale, { count })}
            textLength={(answers[item.id] ?? "").length}
          />
        ))}
      {missing.length > 0 && (
        <p className="field-error" role="alert">
          {texts.fixErrors}
        </p>
      )}
      <div className="step-buttons">
        {step > 0 && (
          <button type="button" className="button secondary" onClick={() => setStep(step - 1)}>
            {texts.back}
          </button>
        )}
        <button type="submit" className="button" disabled={saving}>
          {step < steps.length - 1 ? texts.next : texts.finish}
        </button>
      </div>
    </form>
  );
}
