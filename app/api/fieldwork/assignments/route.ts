import { submissionStatus } from "@/lib/action";
import { assignmentsForDevice } from "@/server/fieldwork/assignments-for-device";

export const dynamic = "force-dynamic";

/** An interviewer's device syncs its assignments and open quota cells (docs/fieldwork.md), with its credential. */
export async function GET(request: Request) {
  const result = await assignmentsForDevice(request.headers.get("authorization"));
  return Response.json(result, { status: submissionStatus(result), headers: { "cache-control": "no-store" } });
}
