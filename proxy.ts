import createMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session-cookie";
import { routing } from "@/lib/i18n/routing";
import { MAX_BODY_BYTES, MAX_IMPORT_BODY_BYTES } from "@/lib/request-limits";

// Picks the language: from the URL, else the cookie of an earlier visit, else the
// browser's Accept-Language, else Russian.
const intl = createMiddleware(routing);

export { MAX_BODY_BYTES, MAX_IMPORT_BODY_BYTES };
const IMPORT_PATH = /^\/(kk|ru|en)\/staff\/admin\/indicators\/?$/;

/**
 * Any server action can be posted to any page, so the larger limit also asks for a staff
 * session cookie (lib/auth/session-cookie.ts names it): without one, the import page is held to the small
 * limit like every other page. The action itself then checks that the session is an admin's.
 */
function bodyLimit(request: NextRequest): number {
  const hasSession = request.cookies.getAll().some(({ name }) => (SESSION_COOKIE_NAMES as readonly string[]).includes(name));
  return hasSession && IMPORT_PATH.test(request.nextUrl.pathname) ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES;
}

export default function proxy(request: NextRequest) {
  if (request.method === "POST") {
    // Refused here with a clear 413 rather than by the framework's action handler, which
    // answers an oversized action body with a bare 500.
    const length = Number(request.headers.get("content-length") ?? "0");
    if (length > bodyLimit(request)) {
      return NextResponse.json({ error: "errors.tooLarge", message: "The submission is too large." }, { status: 413 });
    }
    return NextResponse.next();
  }
  return intl(request);
}

export const config = {
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
