"use client";

import { formatMessage } from "@/lib/i18n/format-message";
import type { Locale } from "@/lib/i18n/locales";
import { ballotOf, validateBallot } from "@/lib/participation/ballot";

/** One town's priorities as the survey shows them, in the reader's language. */
export interface StepElection {
  rule: "approval" | "budget";
  maxChoices: number | null;
  budget: number | null;
  priorities: Array<{ id: number; title: string; description: string; cost: number | null }>;
}

/** The resident's answer to the step: skipped (nothing sent) or answered with the chosen ids (none is an answer too). */
export interface BallotState {
  answered: boolean;
  chosen: number[];
}

/** Texts of the "priorities" namespace; those with arguments are raw ICU messages, formatted here. */
export type PriorityLabels = Record<
  "stepTitle" | "intro" | "chooseUpTo" | "chooseWithin" | "chosenOf" | "budgetLeft" | "cost" | "skip" | "skipped" | "noneChosen" | "summaryLabel",
  string
>;

/** The chosen ids that belong to this election (a change of town leaves the others behind). */
export function chosenIn(election: StepElection, ballot: BallotState): number[] {
  const known = new Set(election.priorities.map((priority) => priority.id));
  return ballot.chosen.filter((id) => known.has(id));
}

/** The first problem of a ballot as its message key ("priorities.errors.tooMany"), or null: the server's own check. */
export function ballotProblem(election: StepElection, chosen: number[]): string | null {
  const [problem] = validateBallot(
    {
      priorities: election.priorities.map((priority) => ({ id: String(priority.id), cost: priority.cost })),
      budget: election.budget,
      rule: election.rule === "budget" ? { kind: "budget" } : { kind: "approval", maxChoices: election.maxChoices ?? 0 },
    },
    ballotOf(chosen.map(String)),
  );
  return problem?.key ?? null;
}

const costOf = (election: StepElection, chosen: number[]) =>
  chosen.reduce((sum, id) => sum + (election.priorities.find((priority) => priority.id === id)?.cost ?? 0), 0);

/**
 * The survey's last step before the summary: the town's priorities as boxes to tick, up to
 * the number allowed (approval) or within the budget (with the running total and what is
 * left). A box that would break the rule cannot be ticked; the step can be skipped.
 */
export function PrioritiesStep({ locale, election, ballot, onChange, labels, error }: {
  locale: Locale;
  election: StepElection;
  ballot: BallotState;
  onChange: (ballot: BallotState) => void;
  labels: PriorityLabels;
  error?: string | null;
}) {
  const chosen = chosenIn(election, ballot);
  const spent = costOf(election, chosen);
  const budget = election.budget ?? 0;
  const isBudget = election.rule === "budget";
  const max = election.maxChoices ?? 0;
  const rule = isBudget
    ? formatMessage(labels.chooseWithin, locale, { budget })
    : formatMessage(labels.chooseUpTo, locale, { max });
  const status = isBudget
    ? formatMessage(labels.budgetLeft, locale, { sum: spent, left: budget - spent })
    : formatMessage(labels.chosenOf, locale, { count: chosen.length, max });
  const fits = (id: number) => {
    if (chosen.includes(id)) return true;
    if (!isBudget) return chosen.length < max;
    const cost = election.priorities.find((priority) => priority.id === id)?.cost ?? 0;
    return spent + cost <= budget;
  };
  const toggle = (id: number, checked: boolean) =>
    onChange({ answered: true, chosen: checked ? [...chosen, id] : chosen.filter((other) => other !== id) });

  return (
    <fieldset aria-invalid={error ? true : undefined} aria-describedby={`priorities-rule priorities-status${error ? " priorities-error" : ""}`}>
      <legend id="priorities-legend">{labels.intro}</legend>
      <p className="hint" id="priorities-rule">
        {rule}
      </p>
      <div className="options">
        {election.priorities.map((priority) => (
          <label key={priority.id} className="option priority-option">
            <input
              type="checkbox"
              name="priorities"
              value={priority.id}
              checked={chosen.includes(priority.id)}
              disabled={!fits(priority.id)}
              onChange={(event) => toggle(priority.id, event.target.checked)}
              aria-describedby={`priority-${priority.id}-about`}
            />
            <span>
              <strong>{priority.title}</strong>
              <span className="hint" id={`priority-${priority.id}-about`}>
                {priority.description}
                {priority.cost !== null && (
                  <>
                    {" "}
                    {formatMessage(labels.cost, locale, { cost: priority.cost })}
                  </>
                )}
              </span>
            </span>
          </label>
        ))}
      </div>
      <p className="hint" id="priorities-status" aria-live="polite">
        {status}
      </p>
      {error && (
        <p className="field-error" id="priorities-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
