import { clientAddress } from "@/lib/abuse/address-bucket";
import { resultHeaders, submissionStatus } from "@/lib/action";
import { MAX_BODY_BYTES } from "@/lib/request-limits";
import { submitResponse } from "@/server/submissions/submit";

export const dynamic = "force-dynamic";


/**
 * Where phones send responses, online or from their outbox. A stable address rather than a
 * server action, whose id changes with every build: a response that waited offline through
 * a deploy must still arrive.
 */
export async function POST(request: Request) {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return tooLarge();
  const text = await readCapped(request, MAX_BODY_BYTES);
  if (text === null) return tooLarge();

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return Response.json({ status: "error", messageKey: "errors.invalid" }, { status: 400 });
  }
  const result = await submitResponse(body, { address: clientAddress(request.headers), authorization: request.headers.get("authorization") });
  return Response.json(result, { status: submissionStatus(result), headers: { "cache-control": "no-store", ...resultHeaders(result) } });
}

/** The body as text, read no further than `limit` bytes (a chunked body declares no length). */
async function readCapped(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge() {
  return Response.json({ status: "error", messageKey: "errors.tooLarge" }, { status: 413 });
}
