import { submissionStatus } from "@/lib/action";
import { MAX_BODY_BYTES } from "@/lib/request-limits";
import { issueDeviceCredential } from "@/server/fieldwork/devices";

export const dynamic = "force-dynamic";

/**
 * An interviewer signs a device in (docs/fieldwork.md): e-mail and password in, a device
 * credential out (201, shown once). No cookie session is made.
 */
export async function POST(request: Request) {
  const text = await request.text().catch(() => null);
  let body: unknown;
  try {
    if (text === null || text.length > MAX_BODY_BYTES) throw new Error("unreadable");
    body = JSON.parse(text);
  } catch {
    return Response.json({ status: "error", messageKey: "errors.invalid" }, { status: 400, headers: { "cache-control": "no-store" } });
  }
  const result = await issueDeviceCredential(body, { requestHeaders: request.headers });
  const status = result.status === "ok" ? 201 : submissionStatus(result);
  return Response.json(result, { status, headers: { "cache-control": "no-store" } });
}
