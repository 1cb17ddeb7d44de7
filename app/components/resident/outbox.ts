import { createStore, del, get, set, values } from "idb-keyval";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/sha";

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

export type SendResult =
  | { outcome: "sent" }
  | { outcome: "rejected"; messageKey?: string; fieldErrors?: Record<string, string[]> }
  | { outcome: "retry" };

const store = () => createStore("qala-pulse", "outbox");

export async function enqueue(submission: Submission): Promise<void> {
  await set(submission.responseId, submission, store());
}

export async function pendingSubmissions(): Promise<Submission[]> {
  return (await values<Submission>(store())).filter(Boolean);
}

export async function isPending(responseId: string): Promise<boolean> {
  return (await get(responseId, store())) !== undefined;
}

async function solveProofOfWork() {
  const response = await fetch("/api/challenge", { cache: "no-store" });
  if (!response.ok) throw new Error(`challenge ${response.status}`);
  const challenge = (await response.json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("proof of work not solved");
  return { challenge, solution };
}

/** One attempt: solve a fresh proof of work, post, and read the server's verdict. */
export async function sendOnce(submission: Submission): Promise<SendResult> {
  try {
    const pow = await solveProofOfWork();
    const response = await fetch("/api/responses", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...submission, pow }),
    });
    if (response.ok) {
      await del(submission.responseId, store());
      return { outcome: "sent" };
    }
    // Busy, rate-limited, a stale challenge or a server fault: worth another try later.
    if (response.status >= 500 || response.status === 429 || response.status === 408 || response.status === 400) {
      return { outcome: "retry" };
    }
    const result = (await response.json().catch(() => ({}))) as { messageKey?: string; fieldErrors?: Record<string, string[]> };
    await del(submission.responseId, store());
    return { outcome: "rejected", messageKey: result.messageKey, fieldErrors: result.fieldErrors };
  } catch {
    return { outcome: "retry" };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends with exponential backoff (1 s, 2 s, 4 s … up to a minute) while the phone is online. */
export async function sendWithRetry(submission: Submission, { attempts = 4, signal }: { attempts?: number; signal?: AbortSignal } = {}) {
  let delay = 1_000;
  for (let attempt = 1; ; attempt++) {
    const result = await sendOnce(submission);
    if (result.outcome !== "retry" || attempt >= attempts || signal?.aborted || !navigator.onLine) return result;
    await sleep(delay + Math.random() * 250);
    delay = Math.min(delay * 2, 60_000);
  }
}
