"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "@/lib/i18n/client-messages";
import type { ActionResult } from "@/lib/action";
import type { WaveStatus } from "@/lib/survey/wave-schema";
import { useMessage } from "../form-messages";
import { closeWave, openWave, setWaveHideResults } from "./actions";

type Change = "open" | "close" | "hide" | "show";

/** The changes a wave's status allows: open a draft, close an open wave, hide or show results before it closes. */
export function WaveActions({ slug, status, hideResultsUntilClosed }: { slug: string; status: WaveStatus; hideResultsUntilClosed: boolean }) {
  const t = useTranslations("adminWaves");
  const message = useMessage("adminWaves");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<Change | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const perform = (change: Change, call: () => Promise<ActionResult>, done: string) =>
    startTransition(async () => {
      setBusy(change);
      setOutcome(null);
      const result = await call();
      setBusy(null);
      if (result.status === "ok") {
        setOutcome({ ok: true, text: done });
        router.refresh();
      } else setOutcome({ ok: false, text: message(result.status === "error" ? result.messageKey : "adminWaves.errors.invalid") });
    });

  const button = (change: Change, label: string, pendingLabel: string, call: () => Promise<ActionResult>, done: string) => (
    <button type="button" className="button secondary" disabled={pending} onClick={() => perform(change, call, done)}>
      {busy === change ? pendingLabel : label}
    </button>
  );

  return (
    <div className="wave-actions">
      {outcome &&
        (outcome.ok ? (
          <p role="status">{outcome.text}</p>
        ) : (
          <p className="alert" role="alert">
            {outcome.text}
          </p>
        ))}
      <p>
        {status === "draft" && button("open", t("open"), t("opening"), () => openWave({ slug }), t("opened", { slug }))}
        {status === "open" && button("close", t("close"), t("closing"), () => closeWave({ slug }), t("closedDone", { slug }))}{" "}
        {status !== "closed" &&
          (hideResultsUntilClosed
            ? button("show", t("show"), t("savingSetting"), () => setWaveHideResults({ slug, hideResultsUntilClosed: false }), t("shown", { slug }))
            : button("hide", t("hide"), t("savingSetting"), () => setWaveHideResults({ slug, hideResultsUntilClosed: true }), t("hidden", { slug })))}
      </p>
    </div>
  );
}
