import { createChallenge, randomInt, verifySolution, type Challenge, type Solution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";

/**
 * Self-hosted proof of work (ALTCHA, no third-party service): the phone finds a counter
 * whose SHA-256 matches a prefix, which costs it a fraction of a second and costs a bulk
 * sender the same for every submission. Challenges are HMAC-signed and expire.
 */
export const CHALLENGE_TTL_SECONDS = 30 * 60;

export async function issueChallenge({ secret, maxNumber, now = Date.now() }: { secret: string; maxNumber: number; now?: number }) {
  return createChallenge({
    algorithm: "SHA-256",
    cost: 1,
    counter: randomInt(maxNumber),
    deriveKey,
    hmacSignatureSecret: secret,
    expiresAt: Math.floor(now / 1000) + CHALLENGE_TTL_SECONDS,
  });
}

export interface ProofOfWork {
  challenge: Challenge;
  solution: Solution;
}

/** Whether the solution is right for an unexpired challenge we signed. Replays are checked by the caller. */
export async function checkProofOfWork(proof: unknown, secret: string): Promise<{ ok: boolean; signature?: string; expiresAt?: number }> {
  const candidate = proof as ProofOfWork | null;
  if (!candidate?.challenge?.parameters || typeof candidate.challenge.signature !== "string" || !candidate.solution) {
    return { ok: false };
  }
  try {
    const result = await verifySolution({
      challenge: candidate.challenge,
      solution: candidate.solution,
      deriveKey,
      hmacSignatureSecret: secret,
    });
    return { ok: result.verified, signature: candidate.challenge.signature, expiresAt: candidate.challenge.parameters.expiresAt };
  } catch {
    return { ok: false };
  }
}
