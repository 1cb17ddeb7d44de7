"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "@/lib/i18n/client-messages";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { createAccountSchema, ROLES, type CreateAccountInput } from "@/lib/auth/account-schema";
import { showFieldErrors, useMessage } from "../form-messages";
import { TownPicker, type TownChoice } from "../town-picker";
import { createAccount } from "./actions";
import { OneTimePassword } from "./one-time-password";

const EMPTY: CreateAccountInput = { name: "", email: "", role: "official", townCodes: [] };

/** A new account; its one-time password is shown here once, then only the person has it. */
export function CreateAccountForm({ towns }: { towns: TownChoice[] }) {
  const t = useTranslations("adminUsers");
  const message = useMessage("adminUsers");
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const { register, handleSubmit, control, reset, setError, formState } = useForm<CreateAccountInput>({
    resolver: zodResolver(createAccountSchema),
    defaultValues: EMPTY,
  });
  const role = useWatch({ control, name: "role" });
  const errorOf = (key?: string) => (key ? message(key) : undefined);
  const nameError = errorOf(formState.errors.name?.message);
  const emailError = errorOf(formState.errors.email?.message);
  const roleError = errorOf(formState.errors.role?.message);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setCreated(null);
    const result = await createAccount(values);
    if (result.status === "ok") {
      setCreated({ email: values.email.trim().toLowerCase(), password: result.oneTimePassword });
      reset(EMPTY);
      router.refresh();
    } else if (result.status === "invalid") {
      showFieldErrors(setError, result.fieldErrors);
      setFormError(t("fixErrors"));
    } else setFormError(message(result.messageKey));
  });

  return (
    <>
      {created && (
        <OneTimePassword
          status={t("created", { email: created.email })}
          password={created.password}
          onDone={() => setCreated(null)}
        />
      )}
      <form onSubmit={onSubmit} noValidate aria-label={t("createTitle")}>
        {formError && (
          <p className="alert" role="alert">
            {formError}
          </p>
        )}
        <label htmlFor="new-name">{t("name")}</label>
        <input id="new-name" autoComplete="off" {...register("name")} aria-invalid={nameError ? true : undefined} aria-describedby={nameError ? "new-name-error" : undefined} />
        {nameError && <p className="field-error" id="new-name-error">{nameError}</p>}
        <label htmlFor="new-email">{t("email")}</label>
        <input id="new-email" type="email" autoComplete="off" {...register("email")} aria-invalid={emailError ? true : undefined} aria-describedby={emailError ? "new-email-error" : undefined} />
        {emailError && <p className="field-error" id="new-email-error">{emailError}</p>}
        <label htmlFor="new-role">{t("role")}</label>
        <select id="new-role" {...register("role")} aria-invalid={roleError ? true : undefined} aria-describedby={roleError ? "new-role-error" : undefined}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
        {roleError && <p className="field-error" id="new-role-error">{roleError}</p>}
        {role === "official" && (
          <Controller
            control={control}
            name="townCodes"
            render={({ field, fieldState }) => (
              <TownPicker
                idPrefix="new"
                legend={t("townsLegend")}
                hint={t("townsHint")}
                error={errorOf(fieldState.error?.message)}
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
            {formState.isSubmitting ? t("creating") : t("create")}
          </button>
        </p>
      </form>
    </>
  );
}
