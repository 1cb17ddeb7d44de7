"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "@/lib/i18n/client-messages";

/** How often the monitor reads the rollup again while the page is open. */
export const MONITOR_REFRESH_SECONDS = 15;

/** Refreshes the page's data every few seconds while it is visible, and says when it last did. */
export function MonitorRefresh({ updatedAt }: { updatedAt: string }) {
  const t = useTranslations("supervision");
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, MONITOR_REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [router]);
  return (
    <p className="hint" role="status" data-testid="monitor-updated">
      {t("updatedAt", { time: updatedAt, seconds: MONITOR_REFRESH_SECONDS })}
    </p>
  );
}
