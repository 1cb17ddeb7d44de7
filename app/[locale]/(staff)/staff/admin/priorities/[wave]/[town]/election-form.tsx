"use client";

import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { useWatch } from "react-hook-form";
import { Field, FormAlert } from "@/app/components/field";
import { useActionForm } from "@/app/components/use-action-form";
import { useTranslations } from "@/lib/i18n/client-messages";
import { electionSchema, type ElectionInput } from "@/lib/priorities/admin-schema";
import { usePriorityMessage } from "../../use-priority-message";
import { saveElection } from "../../actions";

/** The ballot rule of a town's priorities: approval with a number of choices, or a budget. */
export function ElectionForm({ waveSlug, townCode, election, locked }: {
  waveSlug: string;
  townCode: string;
  election: { rule: "approval" | "budget"; maxChoices: number | null; budget: number | null } | null;
  locked: boolean;
}) {
  const t = useTranslations("priorities");
  const message = usePriorityMessage();
  const router = useRouter();
  const defaults = useMemo<ElectionInput>(
    () => ({
      waveSlug,
      townCode,
      rule: election?.rule ?? "approval",
      maxChoices: String(election?.maxChoices ?? 3),
      budget: election?.budget === null || election?.budget === undefined ? "" : String(election.budget),
    }),
    [waveSlug, townCode, election],
  );
  const { register, control, onSubmit, pending, formError, ok, errorOf } = useActionForm({
    schema: electionSchema,
    defaultValues: defaults,
    action: saveElection,
    message,
    invalidMessage: t("admin.fixErrors"),
    onOk: () => router.refresh(),
  });
  const rule = useWatch({ control, name: "rule" });
  const ruleError = errorOf("rule");

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("admin.electionTitle")}>
      {ok && (
        <p className="notice" role="status">
          {t("admin.electionSaved")}
        </p>
      )}
      <FormAlert message={formError} />
      <fieldset disabled={locked} aria-describedby={ruleError ? "election-rule-error" : undefined}>
        <legend>{t("admin.ruleLabel")}</legend>
        <div className="options">
          <Field id="election-rule-approval" label={t("admin.approvalOption")} check>
            <input type="radio" value="approval" {...register("rule")} />
          </Field>
          <Field id="election-rule-budget" label={t("admin.budgetOption")} check>
            <input type="radio" value="budget" {...register("rule")} />
          </Field>
        </div>
        {ruleError && (
          <p className="field-error" id="election-rule-error">
            {ruleError}
          </p>
        )}
      </fieldset>
      {rule === "approval" && (
        <Field id="election-max" label={t("admin.maxChoices")} error={errorOf("maxChoices")}>
          <input type="text" inputMode="numeric" autoComplete="off" disabled={locked} {...register("maxChoices")} />
        </Field>
      )}
      <Field id="election-budget" label={t("admin.budget")} hint={t("admin.budgetHint")} hintAbove error={errorOf("budget")}>
        <input type="text" inputMode="numeric" autoComplete="off" disabled={locked} {...register("budget")} />
      </Field>
      {!locked && (
        <p>
          <button className="button" type="submit" disabled={pending}>
            {pending ? t("admin.saving") : t("admin.saveElection")}
          </button>
        </p>
      )}
    </form>
  );
}
