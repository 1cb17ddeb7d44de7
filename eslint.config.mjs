import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// A local import of one of the project's own folders, by alias ("@/db/client") or by a
// relative path that climbs into it.
const folder = (...names) => `^(@/|(\\.\\.?/)+)(${names.join("|")})(/|$)`;
const drivers = { regex: "^(drizzle-orm|pg|@electric-sql/pglite|@vercel/postgres)(/|$)", message: "Only db/ talks to the database driver." };

// next-intl's client hooks put its message formatter into every page's bundle (see
// lib/i18n/client-messages.tsx); client components use that module instead.
const nextIntlHooks = {
  name: "next-intl",
  importNames: ["useTranslations", "useFormatter", "useLocale", "useNow", "useTimeZone", "useMessages", "NextIntlClientProvider"],
  message: "Use @/lib/i18n/client-messages in client components, next-intl/server in server components.",
};

function layerRules() {
  const rule = (files, patterns, paths = []) => ({ files, rules: { "no-restricted-imports": ["error", { paths, patterns }] } });
  return [
    rule(["app/**", "proxy.ts"], [{ regex: folder("db", "scripts"), message: "app/ reads and writes through server/ (use-cases), never db/." }, drivers], [nextIntlHooks]),
    rule(
      ["lib/**"],
      [
        { regex: folder("db", "server", "app", "scripts"), message: "lib/ is pure logic: it imports nothing from db/, server/, app/ or scripts/." },
        drivers,
        { regex: "^(node:)?(fs|fs/promises|net|http|https|child_process|dgram|dns|tls|worker_threads)$", message: "lib/ does no I/O." },
        { regex: "^(next/headers|next/navigation|next-intl/server|server-only|better-auth)(/|$)", message: "lib/ does no I/O and knows no request." },
      ],
      [nextIntlHooks],
    ),
    rule(["db/**"], [{ regex: folder("server", "app", "scripts"), message: "db/ is schema, client, migrations and SQL: it calls nothing above it." }]),
    // Results are read only behind the gate (server/results/gate.ts): the rollup and export
    // reads are for the results loaders, the export, and fieldwork progress alone.
    rule(
      ["server/**"],
      [
        { regex: folder("app", "scripts"), message: "server/ is called by app/ and scripts/, never the other way." },
        { regex: "^@/db/queries/(rollups|export)$", message: "Read results through server/results (the gate) or server/export." },
      ],
    ),
    {
      files: ["server/results/**", "server/export/**", "server/fieldwork/**"],
      rules: { "no-restricted-imports": ["error", { patterns: [{ regex: folder("app", "scripts"), message: "server/ is called by app/ and scripts/, never the other way." }] }] },
    },
  ];
}

const config = [
  ...next,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  // The layers (docs/decisions/0012-layers.md): app/ (routes and UI) → server/ (use-cases,
  // the only caller of db/) → db/ (schema, client, migrations, SQL); lib/ is pure and
  // imported by all. Each folder names what it may not import, by alias or relative path.
  ...layerRules(),
  // One ICU formatter in the app's code, lib/i18n/format-message.ts: no placeholder filled by
  // string replacement (plurals would not agree), no intl-messageformat (10 KB gzip more in
  // the survey's bundle than its budget leaves).
  {
    files: ["app/**", "lib/**", "server/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name=/^replace(All)?$/][arguments.0.value=/^\\{\\w+\\}$/]",
          message: "Format ICU messages with formatMessage from @/lib/i18n/format-message, not by replacing placeholders.",
        },
        {
          selector: "ImportDeclaration[source.value='intl-messageformat']",
          message: "Use formatMessage from @/lib/i18n/format-message (the same results, a tenth of the size).",
        },
      ],
    },
  },
  // Next.js loads next.config.js as CommonJS.
  { files: ["next.config.js"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  // Playwright fixtures call `use`, which is not React's hook.
  { files: ["tests/e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  { ignores: [".next/**", ".data/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
];

export default config;
