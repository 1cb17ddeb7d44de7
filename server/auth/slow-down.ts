import "server-only";

/** Waits before answering; its own module so that tests can skip the waits. */
export function slowDown(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
