"use client";

import { useEffect, useState } from "react";
import { pendingSubmissions, sendWithRetry } from "./outbox";

type State = { kind: "idle" } | { kind: "waiting"; count: number } | { kind: "sent" } | { kind: "rejected"; reason: string };

export interface OutboxLabels {
  waiting: string;
  sending: string;
  sent: string;
  rejected: string;
}

/**
 * Sends what waits in the phone's outbox whenever a resident page is open: on load, when
 * the network comes back, and every half minute while something is left. Always says
 * whether answers are waiting or sent.
 */
export function OutboxSender({ labels, errors }: { labels: OutboxLabels; errors: Record<string, string> }) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let running = false;
    let stopped = false;
    const flush = async () => {
      if (running || stopped) return;
      running = true;
      try {
        let pending = await pendingSubmissions();
        if (pending.length === 0) return;
        setState({ kind: "waiting", count: pending.length });
        if (!navigator.onLine) return;
        setSending(true);
        let sent = 0;
        for (const submission of pending) {
          const result = await sendWithRetry(submission, { attempts: 2 });
          if (result.outcome === "sent") sent++;
          if (result.outcome === "rejected") {
            setState({ kind: "rejected", reason: errors[result.messageKey ?? "errors.unexpected"] ?? errors["errors.unexpected"] ?? "" });
          }
        }
        pending = await pendingSubmissions();
        if (pending.length > 0) setState({ kind: "waiting", count: pending.length });
        else if (sent > 0) setState((previous) => (previous.kind === "rejected" ? previous : { kind: "sent" }));
      } finally {
        running = false;
        setSending(false);
      }
    };
    void flush();
    const timer = window.setInterval(flush, 30_000);
    window.addEventListener("online", flush);
    window.addEventListener("qala-outbox-changed", flush);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      window.removeEventListener("online", flush);
      window.removeEventListener("qala-outbox-changed", flush);
    };
  }, [errors]);

  if (state.kind === "idle") return null;
  const text =
    state.kind === "waiting"
      ? `${labels.waiting.replace("{count}", String(state.count))}${sending ? ` ${labels.sending}` : ""}`
      : state.kind === "sent"
        ? labels.sent
        : labels.rejected.replace("{reason}", state.reason);
  return (
    <p className={`outbox ${state.kind}`} role="status" data-testid="outbox-status">
      {text}
    </p>
  );
}
