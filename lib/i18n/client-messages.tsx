"use client";

import { createContext, useContext, useMemo } from "react";
import { formatMessage, type MessageValues } from "./format-message";

/**
 * Translations for the staff pages' client components: the page passes the namespaces its
 * forms need, and `useTranslations` formats them (ICU plurals and arguments) with
 * `formatMessage`, the one ICU formatter of client components, the residents' pages
 * included (./format-message.ts).
 *
 * Not next-intl's client hooks: webpack keeps one set of used exports per module for the
 * whole app, so using them anywhere would put next-intl's message formatter into the
 * bundle of every page, the residents' survey included (12 KB gzip over its budget); and
 * intl-messageformat alone would cost the survey 10 KB gzip, more than its budget leaves.
 * Resident pages get their texts as props from the server.
 */
type Messages = { [key: string]: string | Messages };

const Context = createContext<{ locale: string; messages: Messages } | null>(null);

export function ClientMessages({ locale, messages, children }: { locale: string; messages: Messages; children: React.ReactNode }) {
  const value = useMemo(() => ({ locale, messages }), [locale, messages]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

function useMessages() {
  const context = useContext(Context);
  if (!context) throw new Error("useTranslations needs a <ClientMessages> above it");
  return context;
}

export function useLocale(): string {
  return useMessages().locale;
}

/** `t(key, values)` and `t.has(key)` within a namespace ("a.b"), like next-intl's hook. */
export function useTranslations(namespace?: string) {
  const { locale, messages } = useMessages();
  return useMemo(() => {
    const lookup = (key: string): string | undefined => {
      let node: string | Messages | undefined = messages;
      for (const part of [...(namespace ? namespace.split(".") : []), ...key.split(".")]) {
        node = typeof node === "object" ? node[part] : undefined;
      }
      return typeof node === "string" ? node : undefined;
    };
    const t = (key: string, values?: MessageValues): string => {
      const message = lookup(key);
      if (message === undefined) return namespace ? `${namespace}.${key}` : key;
      return formatMessage(message, locale, values);
    };
    return Object.assign(t, { has: (key: string) => lookup(key) !== undefined });
  }, [locale, messages, namespace]);
}
