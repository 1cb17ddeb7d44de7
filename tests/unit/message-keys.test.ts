import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import kk from "@/messages/kk.json";
import ru from "@/messages/ru.json";
import { residentErrorKeys } from "@/app/[locale]/(resident)/error-messages";
import { ROLES } from "@/lib/auth/account-schema";
import { permissions } from "@/lib/auth/permissions";
import { TOKEN_EXPIRIES } from "@/lib/auth/token-schema";
import { CODEBOOK_FILES } from "@/lib/export/request";
import { EXPORT_FORMATS, EXPORT_KINDS } from "@/lib/export/types";
import { importKinds } from "@/lib/indicators/import-schema";
import { DIMENSIONS } from "@/lib/stats/breakdowns";
import { getQuestionnaire, questionnaireVersions } from "@/lib/survey/questionnaire";

/**
 * Every translation key the code uses exists in every catalogue (messages/{kk,ru,en}.json).
 * The source of app/, lib/, server/ and db/ is read with the TypeScript parser, and these
 * uses are checked:
 *
 * 1. A translator and its namespace: `const t = await getTranslations({ locale, namespace: "ns" })`,
 *    `getTranslations("ns")`, `useTranslations("ns")` (next-intl's, or lib/i18n/client-messages'),
 *    none for the root; followed by scope, so two components of one file may each have a `t`.
 *    `t("key")`, `t.raw("key")`, `t.rich("key")`, `t.markup("key")` need "ns.key" (`t.has` asks,
 *    it does not use).
 * 2. A key built from a template, `t(`roles.${role}`)`: the part before the first `${` must
 *    be a group of messages ("ns.roles") in every catalogue; the groups whose members the code
 *    lists in a constant (roles, export kinds, areas of every questionnaire…) are checked
 *    member by member below.
 * 3. A namespace passed in: a translator whose namespace is a parameter of its function
 *    (`StaffFormPage({ namespace })`), or a key `${namespace}.rest` built from one (the
 *    `useMessage(namespace)` hook), is checked with every literal the code passes for that
 *    parameter (`<StaffFormPage namespace="exports">`, `useMessage("adminUsers")`); a function
 *    no call gives a literal to fails the test, so such a use is never silently skipped.
 * 4. Any other string literal that looks like a full key, a top-level namespace of the
 *    catalogue then dots ("errors.required", "adminUsers.errors.emailTaken"): the message keys
 *    of zod schemas, of actions' and use-cases' refusals, of fallbacks in components.
 *
 * Not covered: a key held in a variable or a map of bare names (`FAILURE_KEYS`), unless its
 * group is listed below.
 */

type Messages = { [key: string]: string | Messages };
const catalogues = { en, kk, ru } as Record<string, Messages>;
const roots = ["app", "lib", "server", "db"];
const repository = path.resolve(import.meta.dirname, "../..");

function nodeAt(messages: Messages, key: string): string | Messages | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return node;
}

const namespaces = new Set(Object.keys(en));
const join = (namespace: string, key: string) => (namespace ? `${namespace}.${key}` : key);

interface Use {
  where: string;
  /** A message ("key"), or a group of messages ("group"). */
  kind: "key" | "group";
  key: string;
}
/** A key whose namespace is the parameter `param` of the function `fn`. */
interface Deferred {
  where: string;
  fn: string;
  param: { index: number } | { prop: string };
  /** The key after the namespace; `asPrefix`: the parameter is glued to it (`${ns}.rest`). */
  key: string;
  asPrefix: boolean;
}
interface Literal {
  fn: string;
  at: { index: number } | { prop: string };
  value: string;
}

type Binding = { namespace: string } | { fn: string; param: Deferred["param"] } | null;
interface FunctionFrame {
  name: string | undefined;
  params: Map<string, Deferred["param"]>;
}

const FACTORIES = new Set(["getTranslations", "useTranslations"]);
const METHODS = new Set(["raw", "rich", "markup", "has"]);
const KEY_LIKE = /^[A-Za-z][\w-]*(\.[\w-]+)+$/;
/** Permission names (lib/auth/permissions.ts) look like keys ("fieldwork.supervise") but are none. */
const PERMISSION_NAMES = new Set(Object.keys(permissions));

function scan(fileName: string, text: string) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const uses: Use[] = [];
  const deferred: Deferred[] = [];
  const literals: Literal[] = [];
  const consumed = new Set<ts.Node>();
  const where = (node: ts.Node) => `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const stringOf = (node: ts.Node | undefined) => (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined);

  const lookup = (scopes: Array<Map<string, Binding>>, name: string): Binding | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i]!.has(name)) return scopes[i]!.get(name);
    return undefined;
  };
  // The function whose parameter `name` is, seen from inside nested functions too.
  const paramOf = (frames: FunctionFrame[], name: string) => {
    const frame = frames.findLast((candidate) => candidate.params.has(name));
    return frame?.name ? { fn: frame.name, param: frame.params.get(name)! } : undefined;
  };

  const translatorOf = (init: ts.Expression | undefined, frames: FunctionFrame[]): Binding | undefined => {
    let call = init;
    while (call && (ts.isAwaitExpression(call) || ts.isParenthesizedExpression(call))) call = call.expression;
    if (!call || !ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || !FACTORIES.has(call.expression.text)) return undefined;
    const arg = call.arguments[0];
    if (!arg) return { namespace: "" };
    const literal = stringOf(arg);
    if (literal !== undefined) return { namespace: literal };
    if (ts.isObjectLiteralExpression(arg)) {
      const property = arg.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === "namespace");
      if (!property) return { namespace: "" };
      const value = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
      const namespace = stringOf(value);
      if (namespace !== undefined) return { namespace };
      if (value && ts.isIdentifier(value)) return paramOf(frames, value.text) ?? null;
    }
    return null;
  };

  const visit = (node: ts.Node, scopes: Array<Map<string, Binding>>, frames: FunctionFrame[]) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isFunctionLike(node)) {
      const params = new Map<string, Deferred["param"]>();
      const scope = new Map<string, Binding>();
      (node.parameters ?? []).forEach((parameter, index) => {
        if (ts.isIdentifier(parameter.name)) {
          params.set(parameter.name.text, { index });
          scope.set(parameter.name.text, null);
        } else if (ts.isObjectBindingPattern(parameter.name)) {
          for (const element of parameter.name.elements) {
            if (!ts.isIdentifier(element.name)) continue;
            const prop = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
            params.set(element.name.text, { prop });
            scope.set(element.name.text, null);
          }
        }
      });
      const name =
        ts.isFunctionDeclaration(node) && node.name ? node.name.text
        : ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text
        : undefined;
      ts.forEachChild(node, (child) => visit(child, [...scopes, scope], [...frames, { name, params }]));
      return;
    }
    if (ts.isBlock(node) || ts.isSourceFile(node)) {
      const inner = [...scopes, new Map<string, Binding>()];
      ts.forEachChild(node, (child) => visit(child, inner, frames));
      return;
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      const binding = translatorOf(node.initializer, frames);
      scopes.at(-1)!.set(node.name.text, binding ?? null);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : undefined;
      const method = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && METHODS.has(callee.name.text) ? callee : undefined;
      const binding = name ? lookup(scopes, name) : method ? lookup(scopes, (method.expression as ts.Identifier).text) : undefined;
      const arg = node.arguments[0];
      if (binding && arg) {
        consumed.add(arg);
        const key = stringOf(arg);
        if (key !== undefined) {
          if (method?.name.text === "has") {
            // t.has(key) asks whether a message exists; its absence is an answer.
          } else if ("namespace" in binding) uses.push({ where: where(arg), kind: "key", key: join(binding.namespace, key) });
          else deferred.push({ where: where(arg), fn: binding.fn, param: binding.param, key, asPrefix: false });
        } else if (ts.isTemplateExpression(arg)) {
          const head = arg.head.text;
          const first = arg.templateSpans[0]!;
          if (head.includes(".") && "namespace" in binding) {
            uses.push({ where: where(arg), kind: "group", key: join(binding.namespace, head.slice(0, head.lastIndexOf("."))) });
          } else if (!head && arg.templateSpans.length === 1 && ts.isIdentifier(first.expression) && "namespace" in binding && !binding.namespace) {
            const param = paramOf(frames, first.expression.text);
            if (param && first.literal.text.startsWith(".")) {
              deferred.push({ where: where(arg), fn: param.fn, param: param.param, key: first.literal.text.slice(1), asPrefix: true });
            }
          }
        }
      }
      if (name) {
        node.arguments.forEach((argument, index) => {
          const value = stringOf(argument);
          if (value !== undefined) literals.push({ fn: name, at: { index }, value });
        });
      }
    }
    if (ts.isJsxAttribute(node) && ts.isIdentifier(node.name)) {
      const element = node.parent.parent;
      const value = node.initializer && ts.isStringLiteral(node.initializer) ? node.initializer.text : undefined;
      if (value !== undefined && ts.isIdentifier(element.tagName)) literals.push({ fn: element.tagName.text, at: { prop: node.name.text }, value });
    }
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && !consumed.has(node)) {
      if (KEY_LIKE.test(node.text) && namespaces.has(node.text.split(".")[0]!) && !PERMISSION_NAMES.has(node.text)) uses.push({ where: where(node), kind: "key", key: node.text });
    }
    ts.forEachChild(node, (child) => visit(child, scopes, frames));
  };
  visit(source, [], []);
  return { uses, deferred, literals };
}

/** The uses of a whole set of files, with the namespaces passed in resolved. */
function usesOf(files: Array<{ name: string; text: string }>) {
  const scans = files.map((file) => scan(file.name, file.text));
  const literals = scans.flatMap((s) => s.literals);
  const uses = scans.flatMap((s) => s.uses);
  const unresolved: string[] = [];
  for (const item of scans.flatMap((s) => s.deferred)) {
    const values = literals
      .filter((literal) => literal.fn === item.fn && JSON.stringify(literal.at) === JSON.stringify(item.param))
      .map((literal) => literal.value);
    if (values.length === 0) unresolved.push(`${item.where}: no call of ${item.fn} passes a literal for ${JSON.stringify(item.param)}`);
    for (const value of new Set(values)) uses.push({ where: `${item.where} (${item.fn}: ${value})`, kind: "key", key: join(value, item.key) });
  }
  return { uses, unresolved };
}

/** What a catalogue lacks: "locale: key (where)". */
function missing(uses: Use[]) {
  const out: string[] = [];
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    for (const use of uses) {
      const node = nodeAt(catalogue, use.key);
      const ok = use.kind === "key" ? typeof node === "string" : typeof node === "object" && Object.keys(node).length > 0;
      if (!ok) out.push(`${locale}: ${use.kind === "group" ? `the group ${use.key}` : use.key} (${use.where})`);
    }
  }
  return [...new Set(out)];
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

describe("translation keys", () => {
  const files = roots.flatMap((root) => sourceFiles(path.join(repository, root)));
  const { uses, unresolved } = usesOf(files.map((file) => ({ name: path.relative(repository, file), text: fs.readFileSync(file, "utf8") })));

  it("every key the code uses is in every catalogue", () => {
    expect({ missing: missing(uses), unresolved }).toEqual({ missing: [], unresolved: [] });
    // The scan reaches what the code uses (a floor, so a broken scan cannot pass by finding nothing).
    expect(uses.filter((use) => use.kind === "key").length).toBeGreaterThan(500);
    expect(uses.some((use) => use.key === "survey.stepOf")).toBe(true);
    expect(uses.some((use) => use.key === "adminUsers.errors.emailTaken")).toBe(true);
    expect(uses.some((use) => use.key === "exports.back")).toBe(true);
  });

  it("every member of a group the code lists in a constant has its message", () => {
    const areas = new Set(questionnaireVersions.flatMap((version) => getQuestionnaire(version)!.areas));
    const groups: Record<string, readonly string[]> = {
      "survey.areas": [...areas],
      errors: residentErrorKeys,
      "staff.roles": ROLES,
      "adminUsers.roles": ROLES,
      "exports.kinds": EXPORT_KINDS,
      "exports.formats": EXPORT_FORMATS,
      "exports.codebookFiles": CODEBOOK_FILES,
      "exports.expiries": TOKEN_EXPIRIES,
      "breakdowns.by": DIMENSIONS,
      "adminIndicators.form.kinds": importKinds,
    };
    const members = Object.entries(groups).flatMap(([group, names]) => names.map((name) => ({ where: group, kind: "key" as const, key: `${group}.${name}` })));
    expect(missing(members)).toEqual([]);
  });

  it("the check finds a missing key in each way a key is used", () => {
    const { uses, unresolved } = usesOf([
      {
        name: "page.tsx",
        text: `
          import { getTranslations } from "next-intl/server";
          export async function Page({ locale }) {
            const t = await getTranslations({ locale, namespace: "survey" });
            return [t("town"), t("noSuchKey"), t.raw("alsoMissing"), t(\`nowhere.\${x}\`), t.has("maybe")];
          }
          function Other() {
            const t = useTranslations("outbox");
            return t("sent") + t("town");
          }
          const schema = z.string({ error: "errors.required" }).min(1, "errors.nonexistent");
          export function Frame({ namespace }) {
            const t = await getTranslations({ locale, namespace });
            return t("back") + t("gone");
          }
          const a = <Frame namespace="exports" />;
          export function useMessage(namespace) {
            const t = useTranslations();
            return (key) => (t.has(key) ? t(key) : t(\`\${namespace}.errors.unexpected\`));
          }
          useMessage("adminUsers");
          useMessage("login");
          export function Lonely({ namespace }) {
            const t = await getTranslations({ locale, namespace });
            return t("title");
          }
        `,
      },
    ]);
    expect(missing(uses).map((line) => line.replace(/ \(.*$/, "")).filter((line) => line.startsWith("en:"))).toEqual([
      "en: survey.noSuchKey",
      "en: survey.alsoMissing",
      "en: the group survey.nowhere",
      "en: outbox.town",
      "en: errors.nonexistent",
      "en: exports.gone",
      "en: login.errors.unexpected",
    ]);
    expect(unresolved).toEqual([expect.stringContaining("no call of Lonely passes a literal")]);
  });
});
