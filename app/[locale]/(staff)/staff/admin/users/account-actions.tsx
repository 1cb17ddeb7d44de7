"use client";

import { useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "@/lib/i18n/client-messages";
import { Controller, useWatch } from "react-hook-form";
import { Field, FormAlert } from "@/app/components/field";
import { useActionForm } from "@/app/components/use-action-form";
import type { ActionResult } from "@/lib/action";
import { hasTownScope, ROLES, updateAccountSchema, type UpdateAccountInput } from "@/lib/auth/account-schema";
import { useMessage } from "../form-messages";
import { TownPicker, type TownChoice } from "../town-picker";
import type { AccountRow } from "./account-table";
import { deleteAccount, resetPassword, setAccountDisabled, updateAccount } from "./actions";
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
  const [busy, setBusy] = useState<"reset" | "delete" | "disable" | null>(null);
  const tSupervision = useTranslations("supervision");
  const [error, setError] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const perform = (kind: "reset" | "delete" | "disable", call: () => Promise<ActionResult>) =>
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
  const toggleDisabled = () => perform("disable", () => setAccountDisabled({ userId: account.id, disabled: !account.disabled }));
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
      <FormAlert message={error} />
      {newPassword && <OneTimePassword status={t("resetDone", { email: account.email })} password={newPassword} onDone={() => setNewPassword(null)} />}
      {!isSelf && (
        <p>
          <button type="button" className="button secondary" disabled={pending} onClick={reset}>
            {busy === "reset" ? t("resetting") : t("resetPassword")}
          </button>{" "}
          <button type="button" className="button secondary" disabled={pending} onClick={toggleDisabled}>
            {account.disabled ? tSupervision("enableAccount") : tSupervision("disableAccount")}
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
  const defaultValues = useMemo<UpdateAccountInput>(() => ({ userId: account.id, role: account.role, townCodes: account.townCodes, allTowns: account.allTowns }), [account]);
  const { register, control, setValue, onSubmit, pending, formError, ok, errorOf } = useActionForm({
    schema: updateAccountSchema,
    defaultValues,
    action: (values: UpdateAccountInput) => updateAccount({ ...values, userId: account.id }),
    message,
    invalidMessage: t("fixErrors"),
    onOk: () => router.refresh(),
  });
  const role = useWatch({ control, name: "role" });
  const allTowns = useWatch({ control, name: "allTowns" });
  const tScope = useTranslations("accountSecurity");
  const tSupervision = useTranslations("supervision");
  const id = `edit-${account.id}`;

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      {ok && <p role="status">{t("saved", { email: account.email })}</p>}
      <Field id={`${id}-role`} label={t("role")} error={errorOf("role")}>
        <select {...register("role")}>
          {ROLES.map((option) => (
            <option key={option} value={option}>
              {t(`roles.${option}`)}
            </option>
          ))}
        </select>
      </Field>
      {hasTownScope(role) && (
        <Controller
          control={control}
          name="townCodes"
          render={({ field }) => (
            <TownPicker
              idPrefix={id}
              legend={role === "supervisor" ? tSupervision("townsLegend") : t("townsLegend")}
              hint={t("townsHint")}
              error={errorOf("townCodes")}
              towns={towns}
              value={field.value}
              onChange={field.onChange}
              wholeRegionLabel={(region) => t("wholeRegion", { region })}
              everyTown={{ label: tScope("allTowns"), checked: allTowns ?? false, onChange: (checked) => setValue("allTowns", checked) }}
            />
          )}
        />
      )}
      <p>
        <button className="button" type="submit" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </button>
      </p>
    </form>
  );
}
