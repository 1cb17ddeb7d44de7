"use client";

import { useTranslations } from "@/lib/i18n/client-messages";

export type AdminNamespace = "adminUsers" | "adminWaves" | "exports" | "changePassword" | "supervision";

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
