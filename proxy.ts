import createMiddleware from "next-intl/middleware";
import { routing } from "@/lib/i18n/routing";

// Picks the language: from the URL, else the cookie of an earlier visit, else the
// browser's Accept-Language, else Russian.
export default createMiddleware(routing);

export const config = {
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
