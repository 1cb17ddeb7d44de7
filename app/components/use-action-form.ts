"use client";

import { useCallback, useMemo, useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver, type UseFormReturn } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type * as z from "zod/mini";
import { fieldPathsOf, placeFieldErrors } from "@/lib/field-errors";

type AnyResult = { status: string };
type Ok<Result> = Extract<Result, { status: "ok" }>;

export interface ActionFormOptions<Values extends FieldValues, Result extends AnyResult> {
  /** The form's own schema (the one the action validates with), checked before anything is sent. */
  schema: z.ZodMiniType;
  /** Every field's starting value; their paths are the fields an action's field errors may name. */
  defaultValues: Values;
  /** The server action the form sends its values to (another can be sent with `submitWith`). */
  action: (values: Values) => Promise<Result>;
  /** Turns a message key (a schema's, an action's) into the text shown. */
  message: (key: string) => string;
  /** The form-level text when the action answers with field errors ("fix the errors below"); none by default. */
  invalidMessage?: string;
  /** The key shown when the action cannot be reached at all (a lost connection, a request too large). */
  failedKey?: string;
  /** Keep the last outcome on screen while the form is sent again (an import's preview while it is imported). */
  keepOutcomeWhileSending?: boolean;
  /** After an "ok" result, with the values it was for (reset the form, refresh the page). */
  onOk?: (result: Ok<Result>, values: Values) => void;
  /** After any result, "ok" included. */
  onResult?: (result: Result, values: Values) => void;
}

export type ActionForm<Values extends FieldValues, Result extends AnyResult> = UseFormReturn<Values> & {
  /** The form's onSubmit: validates, sends to the action, shows what it answers. */
  onSubmit: (event?: React.BaseSyntheticEvent) => Promise<void>;
  /** The same with another action (an import's "preview" and "import" share one form). */
  submitWith: (action: (values: Values) => Promise<Result>) => (event?: React.BaseSyntheticEvent) => Promise<void>;
  /** While validating and waiting for the action. */
  pending: boolean;
  /** The form-level message: the action's error, or `invalidMessage`; null when none. */
  formError: string | null;
  /** The last result with the values it was for; cleared when the form is sent again (unless `keepOutcomeWhileSending`). */
  outcome: { result: Result; values: Values } | null;
  /** The last "ok" result (with any data the action handed back), until the form is sent again or `clearOutcome`. */
  ok: Ok<Result> | null;
  clearOutcome: () => void;
  /** A field's error, translated; undefined when it has none. */
  errorOf: (name: Path<Values>) => string | undefined;
};

/**
 * react-hook-form with the schema's resolver, wired to a server action's `ActionResult`:
 * "invalid" puts each message key on its field (setError), "error" becomes the form's
 * message, "ok" and any status of the action's own are handed back as `outcome`.
 */
export function useActionForm<Values extends FieldValues, Result extends AnyResult>(options: ActionFormOptions<Values, Result>): ActionForm<Values, Result> {
  const { schema, defaultValues, action, message, invalidMessage, failedKey = "errors.unexpected", keepOutcomeWhileSending = false, onOk, onResult } = options;
  const form = useForm<Values>({
    // The schemas are zod/mini; the resolver's overloads do not name Values from them.
    resolver: zodResolver(schema as never) as unknown as Resolver<Values>,
    defaultValues: defaultValues as DefaultValues<Values>,
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ result: Result; values: Values } | null>(null);
  const fields = useMemo(() => fieldPathsOf(defaultValues), [defaultValues]);
  const { handleSubmit, setError, getFieldState, formState } = form;

  const submitWith = (send: (values: Values) => Promise<Result>) =>
    handleSubmit(async (values) => {
      setFormError(null);
      if (!keepOutcomeWhileSending) setOutcome(null);
      const result = await send(values).catch((): Result => ({ status: "error", messageKey: failedKey }) as unknown as Result);
      setOutcome({ result, values });
      if (result.status === "invalid") {
        const { byField, formKeys } = placeFieldErrors((result as unknown as { fieldErrors: Record<string, string[]> }).fieldErrors, fields);
        for (const [name, key] of Object.entries(byField)) setError(name as Path<Values>, { message: key });
        const [formKey] = formKeys;
        setFormError(formKey !== undefined ? message(formKey) : (invalidMessage ?? null));
      } else if (result.status === "error") {
        setFormError(message((result as unknown as { messageKey: string }).messageKey));
      }
      if (result.status === "ok") onOk?.(result as Ok<Result>, values);
      onResult?.(result, values);
    });

  const clearOutcome = useCallback(() => setOutcome(null), []);
  const errorOf = (name: Path<Values>) => {
    const key = getFieldState(name, formState).error?.message;
    return key ? message(key) : undefined;
  };

  return {
    ...form,
    onSubmit: submitWith(action),
    submitWith,
    pending: formState.isSubmitting,
    formError,
    outcome,
    ok: outcome?.result.status === "ok" ? (outcome.result as Ok<Result>) : null,
    clearOutcome,
    errorOf,
  };
}
