const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./server/i18n-request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database (PGlite) and the Postgres drivers are loaded at run time by
  // Node, never bundled: PGlite ships WebAssembly and data files next to its code. So is
  // exceljs, the admin import's workbook reader, which no page's browser code imports.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@vercel/postgres", "@node-rs/argon2", "exceljs"],
  experimental: {
    // The largest action body is an admin's indicator import: a workbook or bureau file of
    // up to 12 MB sent as a file (a CSV's text is 2 MB at most), plus the form's other
    // fields. Every other POST is held to 64 KB by proxy.ts, which runs first.
    serverActions: { bodySizeLimit: "13mb" },
    // forbidden(): a staff page answers 403 to a role that may not see it.
    authInterrupts: true,
  },
  poweredByHeader: false,
  // On every response, API routes and static files included. The pages' Content-Security-
  // Policy is set per request by proxy.ts, with HSTS when APP_URL is https (docs/decisions/0016).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      {
        // HSTS behind a proxy that ends TLS and says so. Trusting the header costs nothing:
        // a forged one only sends HSTS over plain http, which browsers ignore (RFC 6797, 8.1).
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https.*" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
