import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  // next-intl's client hooks put its message formatter into every page's bundle (see
  // lib/i18n/client-messages.tsx); client components use that module instead.
  {
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "next-intl",
              importNames: ["useTranslations", "useFormatter", "useLocale", "useNow", "useTimeZone", "useMessages", "NextIntlClientProvider"],
              message: "Use @/lib/i18n/client-messages in client components, next-intl/server in server components.",
            },
          ],
        },
      ],
    },
  },
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
