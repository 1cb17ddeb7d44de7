"use client";

import { useTranslations } from "@/lib/i18n/client-messages";

/** A message key from a schema or an action as text; a shared error in the admin's wording, an unknown key as unexpected. */
export function usePriorityMessage() {
  const t = useTranslations();
  return (key: string) => {
    if (key.startsWith("errors.") && t.has(key)) return t(key);
    return t.has(key) ? t(key) : t("priorities.admin.errors.unexpected");
  };
}
