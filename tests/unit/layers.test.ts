import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layers of docs/decisions/0012-layers.md, as `npm run lint` holds them: each case is a
// file that imports the wrong way, by alias or by relative path, and must be refused.
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../..") });

async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((message) => message.ruleId === "no-restricted-imports").map((message) => message.message);
}

const importing = (specifier: string) => `import * as m from "${specifier}";\nexport const used = m;\n`;

describe("layers", () => {
  it.each([
    ["app/[locale]/page.tsx", "@/db/client"],
    ["app/[locale]/(staff)/staff/page.tsx", `${"../".repeat(4)}db/queries/waves`],
    ["app/api/health/route.ts", "drizzle-orm"],
    ["lib/stats/x.ts", "@/db/client"],
    ["lib/stats/x.ts", "../../db/schema"],
    ["lib/stats/x.ts", "@/server/results/gate"],
    ["lib/stats/x.ts", "../../app/components/share-cells"],
    ["lib/stats/x.ts", "node:fs"],
    ["lib/stats/x.ts", "next/headers"],
    ["db/queries/x.ts", "@/server/waves"],
    ["db/queries/x.ts", "../../app/components/share-cells"],
    ["server/waves-x.ts", "@/app/components/share-cells"],
    ["server/waves-x.ts", "@/db/queries/rollups"],
    ["server/auth/x.ts", "@/db/queries/export"],
  ])("refuses %s importing %s", async (file, specifier) => {
    expect(await refusals(file, importing(specifier))).toHaveLength(1);
  });

  it.each([
    ["app/[locale]/page.tsx", "@/server/waves"],
    ["app/[locale]/page.tsx", "@/lib/stats/wilson"],
    ["server/waves-x.ts", "@/db/queries/waves"],
    ["server/results/x.ts", "@/db/queries/rollups"],
    ["server/export/x.ts", "@/db/queries/export"],
    ["db/queries/x.ts", "@/lib/survey/questionnaire"],
    ["lib/stats/x.ts", "./wilson"],
  ])("allows %s importing %s", async (file, specifier) => {
    expect(await refusals(file, importing(specifier))).toEqual([]);
  });
});
