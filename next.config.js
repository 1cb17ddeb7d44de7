const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database (PGlite) and the Postgres drivers are loaded at run time by
  // Node, never bundled: PGlite ships WebAssembly and data files next to its code.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@vercel/postgres", "@node-rs/argon2"],
  experimental: {
    // A survey response is a few kilobytes; anything far larger is not a response.
    serverActions: { bodySizeLimit: "64kb" },
    // forbidden(): a staff page answers 403 to a role that may not see it.
    authInterrupts: true,
  },
  poweredByHeader: false,
};

module.exports = withNextIntl(nextConfig);
