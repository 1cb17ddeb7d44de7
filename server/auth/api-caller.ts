import "server-only";
import { getDb } from "@/db/client";
import type { ExportRequester } from "@/db/queries/export-log";
import { authenticateToken } from "@/db/queries/tokens";
import type { Role } from "@/lib/auth/permissions";
import { mayUseSessionCookie, requestSite } from "@/lib/auth/fetch-site";
import { env } from "@/lib/env";
import { crossSiteRefusal, currentStaff, refuseOneTimePassword, type StaffUser } from "@/server/auth/session";

export type ApiCaller = ExportRequester & { user: StaffUser };

const refuse = (status: 401 | 403, error: string, message: string) => Response.json({ error, message }, { status });

/**
 * For the research API: the caller from `Authorization: Bearer <token>` when that header is
 * sent, else from the session cookie (the researcher pages fetch the same routes). Machine
 * clients get a distinct 401 for each way a token fails, so a script's author knows whether
 * to copy it again or make a new one; a role the route does not allow is a 403.
 */
export async function apiCallerOrResponse(request: Request, roles: Role[]): Promise<ApiCaller | Response> {
  const caller = await identify(request);
  if (caller instanceof Response) return caller;
  if (!roles.includes(caller.user.role)) {
    const who = caller.via === "token" ? `This token acts for its owner, a ${caller.user.role}, who` : `A ${caller.user.role}`;
    return refuse(403, "forbidden", `${who} may not do this. Allowed: ${roles.join(", ")}.`);
  }
  return caller;
}

async function identify(request: Request): Promise<ApiCaller | Response> {
  const authorization = request.headers.get("authorization");
  if (authorization === null) {
    // A download by the session cookie must come from our own pages (or a typed address):
    // another site's link or form cannot make a signed-in researcher's browser fetch an export.
    if (!mayUseSessionCookie(...requestSite(request, env.APP_URL))) return crossSiteRefusal();
    const user = await currentStaff(request.headers);
    if (!user) return refuse(401, "unauthorized", "Sign in, or send a personal access token as \"Authorization: Bearer <token>\".");
    const oneTime = refuseOneTimePassword(user);
    if (oneTime) return oneTime;
    return { user, via: "page", tokenId: null };
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return refuse(401, "unauthorized", "The Authorization header must be \"Bearer <token>\".");
  const check = await authenticateToken({ db: await getDb(), raw: match[1]!, limitPerHour: env.TOKEN_REQUESTS_PER_HOUR });
  switch (check.status) {
    case "ok": {
      const { oneTimePasswordUntil, ...owner } = check.user;
      const user = { ...owner, passwordIsOneTime: oneTimePasswordUntil !== null };
      return refuseOneTimePassword(user) ?? { user, via: "token", tokenId: check.tokenId };
    }
    case "rateLimited":
      return Response.json(
        { error: "too many requests", message: `This access token has made ${env.TOKEN_REQUESTS_PER_HOUR} requests in the last hour, its limit. Try again in ${check.retryAfterSeconds} seconds.` },
        { status: 429, headers: { "Retry-After": String(check.retryAfterSeconds) } },
      );
    case "unknown":
      return refuse(401, "unknown token", "This access token is not known. Check that it was copied whole, or create a new one on the exports page.");
    case "revoked":
      return refuse(401, "revoked token", `This access token was revoked on ${check.at.toISOString()}. Create a new one on the exports page.`);
    case "expired":
      return refuse(401, "expired token", `This access token expired on ${check.at.toISOString()}. Create a new one on the exports page.`);
  }
}
