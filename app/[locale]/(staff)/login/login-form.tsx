"use client";

import { useRouter } from "next/navigation";
import { Field, FormAlert } from "@/app/components/field";
import { useActionForm } from "@/app/components/use-action-form";
import { loginSchema, type LoginInput } from "@/lib/auth/login-schema";
import { signIn } from "./actions";

const EMPTY: LoginInput = { email: "", password: "" };

export function LoginForm({ next, labels, errors }: {
  next: string;
  labels: Record<"email" | "password" | "submit" | "signingIn", string>;
  errors: Record<string, string>;
}) {
  const router = useRouter();
  const message = (key: string) => errors[key] ?? errors["errors.loginFailed"] ?? key;
  const { register, onSubmit, pending, formError, errorOf } = useActionForm({
    schema: loginSchema,
    defaultValues: EMPTY,
    action: signIn,
    message,
    invalidMessage: message("errors.loginFailed"),
    onOk: () => {
      router.replace(next);
      router.refresh();
    },
  });

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
