import createMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session-cookie";
import { contentSecurityPolicy, newNonce, STRICT_TRANSPORT_SECURITY } from "@/lib/content-security-policy";
import { env } from "@/lib/env";
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

// HSTS once the app says it is served over https (APP_URL). Behind a proxy that sends
// X-Forwarded-Proto: https, next.config.js adds it to every response, pages included.
const needsHsts = (request: NextRequest) => env.APP_URL?.startsWith("https:") && !request.headers.get("x-forwarded-proto")?.startsWith("https");

export default function proxy(request: NextRequest) {
  if (request.method === "POST") {
    // Refused here with a clear 413 rather than by the framework's action handler, which
    // answers an oversized action body with a bare 500.
    const length = Number(request.headers.get("content-length") ?? "0");
    if (length > bodyLimit(request)) {
      return NextResponse.json({ error: "errors.tooLarge", message: "The submission is too large." }, { status: 413 });
    }
  }
  // A fresh nonce for every page (docs/decisions/0016): Next.js finds it in the request's
  // copy of the policy and puts it on the scripts it renders.
  const policy = contentSecurityPolicy({ nonce: newNonce(), development: env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const forwarded = new NextRequest(request, { headers });
  const response = request.method === "POST" ? NextResponse.next({ request: { headers } }) : intl(forwarded);
  response.headers.set("content-security-policy", policy);
  if (needsHsts(request)) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
