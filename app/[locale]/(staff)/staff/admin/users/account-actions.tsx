"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "@/lib/i18n/client-messages";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { ActionResult } from "@/lib/action";
import { ROLES, updateAccountSchema, type UpdateAccountInput } from "@/lib/auth/account-schema";
import { showFieldErrors, useMessage } from "../form-messages";
import { TownPicker, type TownChoice } from "../town-picker";
import type { AccountRow } from "./account-table";
import { deleteAccount, resetPassword, updateAccount } from "./actions";
import { OneTimePassword } from "./one-time-password";

/**
 * One account's changes: role and towns, a new one-time password, deletion (confirmed
 * first). Buttons an admin may not use on their own account are not offered there; the
 * server refuses them anyway.
 */
export function AccountActions({ account, towns, isSelf, onDeleted }: { account: AccountRow; towns: TownChoice[]; isSelf: boolean; onDeleted: () => void }) {
  const t = useTranslations("adminUsers");
  const message = useMessage("adminUsers");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<"reset" | "delete" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const perform = (kind: "reset" | "delete", call: () => Promise<ActionResult>) =>
    startTransition(async () => {
      setBusy(kind);
      setError(null);
      setNewPassword(null);
      const result = await call();
      setConfirming(false);
      setBusy(null);
      if (result.status === "ok") router.refresh();
      else setError(message(result.status === "error" ? result.messageKey : "errors.unexpected"));
    });
  const reset = () =>
    perform("reset", async () => {
      const result = await resetPassword({ userId: account.id });
      if (result.status === "ok") setNewPassword(result.oneTimePassword);
      return result;
    });
  const remove = () =>
    perform("delete", async () => {
      const result = await deleteAccount({ userId: account.id });
      if (result.status === "ok") onDeleted();
      return result;
    });

  return (
    <div className="account-actions">
      <details>
        <summary>{t("edit")}</summary>
        <EditAccessForm account={account} towns={towns} />
      </details>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {newPassword && <OneTimePassword status={t("resetDone", { email: account.email })} password={newPassword} onDone={() => setNewPassword(null)} />}
      {!isSelf && (
        <p>
          <button type="button" className="button secondary" disabled={pending} onClick={reset}>
            {busy === "reset" ? t("resetting") : t("resetPassword")}
          </button>{" "}
          {confirming ? (
            <span role="group" aria-label={t("confirmDelete", { email: account.email })}>
              <span>{t("confirmDelete", { email: account.email })}</span>{" "}
              <button type="button" className="button" disabled={pending} onClick={remove}>
                {busy === "delete" ? t("deleting") : t("confirm")}
              </button>{" "}
              <button type="button" className="link" disabled={pending} onClick={() => setConfirming(false)}>
                {t("cancel")}
              </button>
            </span>
          ) : (
            <button type="button" className="button secondary" disabled={pending} onClick={() => setConfirming(true)}>
              {t("delete")}
            </button>
          )}
        </p>
      )}
    </div>
  );
}

function EditAccessForm({ account, towns }: { account: AccountRow; towns: TownChoice[] }) {
  const t = useTranslations("adminUsers");
  const message = useMessage("adminUsers");
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, control, setError, formState } = useForm<UpdateAccountInput>({
    resolver: zodResolver(updateAccountSchema),
    defaultValues: { userId: account.id, role: account.role, townCodes: account.townCodes },
  });
  const role = useWatch({ control, name: "role" });
  const id = `edit-${account.id}`;
  const roleError = formState.errors.role?.message ? message(formState.errors.role.message) : undefined;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSaved(false);
    const result = await updateAccount({ ...values, userId: account.id });
    if (result.status === "ok") {
      setSaved(true);
      router.refresh();
    } else if (result.status === "invalid") {
      showFieldErrors(setError, result.fieldErrors);
      setFormError(t("fixErrors"));
    } else setFormError(message(result.messageKey));
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      {formError && (
        <p className="alert" role="alert">
          {formError}
        </p>
      )}
      {saved && <p role="status">{t("saved", { email: account.email })}</p>}
      <label htmlFor={`${id}-role`}>{t("role")}</label>
      <select id={`${id}-role`} {...register("role")} aria-invalid={roleError ? true : undefined} aria-describedby={roleError ? `${id}-role-error` : undefined}>
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {t(`roles.${option}`)}
          </option>
        ))}
      </select>
      {roleError && <p className="field-error" id={`${id}-role-error`}>{roleError}</p>}
      {role === "official" && (
        <Controller
          control={control}
          name="townCodes"
          render={({ field, fieldState }) => (
            <TownPicker
              idPrefix={id}
              legend={t("townsLegend")}
              hint={t("townsHint")}
              error={fieldState.error?.message ? message(fieldState.error.message) : undefined}
              towns={towns}
              value={field.value}
              onChange={field.onChange}
              wholeRegionLabel={(region) => t("wholeRegion", { region })}
            />
          )}
        />
      )}
      <p>
        <button className="button" type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t("saving") : t("save")}
        </button>
      </p>
    </form>
  );
}
