import { issueChallenge } from "@/lib/abuse/proof-of-work";
import { powSecret } from "@/server/secrets";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/** A fresh proof-of-work challenge; the phone solves it just before it sends a response. */
export async function GET() {
  const challenge = await issueChallenge({ secret: powSecret(), maxNumber: env.POW_MAX_NUMBER });
  return Response.json(challenge, { headers: { "cache-control": "no-store" } });
}
