"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormAlert } from "@/app/components/field";
import { useActionForm } from "@/app/components/use-action-form";
import { loginSchema, type LoginInput } from "@/lib/auth/login-schema";
import { totpCodeSchema, type TotpCodeInput } from "@/lib/auth/two-factor-schema";
import { signIn, signInWithCode } from "./actions";

const EMPTY: LoginInput = { email: "", password: "" };
const NO_CODE: TotpCodeInput = { code: "" };

type Labels = Record<"email" | "password" | "submit" | "signingIn" | "code" | "codeHint" | "codeIntro" | "codeSubmit", string>;

/** E-mail and password; for an account with a second factor, then the code from the app. */
export function LoginForm({ next, labels, errors }: { next: string; labels: Labels; errors: Record<string, string> }) {
  const router = useRouter();
  const [needsCode, setNeedsCode] = useState(false);
  const message = (key: string) => errors[key] ?? errors["errors.loginFailed"] ?? key;
  const signedIn = () => {
    router.replace(next);
    router.refresh();
  };
  const { register, onSubmit, pending, formError, errorOf } = useActionForm({
    schema: loginSchema,
    defaultValues: EMPTY,
    action: signIn,
    message,
    invalidMessage: message("errors.loginFailed"),
    onOk: signedIn,
    onResult: (result) => setNeedsCode(result.status === "needsCode"),
  });

  if (needsCode) return <CodeForm labels={labels} message={message} onSignedIn={signedIn} />;
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      <Field id="email" label={labels.email} error={errorOf("email")}>
        <input type="email" autoComplete="username" {...register("email")} />
      </Field>
      <Field id="password" label={labels.password} error={errorOf("password")}>
        <input type="password" autoComplete="current-password" {...register("password")} />
      </Field>
      <p>
        <button className="button full" type="submit" disabled={pending}>
          {pending ? labels.signingIn : labels.submit}
        </button>
      </p>
    </form>
  );
}

function CodeForm({ labels, message, onSignedIn }: { labels: Labels; message: (key: string) => string; onSignedIn: () => void }) {
  const { register, onSubmit, pending, formError, errorOf } = useActionForm({
    schema: totpCodeSchema,
    defaultValues: NO_CODE,
    action: signInWithCode,
    message,
    onOk: onSignedIn,
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <p role="status">{labels.codeIntro}</p>
      <FormAlert message={formError} />
      <Field id="code" label={labels.code} hint={labels.codeHint} error={errorOf("code")}>
        <input inputMode="numeric" autoComplete="one-time-code" maxLength={8} {...register("code")} />
      </Field>
      <p>
        <button className="button full" type="submit" disabled={pending}>
          {pending ? labels.signingIn : labels.codeSubmit}
        </button>
      </p>
    </form>
  );
}
