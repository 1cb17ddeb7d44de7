import * as z from "zod/mini";
import { EXPORT_FORMATS, EXPORT_KINDS, QUASI_CHOICES, type ExportOptions, type QuasiChoice } from "./types";

/** The codebook's files: datapackage.json, the readable codebook, an R script, SPSS syntax, a Stata do-file. */
export const CODEBOOK_FILES = ["datapackage", "codebook", "r", "spss", "stata"] as const;
export type CodebookFile = (typeof CODEBOOK_FILES)[number];

/** Beyond this k nearly every cell is hidden: a typo, not a request. */
export const MAX_K = 1000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; message: string };

/*
 * The research API's query string. Answers are for machine clients: an English error code
 * and a message that names what is allowed, so the fix is in the message itself.
 */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T, name: string) =>
  z.optional(z.enum(values, { error: (issue) => `Unknown ${name} "${String(issue.input)}". Allowed: ${values.join(", ")}.` }));

const querySchema = (minK: number) =>
  z.object({
    kind: oneOf(EXPORT_KINDS, "kind"),
    format: oneOf(EXPORT_FORMATS, "format"),
    k: z.optional(
      z.string().check(
        z.regex(/^\d{1,6}$/, { error: "k must be a whole number." }),
        z.refine((k) => Number(k) >= minK, {
          error: `k must be at least ${minK}, the smallest group this installation publishes.`,
          params: { code: "k below minimum" },
        }),
        z.refine((k) => Number(k) <= MAX_K, { error: `k must be at most ${MAX_K}.` }),
      ),
    ),
    text: z.optional(z.enum(["0", "1"], { error: 'text must be "1" (include scrubbed free text) or "0".' })),
    quasi: z.optional(
      z.string().check(
        z.refine((list) => list === "" || list.split(",").every((q) => (QUASI_CHOICES as readonly string[]).includes(q)), {
          error: `quasi lists the quasi-identifiers to keep, separated by commas, from: ${QUASI_CHOICES.join(", ")} (empty keeps none but the town).`,
        }),
      ),
    ),
  });

const ERROR_CODES: Record<string, string> = { kind: "unknown kind", format: "unknown format", k: "invalid k", text: "invalid text", quasi: "invalid quasi" };

/** The quasi-identifiers kept, in QUASI_CHOICES order; undefined when all are (the default). */
function keptQuasi(list: string | undefined): readonly QuasiChoice[] | undefined {
  if (list === undefined) return undefined;
  const named = new Set(list === "" ? [] : list.split(","));
  const kept = QUASI_CHOICES.filter((q) => named.has(q));
  return kept.length === QUASI_CHOICES.length ? undefined : kept;
}

/**
 * Export options from `?kind=&format=&k=&text=1&quasi=age_band,sex`. Defaults: microdata,
 * CSV, the configured minimum k, no free text, every quasi-identifier kept. k may be raised
 * above the minimum, never lowered; text and quasi apply to microdata only.
 */
export function parseExportQuery(params: URLSearchParams, minK: number): Parsed<ExportOptions> {
  const raw = Object.fromEntries(["kind", "format", "k", "text", "quasi"].flatMap((key) => (params.has(key) ? [[key, params.get(key)!]] : [])));
  const parsed = querySchema(minK).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const code = issue.code === "custom" ? (issue.params?.code as string | undefined) : undefined;
    return { ok: false, error: code ?? ERROR_CODES[String(issue.path[0])] ?? "invalid query", message: issue.message };
  }
  const { kind = "microdata", format = "csv", k, text, quasi } = parsed.data;
  // Aggregate tables hold no free text: text=1 is dropped, not carried into the file name or codebook.
  const value: ExportOptions = { kind, format, k: k === undefined ? minK : Number(k), includeText: kind === "microdata" && text === "1" };
  // Nor quasi-identifiers; and all of them named is the default request.
  const kept = kind === "microdata" ? keptQuasi(quasi) : undefined;
  return { ok: true, value: kept ? { ...value, quasi: kept } : value };
}

const fileSchema = z.enum(CODEBOOK_FILES, { error: (issue) => `Unknown codebook file "${String(issue.input ?? "")}". Allowed: ${CODEBOOK_FILES.join(", ")}.` });

export function parseCodebookFile(params: URLSearchParams): Parsed<CodebookFile> {
  const parsed = fileSchema.safeParse(params.get("file") ?? undefined);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: "unknown file", message: parsed.error.issues[0]!.message };
}

/** The query string of an export or codebook link, the inverse of `parseExportQuery`. */
export function exportQuery(options: ExportOptions): string {
  const params = new URLSearchParams({ kind: options.kind, format: options.format, k: String(options.k) });
  if (options.includeText) params.set("text", "1");
  if (options.quasi && options.kind === "microdata") params.set("quasi", options.quasi.join(","));
  return params.toString();
}
