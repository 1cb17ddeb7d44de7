import { servePriorityPabulib } from "@/server/export/pabulib";

export const dynamic = "force-dynamic";

/**
 * One town's priorities step in a wave as a Pabulib `.pb` file (ballots only), for
 * recounting with pabutools. Signed-in researchers and admins, or `Authorization: Bearer <personal access token>`.
 */
export async function GET(request: Request, { params }: RouteContext<"/api/v1/waves/[wave]/towns/[town]/priorities.pb">) {
  const { wave, town } = await params;
  return servePriorityPabulib(request, wave, town);
}
