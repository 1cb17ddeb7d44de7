"use client";

import { useEffect, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch, type FieldPath } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import * as z from "zod/mini";
import { discard, enqueue, outboxEntries, sendWithRetry, type OutboxEntry } from "@/app/components/resident/outbox";
import { formatMessage } from "@/lib/i18n/format-message";
import type { Locale } from "@/lib/i18n/locales";
import { buildResponseSchema, type ResponseInput, type ResponseSubmission } from "@/lib/survey/response-schema";
import { isAsked, withoutHidden } from "@/lib/survey/skip-logic";
import type { ItemRule } from "@/lib/survey/types";
import { PrioritiesStep, ballotProblem, chosenIn, type BallotState, type PriorityLabels, type StepElection } from "./priorities-step";
import { Question, type QuestionView } from "./question";
import { rememberAnsweredTown } from "./thanks/answered-town";

type FormInput = Omit<ResponseInput, "responseId">;
type FormOutput = Omit<ResponseSubmission, "responseId">;

export interface SurveyFormProps {
  locale: Locale;
  waveId: number;
  waveSlug: string;
  questionnaireVersion: string;
  requiresInvitation: boolean;
  rules: ItemRule[];
  towns: Array<{ id: number; code: string; name: string }>;
  /** The town a poster's link chose (?town=), until the resident picks another; a draft's own town wins. */
  initialTownId?: number;
  areas: Array<{ id: string; title: string; items: QuestionView[] }>;
  /** Texts in the reader's language; `stepOf` and `charactersLeft` are raw ICU messages, formatted here. */
  labels: Record<
    | "town" | "chooseTown" | "optional" | "next" | "back" | "send" | "sending" | "stepOf" | "summaryTitle" | "summaryIntro"
    | "change" | "notAnswered" | "waiting" | "fixErrors" | "invitationCode" | "invitationHint" | "charactersLeft" | "progress"
    | "notSent",
    string
  >;
  /** Translated messages by key ("errors.required", "priorities.errors.tooMany"). */
  errors: Record<string, string>;
  /** The priorities step of each town that has one, by town id. */
  elections: Record<number, StepElection>;
  priorityLabels: PriorityLabels;
}

interface Draft {
  responseId: string;
  step: number;
  values: Partial<FormInput>;
  ballot?: BallotState;
}

const skipped: BallotState = { answered: false, chosen: [] };

const draftKey = (waveSlug: string) => `qala-pulse:draft:${waveSlug}`;

function readDraft(waveSlug: string): Draft | null {
  try {
    const raw = localStorage.getItem(draftKey(waveSlug));
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

/**
 * The survey, one area of life per step, then a summary. Answers are kept on the phone
 * (localStorage) after every change, so a reload, a language switch or a closed tab loses
 * nothing; on sending, the response moves to the phone's outbox until the server has it.
 */
export function SurveyForm(props: SurveyFormProps) {
  const { locale, waveId, waveSlug, questionnaireVersion, requiresInvitation, rules, towns, initialTownId, areas, labels, errors, elections, priorityLabels } = props;
  const askedTownId = initialTownId === undefined ? undefined : String(initialTownId);
  const [schema] = useState(() => z.omit(buildResponseSchema(rules), { responseId: true }));
  const rulesById = useMemo(() => new Map(rules.map((rule) => [rule.id, rule])), [rules]);
  const [responseId, setResponseId] = useState<string | null>(null);
  const [step, setStep] = useState(0);
  const [formError, setFormError] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [refused, setRefused] = useState<OutboxEntry | null>(null);
  const [ballot, setBallot] = useState<BallotState>(skipped);
  const [ballotError, setBallotError] = useState<string | null>(null);
  // A refused ballot sends the resident back to the step once the town's step is there again.
  const [backToBallot, setBackToBallot] = useState(false);
  const router = useRouter();

  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    shouldFocusError: true,
    defaultValues: { waveId, locale, questionnaireVersion, answers: {}, ...(askedTownId ? { townId: askedTownId } : {}) },
  });
  const { register, handleSubmit, setError, trigger, formState, reset, control, getValues } = form;
  const values = useWatch({ control }) as FormInput;
  const answers = (values.answers ?? {}) as Record<string, unknown>;
  const election: StepElection | undefined = elections[Number(values.townId)];

  // Restore the draft once, after hydration (the server cannot see the phone's storage).
  useEffect(() => {
    const draft = readDraft(waveSlug);
    const id = draft?.responseId ?? crypto.randomUUID();
    // Phone storage exists only after hydration, so the draft can only be read here.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setResponseId(id);
    // The town stays out of the address once read (./thanks/answered-town.ts says why).
    if (askedTownId && window.location.search) window.history.replaceState(null, "", window.location.pathname);
    if (draft) {
      const townId = draft.values.townId ? draft.values.townId : askedTownId;
      reset({ ...draft.values, ...(townId ? { townId } : {}), waveId, locale, questionnaireVersion, answers: draft.values.answers ?? {} });
      setStep(draft.step);
      if (draft.ballot) setBallot(draft.ballot);
    } else {
      localStorage.setItem(draftKey(waveSlug), JSON.stringify({ responseId: id, step: 0, values: {} }));
    }
    // Answers the server refused while they waited in the outbox come back here, with the reason.
    void outboxEntries()
      .then((entries) => entries.find((entry) => entry.rejected && entry.waveSlug === waveSlug))
      .then((refused) => refused && setRefused(refused))
      .catch(() => undefined);
  }, [waveSlug, waveId, locale, questionnaireVersion, reset, askedTownId]);


  useEffect(() => {
    if (!responseId) return;
    const draft: Draft = { responseId, step, values: { townId: values.townId, invitationCode: values.invitationCode, answers: values.answers }, ballot };
    localStorage.setItem(draftKey(waveSlug), JSON.stringify(draft));
  }, [responseId, step, values.townId, values.invitationCode, values.answers, ballot, waveSlug]);

  const asked = (id: string) => {
    const rule = rulesById.get(id);
    return rule ? isAsked(rule, answers, rulesById) : false;
  };
  const steps = [
    { id: "start", title: labels.town, items: [] as QuestionView[] },
    ...areas.map((area) => ({ ...area, items: area.items.filter((item) => asked(item.id)) })).filter((area) => area.items.length > 0),
    // The town's priorities, when it has them: the last step before the summary.
    ...(election ? [{ id: "priorities", title: priorityLabels.stepTitle, items: [] as QuestionView[] }] : []),
    { id: "summary", title: labels.summaryTitle, items: [] as QuestionView[] },
  ];
  const current = Math.min(step, steps.length - 1);
  const page = steps[current]!;
  const isSummary = page.id === "summary";
  const prioritiesStep = steps.findIndex((candidate) => candidate.id === "priorities");

  const goTo = (next: number) => {
    setStep(next);
    setFormError(null);
    window.scrollTo({ top: 0 });
    // Move focus to the new step's title, so keyboard and screen-reader users start there.
    requestAnimationFrame(() => document.getElementById("step-title")?.focus());
  };

  const fieldsOf = (index: number): Array<FieldPath<FormInput>> =>
    steps[index]!.id === "start"
      ? ["townId", ...(requiresInvitation ? (["invitationCode"] as const) : [])]
      : steps[index]!.items.map((item) => `answers.${item.id}` as FieldPath<FormInput>);

  const message = (key: string | undefined) => (key ? (errors[key] ?? errors["errors.invalid"]) : undefined);

  const next = async () => {
    if (page.id === "priorities" && election) {
      // Moving on answers the step, with the boxes ticked (none is an answer too).
      const chosen = chosenIn(election, ballot);
      const problem = ballotProblem(election, chosen);
      setBallotError(message(problem ?? undefined) ?? null);
      if (problem) return setFormError(labels.fixErrors);
      setBallot({ answered: true, chosen });
      return goTo(current + 1);
    }
    if (await trigger(fieldsOf(current), { shouldFocus: true })) goTo(current + 1);
    else setFormError(labels.fixErrors);
  };

  const skipPriorities = () => {
    setBallot(skipped);
    setBallotError(null);
    goTo(current + 1);
  };

  const showServerErrors = (fieldErrors: Record<string, string[]>) => {
    let firstStep = steps.length - 1;
    for (const [field, keys] of Object.entries(fieldErrors)) {
      if (field === "priorities") {
        // A ballot the server refused: back to the step, with its reason (the step appears
        // once the restored town is rendered, so the move waits for it).
        setBallotError(message(keys[0]) ?? null);
        setFormError(message(keys[0]) ?? null);
        setBackToBallot(true);
        continue;
      }
      const index = steps.findIndex((_, i) => fieldsOf(i).includes(field as FieldPath<FormInput>));
      if (index >= 0) {
        firstStep = Math.min(firstStep, index);
        setError(field as FieldPath<FormInput>, { type: "server", message: keys[0] });
      } else {
        setFormError(message(keys[0]) ?? null);
      }
    }
    if (firstStep !== current) goTo(firstStep);
  };

  useEffect(() => {
    if (!backToBallot || prioritiesStep < 0) return;
    // Moving to the step once the restored town's step exists; runs once per refusal.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setBackToBallot(false);
    setStep(prioritiesStep);
  }, [backToBallot, prioritiesStep]);

  useEffect(() => {
    if (!refused) return;
    const { submission, rejected } = refused;
    // The outbox holds parsed values (numbers); the form's radios hold strings.
    const answers = Object.fromEntries(Object.entries((submission.answers as Record<string, unknown>) ?? {}).map(([id, value]) => [id, String(value)]));
    const values = { ...submission, townId: String(submission.townId ?? ""), answers } as unknown as FormInput;
    // Restoring from the phone's outbox, which only exists after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setResponseId(submission.responseId);
    reset({ ...values, waveId, locale, questionnaireVersion });
    const sent = Array.isArray(submission.priorities) ? (submission.priorities as number[]) : undefined;
    const restored: BallotState = sent ? { answered: true, chosen: sent } : skipped;
    setBallot(restored);
    localStorage.setItem(draftKey(waveSlug), JSON.stringify({ responseId: submission.responseId, step: 0, values, ballot: restored }));
    void discard(submission.responseId);
    setRefused(null);
    if (rejected?.fieldErrors) showServerErrors(rejected.fieldErrors);
    else setFormError(message(rejected?.messageKey ?? "errors.unexpected") ?? null);
    // Runs once per refused entry; the helpers it calls are recreated every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refused]);

  const onSubmit = handleSubmit(
    async (valid) => {
      if (!responseId) return;
      setFormError(null);
      // The ballot goes in the same submission: absent when the step was skipped or the town has none.
      const townElection = elections[valid.townId];
      const priorities = townElection && ballot.answered ? chosenIn(townElection, ballot) : undefined;
      const entry: OutboxEntry = {
        waveSlug,
        submission: { ...valid, answers: withoutHidden(rules, valid.answers), ...(priorities ? { priorities } : {}), responseId },
      };
      let queued = true;
      try {
        await enqueue(entry);
      } catch {
        // No IndexedDB here (a private window, a full disk): send straight away; the draft
        // in localStorage still holds the answers if that fails.
        queued = false;
      }
      const result = await sendWithRetry(entry);
      if (result.outcome === "rejected") void discard(responseId);
      if (result.outcome === "retry" && !queued) {
        setFormError(labels.notSent);
        return;
      }
      if (result.outcome === "sent") {
        localStorage.removeItem(draftKey(waveSlug));
        const town = towns.find((candidate) => candidate.id === valid.townId);
        if (town) rememberAnsweredTown(waveSlug, town.code);
        router.push(`/${locale}/survey/${waveSlug}/thanks`);
      } else if (result.outcome === "rejected") {
        if (result.fieldErrors) showServerErrors(result.fieldErrors);
        else setFormError(message(result.messageKey ?? "errors.unexpected") ?? null);
      } else {
        // Kept in the outbox; the outbox sender at the top of the page takes it from here.
        localStorage.removeItem(draftKey(waveSlug));
        setWaiting(true);
        window.dispatchEvent(new Event("qala-outbox-changed"));
      }
    },
    (invalid) => {
      const fields = Object.keys((invalid.answers as object | undefined) ?? {}).map((id) => `answers.${id}`);
      if (invalid.townId) fields.push("townId");
      if (invalid.invitationCode) fields.push("invitationCode");
      const index = steps.findIndex((_, i) => fieldsOf(i).some((field) => fields.includes(field)));
      setFormError(labels.fixErrors);
      if (index >= 0 && index !== current) goTo(index);
    },
  );

  if (waiting) {
    return (
      <p className="notice" role="status">
        {labels.waiting}
      </p>
    );
  }

  const answerErrors = (formState.errors.answers ?? {}) as Record<string, { message?: string } | undefined>;
  const townError = message(formState.errors.townId?.message);
  const codeError = message(formState.errors.invitationCode?.message);
  const optionLabel = (item: QuestionView) => {
    const value = answers[item.id];
    if (value === undefined || value === null || value === "") return labels.notAnswered;
    if (item.kind === "text") return String(value);
    return item.options.find((option) => String(option.code) === String(value))?.label ?? labels.notAnswered;
  };
  const stepLabel = formatMessage(labels.stepOf, locale, { current: current + 1, total: steps.length });

  return (
    <form
      // Enter on a step moves on, like "next"; only the summary sends.
      onSubmit={isSummary ? onSubmit : (event) => (event.preventDefault(), void next())}
      noValidate
      aria-labelledby="step-title"
    >
      <div className="progress">
        <progress value={current + 1} max={steps.length} aria-label={labels.progress} />
        <span className="hint">{stepLabel}</span>
      </div>
      <h2 id="step-title" tabIndex={-1}>
        {page.title}
      </h2>
      {formError && (
        <p className="alert" role="alert">
          {formError}
        </p>
      )}

      {page.id === "start" && (
        <>
          <label htmlFor="townId">
            <strong>{labels.town}</strong>
          </label>
          <select
            id="townId"
            {...register("townId")}
            aria-invalid={townError ? true : undefined}
            aria-describedby={townError ? "townId-error" : undefined}
          >
            <option value="">{labels.chooseTown}</option>
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
          {requiresInvitation && (
            <>
              <label htmlFor="invitationCode">
                <strong>{labels.invitationCode}</strong>
              </label>
              <p className="hint" id="invitationCode-hint">
                {labels.invitationHint}
              </p>
              <input
                id="invitationCode"
                autoComplete="off"
                autoCapitalize="characters"
                {...register("invitationCode")}
                aria-invalid={codeError ? true : undefined}
                aria-describedby={codeError ? "invitationCode-hint invitationCode-error" : "invitationCode-hint"}
              />
              {codeError && (
                <p className="field-error" id="invitationCode-error">
                  {codeError}
                </p>
              )}
            </>
          )}
        </>
      )}

      {page.id === "priorities" && election && (
        <PrioritiesStep
          locale={locale}
          election={election}
          ballot={ballot}
          onChange={(changed) => {
            setBallot(changed);
            setBallotError(null);
          }}
          labels={priorityLabels}
          error={ballotError}
        />
      )}

      {page.items.map((item) => (
        <Question
          key={item.id}
          question={item}
          register={register as never}
          error={message(answerErrors[item.id]?.message)}
          optionalLabel={labels.optional}
          charactersLeft={(count) => formatMessage(labels.charactersLeft, locale, { count })}
          textLength={String(answers[item.id] ?? "").length}
        />
      ))}

      {isSummary && (
        <>
          <p>{labels.summaryIntro}</p>
          <dl className="summary">
            <dt>{labels.town}</dt>
            <dd>{towns.find((town) => String(town.id) === String(getValues("townId")))?.name ?? labels.notAnswered}</dd>
            {steps.slice(1, -1).flatMap((area, index) =>
              area.items.map((item) => (
                <div key={item.id}>
                  <dt>{item.text}</dt>
                  <dd>
                    {optionLabel(item)}{" "}
                    <button type="button" className="link" onClick={() => goTo(index + 1)} aria-label={`${labels.change}: ${item.text}`}>
                      {labels.change}
                    </button>
                  </dd>
                </div>
              )),
            )}
            {election && (
              <div>
                <dt>{priorityLabels.summaryLabel}</dt>
                <dd>
                  {!ballot.answered
                    ? priorityLabels.skipped
                    : election.priorities
                        .filter((priority) => chosenIn(election, ballot).includes(priority.id))
                        .map((priority) => priority.title)
                        .join("; ") || priorityLabels.noneChosen}{" "}
                  <button
                    type="button"
                    className="link"
                    onClick={() => goTo(prioritiesStep)}
                    aria-label={`${labels.change}: ${priorityLabels.summaryLabel}`}
                  >
                    {labels.change}
                  </button>
                </dd>
              </div>
            )}
          </dl>
        </>
      )}

      <div className="step-buttons">
        {current > 0 && (
          <button type="button" className="button secondary" onClick={() => goTo(current - 1)}>
            {labels.back}
          </button>
        )}
        {/* Distinct keys: reusing the "next" button as "send" would let the tap on "next"
            that opened the summary go on to submit the form. */}
        {page.id === "priorities" && (
          <button type="button" className="button secondary" onClick={skipPriorities}>
            {priorityLabels.skip}
          </button>
        )}
        {isSummary ? (
          <button key="send" className="button" type="submit" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? labels.sending : labels.send}
          </button>
        ) : (
          <button key="next" type="button" className="button" onClick={next}>
            {labels.next}
          </button>
        )}
      </div>
    </form>
  );
}
