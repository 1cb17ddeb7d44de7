const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./server/i18n-request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database (PGlite) and the Postgres drivers are loaded at run time by
  // Node, never bundled: PGlite ships WebAssembly and data files next to its code.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@vercel/postgres", "@node-rs/argon2"],
  experimental: {
    // The largest action body is an admin's indicator import: a file of up to 2 MB, plus
    // the escaping of its quotes and line breaks in the request. Every other POST is held
    // to 64 KB by proxy.ts, which runs first.
    serverActions: { bodySizeLimit: "3mb" },
    // forbidden(): a staff page answers 403 to a role that may not see it.
    authInterrupts: true,
  },
  poweredByHeader: false,
};

module.exports = withNextIntl(nextConfig);
