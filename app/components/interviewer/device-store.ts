import { createStore, del, get, set, values } from "idb-keyval";
import type { InterviewSubmission, SyncedAssignment } from "@/lib/fieldwork/interview";
import { serverAskedWait } from "@/lib/retry-after";

/**
 * What the interviewer's device keeps in IndexedDB: the device credential and the assignments
 * of the last sync (one database), and the interview outbox (another, apart from the
 * residents' outbox, app/components/resident/outbox.ts). An interview enters the outbox before
 * the first attempt to send it and leaves it only on the server's acknowledgement.
 */
export interface DeviceState {
  credential: string;
  interviewer: string;
  assignments: SyncedAssignment[];
  /** Device time (ms) of the last successful sync; undefined before the first. */
  syncedAt?: number;
}

export interface InterviewEntry {
  submission: InterviewSubmission;
  /** Set when the server refused it for good: shown on the device, never deleted unseen. */
  rejected?: { messageKey?: string };
}

const deviceStore = () => createStore("qala-interviewer", "device");
const outboxStore = () => createStore("qala-interview-outbox", "outbox");

export const readDevice = () => get<DeviceState>("device", deviceStore());
export const writeDevice = (state: DeviceState) => set("device", state, deviceStore());
/** Forgets the credential and the assignments; the outbox stays (its interviews are never dropped). */
export const forgetDevice = () => del("device", deviceStore());

/** Consent refusals recorded on this device: a count only, nothing about the person. */
export async function countRefusal(): Promise<number> {
  const count = ((await get<number>("refusals", deviceStore())) ?? 0) + 1;
  await set("refusals", count, deviceStore());
  return count;
}
export const refusalCount = async () => (await get<number>("refusals", deviceStore())) ?? 0;

export async function enqueueInterview(submission: InterviewSubmission): Promise<void> {
  await set(submission.responseId, { submission } satisfies InterviewEntry, outboxStore());
}

export async function interviewEntries(): Promise<InterviewEntry[]> {
  return (await values<InterviewEntry>(outboxStore())).filter((entry) => entry?.submission);
}

export type InterviewSendResult =
  | { outcome: "sent" }
  | { outcome: "rejected"; messageKey?: string }
  /** The credential is unknown or revoked: sign in again; the interview stays. */
  | { outcome: "signInAgain" }
  | { outcome: "retry"; waitMs?: number };

/**
 * One attempt through the residents' path (POST /api/responses), the device credential in
 * place of a proof of work. Sorted as the residents' sender sorts answers: the server's own
 * acknowledgement removes it, a pause asked for (Retry-After) or a fault is tried again, a
 * refusal with a reason is kept with it.
 */
export async function sendInterview(entry: InterviewEntry, credential: string): Promise<InterviewSendResult> {
  const { submission } = entry;
  try {
    const response = await fetch("/api/responses", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${credential}` },
      body: JSON.stringify(submission),
    });
    const result = (await response.json().catch(() => ({}))) as { status?: string; messageKey?: string; fieldErrors?: Record<string, string[]> };
    if (response.ok && result.status === "ok") {
      await del(submission.responseId, outboxStore());
      return { outcome: "sent" };
    }
    const askedMs = serverAskedWait({ status: response.status, retryAfter: response.headers.get("retry-after"), now: Date.now() });
    if (askedMs !== undefined && !response.ok) return { outcome: "retry", waitMs: askedMs };
    if (response.status === 401) return { outcome: "signInAgain" };
    if (response.ok || response.status >= 500 || response.status === 429 || response.status === 408 || response.status === 400) return { outcome: "retry" };
    // An invalid interview (422) names its first problem, so the device can show it.
    const rejected = { messageKey: result.messageKey ?? Object.values(result.fieldErrors ?? {})[0]?.[0] };
    await set(submission.responseId, { ...entry, rejected } satisfies InterviewEntry, outboxStore());
    return { outcome: "rejected", ...rejected };
  } catch {
    return { outcome: "retry" };
  }
}
