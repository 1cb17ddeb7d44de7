// What the submission benchmarks share: a pool of concurrent senders that times each
// request, proofs of work solved before the clock starts, and varied answers generated as
// the demo's are (a fixed seed, so runs send the same answers).
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";

/** Runs `worker(i, lane)` for i < count on `concurrency` lanes; requests per second, errors, p50 and p95. */
export async function pool(concurrency, count, worker) {
  let next = 0;
  const latencies = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        const ok = await worker(i, lane).catch(() => false);
        latencies.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => +latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(1);
  return { requests: count, errors, seconds: +seconds.toFixed(2), perSecond: Math.round(count / seconds), p50Ms: pct(0.5), p95Ms: pct(0.95) };
}

/** `count` proofs of work from the server's challenge route, solved now. */
export async function solveProofs(base, count) {
  const proofs = [];
  for (let i = 0; i < count; i++) {
    const challenge = await (await fetch(`${base}/api/challenge`)).json();
    proofs.push({ challenge, solution: await solveChallenge({ challenge, deriveKey }) });
  }
  return proofs;
}

/** `count` sets of answers as the demo generates them, from a seeded generator. */
export async function variedAnswers(seed, count) {
  const { demoAnswers } = await import("@/scripts/seed/demo.ts");
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: count }, () => demoAnswers(next, 0.4));
}

/** A submission's answer counted as stored: the server's own acknowledgement. */
export const acknowledged = async (response) => response.ok && (await response.json()).status === "ok";
