import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * How many exports run at once in this instance, and for how long each may run
 * (docs/decisions/0018). An export holds a slot from its first query until its file has been
 * sent, has failed or was broken off; past its time limit its signal aborts, with
 * `errors.exportTimedOut`, and the slot is free again whatever the export still does.
 */
export interface ExportSlot {
  /** Aborts when the time limit is reached. */
  readonly signal: AbortSignal;
  /** Gives the slot back; safe to call more than once. */
  release(): void;
}

export interface ExportSlots {
  /** A slot, or, when all are taken, how many seconds to wait before asking again. */
  take(): ExportSlot | { busy: true; retryAfterSeconds: number };
  /** Slots taken now. */
  readonly running: number;
}

/** Retry-After when all slots are taken: soon, since most exports end well before their limit. */
const RETRY_AFTER_SECONDS = 30;

export function createExportSlots({ capacity, timeLimitMs }: { capacity: () => number; timeLimitMs: () => number }): ExportSlots {
  let nextId = 0;
  /** Each slot taken, by id: its deadline. */
  const held = new Map<number, number>();
  return {
    get running() {
      return held.size;
    },
    take() {
      if (held.size >= capacity()) {
        const soonest = Math.min(...held.values());
        return { busy: true, retryAfterSeconds: Math.max(1, Math.min(RETRY_AFTER_SECONDS, Math.ceil((soonest - Date.now()) / 1000))) };
      }
      const id = nextId++;
      const limit = timeLimitMs();
      const deadline = Date.now() + limit;
      held.set(id, deadline);
      const controller = new AbortController();
      const release = () => {
        clearTimeout(timer);
        held.delete(id);
      };
      const timer = setTimeout(() => {
        controller.abort(new AppError("errors.exportTimedOut", 503));
        release();
      }, limit);
      // A pending time limit never keeps a process (a script, a test) alive.
      timer.unref?.();
      return { signal: controller.signal, release };
    },
  };
}

/** This instance's slots, as configured: EXPORT_CONCURRENCY and EXPORT_TIME_LIMIT_SECONDS. */
export const exportSlots = createExportSlots({
  capacity: () => env.EXPORT_CONCURRENCY,
  timeLimitMs: () => env.EXPORT_TIME_LIMIT_SECONDS * 1000,
});

export const isBusy = (taken: ReturnType<ExportSlots["take"]>): taken is { busy: true; retryAfterSeconds: number } => "busy" in taken;

/**
 * All export slots taken (./slots.ts): 429 with Retry-After, and a message key the exports
 * page translates, like the other API errors that reach a person.
 */
export function exportsBusy(retryAfterSeconds: number): Response {
  return Response.json(
    {
      error: "too many exports",
      message: `${env.EXPORT_CONCURRENCY} exports are being made on this server; try again in ${retryAfterSeconds} seconds.`,
      messageKey: "errors.exportBusy",
    },
    { status: 429, headers: { "retry-after": String(retryAfterSeconds), "cache-control": "no-store" } },
  );
}
