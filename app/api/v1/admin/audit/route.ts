import * as z from "zod/mini";
import { auditLog } from "@/server/accounts";
import { apiCallerOrResponse } from "@/server/auth/api-caller";
import { rolesFor } from "@/lib/auth/permissions";

export const dynamic = "force-dynamic";

const limitSchema = z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500)));

/**
 * The latest staff changes (accounts, waves, imports, tokens), newest first, for admins'
 * own monitoring scripts: `?limit=50` (1–500). A researcher's token is refused with 403.
 */
export async function GET(request: Request) {
  const caller = await apiCallerOrResponse(request, rolesFor("audit.view"));
  if (caller instanceof Response) return caller;
  const limit = limitSchema.safeParse(new URL(request.url).searchParams.get("limit") ?? undefined);
  if (!limit.success) return Response.json({ error: "invalid limit", message: "limit must be a whole number from 1 to 500." }, { status: 400 });
  const entries = await auditLog(limit.data ?? 50);
  return Response.json({ entries });
}
