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
};

module.exports = withNextIntl(nextConfig);
