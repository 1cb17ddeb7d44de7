"use server";

import { createTokenSchema, tokenIdSchema } from "@/lib/auth/token-schema";
import { staffAction } from "@/server/auth/staff-action";
import * as tokens from "@/server/tokens";

/* Personal access tokens for the research API, for whoever may download exports ("export.download"). */

export const createToken = staffAction<typeof createTokenSchema, { token: string; name: string }>("createToken", createTokenSchema, "export.download", async (input, user) => {
  const created = await tokens.createToken(user, input);
  return { status: "ok", token: created.token, name: created.name };
});

export const revokeToken = staffAction("revokeToken", tokenIdSchema, "export.download", (input, user) => tokens.revokeToken(user, input.tokenId));
