"use client";

import { useTranslations } from "@/lib/i18n/client-messages";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

export type AdminNamespace = "adminUsers" | "adminWaves" | "exports" | "changePassword";

/**
 * Turns a message key from a schema or an action into text. A page's namespace may word a
 * shared error its own way ("adminUsers.errors.unexpected" for "errors.unexpected": the
 * shared wording speaks of a resident's answers); an unknown key reads as unexpected.
 */
export function useMessage(namespace: AdminNamespace) {
  const t = useTranslations();
  return (key: string) => {
    const own = `${namespace}.${key}`;
    if (key.startsWith("errors.") && t.has(own)) return t(own);
    return t.has(key) ? t(key) : t(`${namespace}.errors.unexpected`);
  };
}

/**
 * Puts the action's field errors on the form's fields, so a server-side refusal (a taken
 * e-mail or slug) shows where the client-side check would have. An error on one town of a
 * list belongs to the list.
 */
export function showFieldErrors<Values extends FieldValues>(setError: UseFormSetError<Values>, fieldErrors: Record<string, string[]>) {
  for (const [field, keys] of Object.entries(fieldErrors)) {
    const name = field.startsWith("townCodes") ? "townCodes" : field;
    setError(name as Path<Values>, { message: keys[0] });
  }
}
