"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "@/lib/i18n/client-messages";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/auth/password-schema";
import { showFieldErrors, useMessage } from "../admin/form-messages";
import { changeOwnPassword } from "./actions";

const EMPTY: ChangePasswordInput = { currentPassword: "", newPassword: "", confirmPassword: "" };
const FIELDS = [
  { name: "currentPassword", autoComplete: "current-password" },
  { name: "newPassword", autoComplete: "new-password" },
  { name: "confirmPassword", autoComplete: "new-password" },
] as const;

export function ChangePasswordForm() {
  const t = useTranslations("changePassword");
  const message = useMessage("changePassword");
  const [formError, setFormError] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const { register, handleSubmit, reset, setError, formState } = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: EMPTY,
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setChanged(false);
    const result = await changeOwnPassword(values);
    if (result.status === "ok") {
      setChanged(true);
      reset(EMPTY);
    } else if (result.status === "invalid") {
      showFieldErrors(setError, result.fieldErrors);
      setFormError(t("fixErrors"));
    } else setFormError(message(result.messageKey));
  });

  return (
    <>
      {changed && (
        <p className="notice" role="status">
          {t("changed")}
        </p>
      )}
      <form onSubmit={onSubmit} noValidate aria-label={t("title")}>
        {formError && (
          <p className="alert" role="alert">
            {formError}
          </p>
        )}
        {FIELDS.map(({ name, autoComplete }) => {
          const error = formState.errors[name]?.message;
          return (
            <div key={name}>
              <label htmlFor={name}>{t(name)}</label>
              <input id={name} type="password" autoComplete={autoComplete} {...register(name)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${name}-error` : undefined} />
              {error && <p className="field-error" id={`${name}-error`}>{message(error)}</p>}
            </div>
          );
        })}
        <p>
          <button className="button" type="submit" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t("saving") : t("submit")}
          </button>
        </p>
      </form>
    </>
  );
}
