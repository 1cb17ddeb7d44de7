"use client";

import { useTranslations } from "@/lib/i18n/client-messages";

/** A new one-time password, on screen until the admin says they have noted it; kept nowhere else. */
export function OneTimePassword({ status, password, onDone }: { status: string; password: string; onDone: () => void }) {
  const t = useTranslations("adminUsers");
  return (
    <div className="notice" role="status">
      <p>{status}</p>
      <p>
        {t("oneTimePassword")}: <code data-testid="one-time-password">{password}</code>
      </p>
      <p className="hint">{t("passwordOnce")}</p>
      <button type="button" className="link" onClick={onDone}>
        {t("passwordNoted")}
      </button>
    </div>
  );
}
