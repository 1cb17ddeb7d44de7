import createMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { routing } from "@/lib/i18n/routing";

// Picks the language: from the URL, else the cookie of an earlier visit, else the
// browser's Accept-Language, else Russian.
const intl = createMiddleware(routing);

/** A survey response is a few kilobytes; the same limit as serverActions.bodySizeLimit. */
export const MAX_BODY_BYTES = 64 * 1024;

export default function proxy(request: NextRequest) {
  if (request.method === "POST") {
    // Refused here with a clear 413 rather than by the framework's action handler, which
    // answers an oversized action body with a bare 500.
    const length = Number(request.headers.get("content-length") ?? "0");
    if (length > MAX_BODY_BYTES) {
      return NextResponse.json({ error: "errors.tooLarge", message: "The submission is too large." }, { status: 413 });
    }
    return NextResponse.next();
  }
  return intl(request);
}

export const config = {
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
