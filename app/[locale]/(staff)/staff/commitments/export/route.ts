import { rolesFor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { staffOrResponse } from "@/server/auth/session";
import { COMMITMENTS_PERMISSION } from "@/server/commitments/manage";
import { exportCommitments } from "@/server/commitments/transfer";

export const dynamic = "force-dynamic";

/** The commitments as CSV: `?town=<code>` for one town, else every town the staff member works with. */
export async function GET(request: Request) {
  const user = await staffOrResponse(request, rolesFor(COMMITMENTS_PERMISSION));
  if (user instanceof Response) return user;
  const town = new URL(request.url).searchParams.get("town");
  try {
    const csv = await exportCommitments(user, town || null);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="qala-commitments-${town && /^[a-z0-9-]+$/.test(town) ? town : "all"}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.status === 403) return Response.json({ error: "forbidden", message: "This town is not one of yours." }, { status: 403 });
    throw error;
  }
}
