"use client";

import { useEffect, useState } from "react";
import { formatMessage } from "@/lib/i18n/format-message";
import { nextAttemptDelay } from "@/lib/retry-after";
import { outboxEntries, sendWithRetry } from "./outbox";

type State =
  | { kind: "idle" }
  | { kind: "waiting"; count: number; paused?: boolean }
  | { kind: "sent" }
  | { kind: "rejected"; reason: string; href: string };

/** Texts of the "outbox" namespace; `waiting` ({count}) and `rejected` ({reason}) as raw ICU messages. */
export interface OutboxLabels {
  waiting: string;
  sending: string;
  sent: string;
  rejected: string;
  fix: string;
  /** Said while the server has asked for a pause (Retry-After). */
  paused: string;
}

/**
 * Sends what waits in the phone's outbox whenever a resident page is open: on load, when
 * the network comes back, and every half minute while something is left, or, when the
 * server asked for a pause (503 or 429 with Retry-After), once that pause is over. Always says
 * whether answers are waiting or sent; answers the server refused stay on the phone until
 * the resident opens them again in the survey.
 */
export function OutboxSender({ locale, labels, errors }: { locale: string; labels: OutboxLabels; errors: Record<string, string> }) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let running = false;
    let stopped = false;
    let timer: number | undefined;
    const INTERVAL_MS = 30_000;
    const reasonOf = (key?: string) => errors[key ?? "errors.unexpected"] ?? errors["errors.invalid"] ?? "";
    const flush = async () => {
      if (running || stopped) return;
      running = true;
      let askedMs: number | undefined;
      try {
        const entries = await outboxEntries();
        const refused = entries.find((entry) => entry.rejected);
        const waiting = entries.filter((entry) => !entry.rejected);
        if (waiting.length > 0) setState({ kind: "waiting", count: waiting.length });
        let sent = 0;
        if (navigator.onLine && waiting.length > 0) {
          setSending(true);
          for (const entry of waiting) {
            const result = await sendWithRetry(entry, { attempts: 2 });
            if (result.outcome === "sent") sent++;
            // The server asked for a pause: the rest wait with this one.
            if (result.outcome === "retry" && result.waitMs !== undefined) {
              askedMs = result.waitMs;
              break;
            }
          }
        }
        const after = await outboxEntries();
        const stillWaiting = after.filter((entry) => !entry.rejected).length;
        const problem = after.find((entry) => entry.rejected) ?? refused;
        if (problem?.rejected && after.some((entry) => entry.submission.responseId === problem.submission.responseId)) {
          const firstField = Object.values(problem.rejected.fieldErrors ?? {})[0]?.[0];
          setState({
            kind: "rejected",
            reason: reasonOf(problem.rejected.messageKey ?? firstField),
            href: `/${problem.submission.locale}/survey/${problem.waveSlug}`,
          });
        } else if (stillWaiting > 0) setState({ kind: "waiting", count: stillWaiting, paused: askedMs !== undefined });
        else if (sent > 0) setState({ kind: "sent" });
        else setState({ kind: "idle" });
      } finally {
        running = false;
        setSending(false);
        if (!stopped) {
          window.clearTimeout(timer);
          timer = window.setTimeout(flush, nextAttemptDelay({ askedMs, intervalMs: INTERVAL_MS }));
        }
      }
    };
    void flush();
    window.addEventListener("online", flush);
    window.addEventListener("qala-outbox-changed", flush);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      window.removeEventListener("online", flush);
      window.removeEventListener("qala-outbox-changed", flush);
    };
  }, [errors]);

  if (state.kind === "idle") return null;
  if (state.kind === "rejected") {
    return (
      <p className="outbox rejected" role="status" data-testid="outbox-status">
        {formatMessage(labels.rejected, locale, { reason: state.reason })} <a href={state.href}>{labels.fix}</a>
      </p>
    );
  }
  const text =
    state.kind === "waiting"
      ? `${formatMessage(labels.waiting, locale, { count: state.count })}${sending ? ` ${labels.sending}` : state.paused ? ` ${labels.paused}` : ""}`
      : labels.sent;
  return (
    <p className={`outbox ${state.kind}`} role="status" data-testid="outbox-status">
      {text}
    </p>
  );
}
