"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "@/lib/i18n/client-messages";
import { Field, FormAlert } from "@/app/components/field";
import { useActionForm } from "@/app/components/use-action-form";
import { createAssignmentSchema, type CreateAssignmentInput } from "@/lib/fieldwork/supervision-schema";
import { useMessage } from "../../../admin/form-messages";
import { closeAssignment, createAssignment } from "../../actions";

/** A new assignment: an interviewer and a target; the quotas are drawn from the town's population. */
export function AssignmentForm({ waveSlug, townCode, interviewers }: { waveSlug: string; townCode: string; interviewers: { id: string; label: string }[] }) {
  const t = useTranslations("supervision");
  const message = useMessage("supervision");
  const router = useRouter();
  const empty: CreateAssignmentInput = { waveSlug, townCode, interviewerId: interviewers[0]?.id ?? "", target: 30 };
  const { register, onSubmit, pending, formError, ok, errorOf } = useActionForm({
    schema: createAssignmentSchema,
    defaultValues: empty,
    action: createAssignment,
    message,
    invalidMessage: t("fixErrors"),
    onOk: () => router.refresh(),
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("newAssignment")}>
      <FormAlert message={formError} />
      {ok && <p role="status">{ok.cells > 0 ? t("assignmentMade", { cells: ok.cells }) : t("assignmentMadeNoQuotas")}</p>}
      <Field id="assignment-interviewer" label={t("interviewer")} error={errorOf("interviewerId")}>
        <select {...register("interviewerId")}>
          {interviewers.map((interviewer) => (
            <option key={interviewer.id} value={interviewer.id}>
              {interviewer.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="assignment-target" label={t("target")} error={errorOf("target")}>
        <input type="number" inputMode="numeric" min={1} {...register("target", { valueAsNumber: true })} />
      </Field>
      <p>
        <button className="button" type="submit" disabled={pending}>
          {pending ? t("assigning") : t("assign")}
        </button>
      </p>
    </form>
  );
}

/** Closes an assignment now: the interviewer's device then takes no interview started after it. */
export function CloseAssignmentButton({ assignmentId }: { assignmentId: number }) {
  const t = useTranslations("supervision");
  const message = useMessage("supervision");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const close = () =>
    startTransition(async () => {
      const result = await closeAssignment({ assignmentId });
      if (result.status === "ok") router.refresh();
      else setError(message(result.status === "error" ? result.messageKey : "errors.unexpected"));
    });
  return (
    <>
      <FormAlert message={error} />
      <button type="button" className="button secondary" disabled={pending} onClick={close}>
        {pending ? t("closing") : t("close")}
      </button>
    </>
  );
}
