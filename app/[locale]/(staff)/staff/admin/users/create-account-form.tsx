"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "@/lib/i18n/client-messages";
import { Controller, useWatch } from "react-hook-form";
import { Field, FormAlert } from "@/app/components/field";
import { useActionForm } from "@/app/components/use-action-form";
import { createAccountSchema, hasTownScope, ROLES, type CreateAccountInput } from "@/lib/auth/account-schema";
import { useMessage } from "../form-messages";
import { TownPicker, type TownChoice } from "../town-picker";
import { createAccount } from "./actions";
import { OneTimePassword } from "./one-time-password";

// A new official sees no town until the admin chooses some, or ticks "all towns".
const EMPTY: CreateAccountInput = { name: "", email: "", role: "official", townCodes: [], allTowns: false };

/** A new account; its one-time password is shown here once, then only the person has it. */
export function CreateAccountForm({ towns }: { towns: TownChoice[] }) {
  const t = useTranslations("adminUsers");
  const message = useMessage("adminUsers");
  const router = useRouter();
  const { register, control, reset, setValue, onSubmit, pending, formError, outcome, ok, clearOutcome, errorOf } = useActionForm({
    schema: createAccountSchema,
    defaultValues: EMPTY,
    action: createAccount,
    message,
    invalidMessage: t("fixErrors"),
    onOk: () => {
      reset(EMPTY);
      router.refresh();
    },
  });
  const role = useWatch({ control, name: "role" });
  const allTowns = useWatch({ control, name: "allTowns" });
  const tScope = useTranslations("accountSecurity");
  const tSupervision = useTranslations("supervision");

  return (
    <>
      {ok && outcome && (
        <OneTimePassword
          status={t("created", { email: outcome.values.email.trim().toLowerCase() })}
          password={ok.oneTimePassword}
          onDone={clearOutcome}
        />
      )}
      <form onSubmit={onSubmit} noValidate aria-label={t("createTitle")}>
        <FormAlert message={formError} />
        <Field id="new-name" label={t("name")} error={errorOf("name")}>
          <input autoComplete="off" {...register("name")} />
        </Field>
        <Field id="new-email" label={t("email")} error={errorOf("email")}>
          <input type="email" autoComplete="off" {...register("email")} />
        </Field>
        <Field id="new-role" label={t("role")} error={errorOf("role")}>
          <select {...register("role")}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
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
                idPrefix="new"
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
            {pending ? t("creating") : t("create")}
          </button>
        </p>
      </form>
    </>
  );
}
