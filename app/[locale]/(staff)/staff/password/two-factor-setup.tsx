"use client";

import { useRouter } from "next/navigation";
import { Field, FormAlert } from "@/app/components/field";
import { useActionForm } from "@/app/components/use-action-form";
import { useTranslations } from "@/lib/i18n/client-messages";
import { startTwoFactorSchema, totpCodeSchema, type StartTwoFactorInput, type TotpCodeInput } from "@/lib/auth/two-factor-schema";
import { useMessage } from "../admin/form-messages";
import { confirmTwoFactor, startTwoFactor } from "./actions";

const NO_PASSWORD: StartTwoFactorInput = { password: "" };
const NO_CODE: TotpCodeInput = { code: "" };

/**
 * An admin turns on two-step sign-in: the password, then the key (as text and as an
 * otpauth address) to put into an authenticator app, then a first code to confirm it.
 */
export function TwoFactorSetup() {
  const t = useTranslations("accountSecurity");
  const message = useMessage("changePassword");
  const router = useRouter();
  const start = useActionForm({ schema: startTwoFactorSchema, defaultValues: NO_PASSWORD, action: startTwoFactor, message });
  const confirm = useActionForm({ schema: totpCodeSchema, defaultValues: NO_CODE, action: confirmTwoFactor, message, onOk: () => router.refresh() });
  const started = start.ok;

  if (!started) {
    return (
      <form onSubmit={start.onSubmit} noValidate aria-label={t("twoFactorStart")}>
        <FormAlert message={start.formError} />
        <Field id="two-factor-password" label={t("twoFactorPassword")} error={start.errorOf("password")}>
          <input type="password" autoComplete="current-password" {...start.register("password")} />
        </Field>
        <p>
          <button className="button" type="submit" disabled={start.pending}>
            {start.pending ? t("twoFactorStarting") : t("twoFactorStart")}
          </button>
        </p>
      </form>
    );
  }
  return (
    <form onSubmit={confirm.onSubmit} noValidate aria-label={t("twoFactorConfirm")}>
      <p>{t("twoFactorSecret")}</p>
      <p className="totp-key">
        <code data-testid="totp-secret">{started.secret}</code>
      </p>
      <p className="totp-key">
        {t("twoFactorUri")}: <a href={started.totpURI} data-testid="totp-uri">{started.totpURI}</a>
      </p>
      <FormAlert message={confirm.formError} />
      <Field id="two-factor-code" label={t("code")} hint={t("codeHint")} error={confirm.errorOf("code")}>
        <input inputMode="numeric" autoComplete="one-time-code" maxLength={8} {...confirm.register("code")} />
      </Field>
      <p>
        <button className="button" type="submit" disabled={confirm.pending}>
          {confirm.pending ? t("twoFactorConfirming") : t("twoFactorConfirm")}
        </button>
      </p>
    </form>
  );
}
