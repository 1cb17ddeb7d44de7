import { createStore, del, set, values } from "idb-keyval";
import type { Challenge } from "altcha-lib";
import { serverAskedWait } from "@/lib/retry-after";

/**
 * The phone's outbox: a response is written to IndexedDB before the first attempt to send
 * it and removed only when the server has acknowledged it, so closing the browser or losing
 * the network loses nothing. The response id was made on the phone; the server stores a
 * repeat once, so sending twice is harmless.
 */
export interface Submission {
  responseId: string;
  waveId: number;
  locale: string;
  [field: string]: unknown;
}

/** What the outbox keeps: the response, where it came from, and the server's refusal if any. */
export interface OutboxEntry {
  submission: Submission;
  waveSlug: string;
  /** Set when the server refused it for good: it waits for the resident, never deleted unseen. */
  rejected?: { messageKey?: string; fieldErrors?: Record<string, string[]> };
}

export type SendResult =
  | { outcome: "sent" }
  | { outcome: "rejected"; messageKey?: string; fieldErrors?: Record<string, string[]> }
  /** `waitMs`: the server asked to wait that long (Retry-After) before anything is sent again. */
  | { outcome: "retry"; waitMs?: number };

const store = () => createStore("qala-pulse", "outbox");

export async function enqueue(entry: OutboxEntry): Promise<void> {
  await set(entry.submission.responseId, entry, store());
}

export async function outboxEntries(): Promise<OutboxEntry[]> {
  return (await values<OutboxEntry>(store())).filter((entry) => entry?.submission);
}

/** Removes an entry once its answers are safe elsewhere (sent, or back in the form's draft). */
export async function discard(responseId: string): Promise<void> {
  await del(responseId, store());
}

async function solveProofOfWork() {
  // Loaded only when something is sent, so it stays out of the survey's first load.
  const [{ solveChallenge }, { deriveKey }] = await Promise.all([import("altcha-lib"), import("altcha-lib/algorithms/web/sha")]);
  const response = await fetch("/api/challenge", { cache: "no-store" });
  if (!response.ok) throw new Error(`challenge ${response.status}`);
  const challenge = (await response.json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("proof of work not solved");
  return { challenge, solution };
}

/**
 * Not before this moment (ms) does this page send anything: the server answered 503 or 429
 * with Retry-After. Shared by the survey form and the outbox sender, so neither hammers a
 * server that asked for a pause.
 */
let notBefore = 0;

/** One attempt: solve a fresh proof of work, post, and read the server's verdict. */
export async function sendOnce(entry: OutboxEntry): Promise<SendResult> {
  const { submission } = entry;
  const wait = notBefore - Date.now();
  if (wait > 0) return { outcome: "retry", waitMs: wait };
  try {
    const pow = await solveProofOfWork();
    const response = await fetch("/api/responses", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...submission, pow }),
    });
    const result = (await response.json().catch(() => ({}))) as { status?: string; messageKey?: string; fieldErrors?: Record<string, string[]> };
    // Only the server's own acknowledgement counts: a captive portal's 200 page does not.
    if (response.ok && result.status === "ok") {
      await discard(submission.responseId);
      return { outcome: "sent" };
    }
    // Told to come back later (the database is out of reach, or too many at once): kept, and
    // nothing is sent from this page until then.
    const askedMs = serverAskedWait({ status: response.status, retryAfter: response.headers.get("retry-after"), now: Date.now() });
    if (askedMs !== undefined && !response.ok) {
      notBefore = Date.now() + askedMs;
      return { outcome: "retry", waitMs: askedMs };
    }
    // Busy, rate-limited, a stale challenge, a server fault or not our server: try again later.
    if (response.ok || response.status >= 500 || response.status === 429 || response.status === 408 || response.status === 400) {
      return { outcome: "retry" };
    }
    const rejected = { messageKey: result.messageKey, fieldErrors: result.fieldErrors };
    await set(submission.responseId, { ...entry, rejected }, store());
    return { outcome: "rejected", ...rejected };
  } catch {
    return { outcome: "retry" };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends with exponential backoff (1 s, 2 s, 4 s … up to a minute) while the phone is online.
 * When the server asks for a pause it returns at once: the entry stays in the outbox and the
 * outbox sender tries again when the pause is over.
 */
export async function sendWithRetry(entry: OutboxEntry, { attempts = 4 }: { attempts?: number } = {}) {
  let delay = 1_000;
  for (let attempt = 1; ; attempt++) {
    const result = await sendOnce(entry);
    if (result.outcome !== "retry" || result.waitMs !== undefined || attempt >= attempts || !navigator.onLine) return result;
    await sleep(delay + Math.random() * 250);
    delay = Math.min(delay * 2, 60_000);
  }
}
