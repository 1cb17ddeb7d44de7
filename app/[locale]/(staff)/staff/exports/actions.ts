"use server";

import { getDb } from "@/db/client";
import { createAccessToken, revokeAccessToken } from "@/db/queries/tokens";
import { staffAction } from "@/app/staff-action";
import { createTokenSchema, tokenIdSchema } from "@/lib/auth/token-schema";
import { fieldErrorsOf } from "@/lib/survey/response-schema";

/*
 * Personal access tokens for the research API, for whoever may download exports
 * ("export.download"). A new token goes back to its owner's screen once and is stored
 * only as a hash; revoking is for the owner, or an admin stopping a leaked token.
 */

export async function createToken(input: unknown) {
  return staffAction<{ token: string; name: string }>("createToken", "export.download", async (user) => {
    const parsed = createTokenSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    const created = await createAccessToken({ db: await getDb(), actor: user, ...parsed.data });
    return { status: "ok", token: created.token, name: created.name };
  });
}

export async function revokeToken(input: unknown) {
  return staffAction("revokeToken", "export.download", async (user) => {
    const parsed = tokenIdSchema.safeParse(input);
    if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    await revokeAccessToken({ db: await getDb(), actor: user, role: user.role, tokenId: parsed.data.tokenId });
    return { status: "ok" };
  });
}
