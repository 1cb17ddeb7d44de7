import "server-only";
import { getDb } from "@/db/client";
import type { Actor } from "@/db/queries/audit";
import { createAccessToken, revokeAccessToken } from "@/db/queries/tokens";
import type { Role } from "@/lib/auth/permissions";
import type { TokenExpiry } from "@/lib/auth/token-schema";

/*
 * Personal access tokens for the research API. A new token goes back to its owner's screen
 * once and is stored only as a hash; revoking is for the owner, or an admin stopping a
 * leaked token.
 */

export async function createToken(actor: Actor, input: { name: string; expiry: TokenExpiry }) {
  return createAccessToken({ db: await getDb(), actor, ...input });
}

export async function revokeToken(actor: Actor & { role: Role }, tokenId: number) {
  await revokeAccessToken({ db: await getDb(), actor, role: actor.role, tokenId });
}
