"use client";

import { Field, FormAlert } from "@/app/components/field";
import { useActionForm } from "@/app/components/use-action-form";
import { useTranslations } from "@/lib/i18n/client-messages";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/auth/password-schema";
import { useMessage } from "../admin/form-messages";
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
  const { register, reset, onSubmit, pending, formError, ok, errorOf } = useActionForm({
    schema: changePasswordSchema,
    defaultValues: EMPTY,
    action: changeOwnPassword,
    message,
    invalidMessage: t("fixErrors"),
    onOk: () => reset(EMPTY),
  });

  return (
    <>
      {ok && (
        <p className="notice" role="status">
          {t("changed")}
        </p>
      )}
      <form onSubmit={onSubmit} noValidate aria-label={t("title")}>
        <FormAlert message={formError} />
        {FIELDS.map(({ name, autoComplete }) => (
          <div key={name}>
            <Field id={name} label={t(name)} error={errorOf(name)}>
              <input type="password" autoComplete={autoComplete} {...register(name)} />
            </Field>
          </div>
        ))}
        <p>
          <button className="button" type="submit" disabled={pending}>
            {pending ? t("saving") : t("submit")}
          </button>
        </p>
      </form>
    </>
  );
}
