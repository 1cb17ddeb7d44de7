"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "@/lib/i18n/client-messages";
import { Field, FormAlert } from "@/app/components/field";
import { useActionForm } from "@/app/components/use-action-form";
import { reviewInterviewSchema, type ReviewInterviewInput } from "@/lib/fieldwork/supervision-schema";
import { useMessage } from "../../../admin/form-messages";
import { reviewInterview } from "../../actions";

/** Approve or reject one interview; a rejection needs a reason. */
export function ReviewForm({ responseId, shortId, status }: { responseId: string; shortId: string; status: "pending" | "approved" | "rejected" }) {
  const t = useTranslations("supervision");
  const message = useMessage("supervision");
  const router = useRouter();
  const defaultValues: ReviewInterviewInput = { responseId, decision: "approve", reason: "" };
  const { register, setValue, submitWith, pending, formError, errorOf } = useActionForm({
    schema: reviewInterviewSchema,
    defaultValues,
    action: reviewInterview,
    message,
    invalidMessage: t("fixErrors"),
    onOk: () => router.refresh(),
  });
  const decide = (decision: "approve" | "reject") => (event: React.MouseEvent) => {
    setValue("decision", decision);
    void submitWith(reviewInterview)(event);
  };
  return (
    <form noValidate aria-label={t("reviewOf", { id: shortId })} onSubmit={(event) => event.preventDefault()}>
      <FormAlert message={formError} />
      <Field id={`reason-${shortId}`} label={t("reason")} error={errorOf("reason")}>
        <input autoComplete="off" maxLength={500} {...register("reason")} />
      </Field>
      <p>
        {status !== "approved" && (
          <button type="button" className="button secondary" disabled={pending} onClick={decide("approve")}>
            {t("approve")}
          </button>
        )}{" "}
        {status !== "rejected" && (
          <button type="button" className="button" disabled={pending} onClick={decide("reject")}>
            {t("reject")}
          </button>
        )}
      </p>
    </form>
  );
}
