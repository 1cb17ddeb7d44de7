"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { loginSchema, type LoginInput } from "@/lib/auth/login-schema";
import { signIn } from "./actions";

export function LoginForm({ next, labels, errors }: {
  next: string;
  labels: Record<"email" | "password" | "submit" | "signingIn", string>;
  errors: Record<string, string>;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const router = useRouter();
  const { register, handleSubmit, formState } = useForm<LoginInput>({ resolver: zodResolver(loginSchema) });
  const message = (key?: string) => (key ? (errors[key] ?? errors["errors.loginFailed"]) : undefined);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await signIn(values);
    if (result.status === "ok") {
      router.replace(next);
      router.refresh();
    }
    else setFormError(message(result.status === "error" ? result.messageKey : "errors.loginFailed") ?? null);
  });

  const emailError = message(formState.errors.email?.message);
  const passwordError = message(formState.errors.password?.message);
  return (
    <form onSubmit={onSubmit} noValidate>
      {formError && (
        <p className="alert" role="alert">
          {formError}
        </p>
      )}
      <label htmlFor="email">{labels.email}</label>
      <input id="email" type="email" autoComplete="username" {...register("email")} aria-invalid={emailError ? true : undefined} aria-describedby={emailError ? "email-error" : undefined} />
      {emailError && <p className="field-error" id="email-error">{emailError}</p>}
      <label htmlFor="password">{labels.password}</label>
      <input id="password" type="password" autoComplete="current-password" {...register("password")} aria-invalid={passwordError ? true : undefined} aria-describedby={passwordError ? "password-error" : undefined} />
      {passwordError && <p className="field-error" id="password-error">{passwordError}</p>}
      <p>
        <button className="button full" type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? labels.signingIn : labels.submit}
        </button>
      </p>
    </form>
  );
}
