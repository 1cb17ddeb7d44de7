import * as z from "zod/mini";
import { safeText } from "@/lib/safe-text";

/** What an admin can import: figures, indicator definitions, town population structures. */
export const importKinds = ["values", "definitions", "population"] as const;
export type ImportKind = (typeof importKinds)[number];

/** Rows a single import may hold: the 78 indicators of 20 towns for a year or two. */
export const MAX_IMPORT_ROWS = 5_000;
/**
 * The file's size in UTF-8: a 5,000-row file with long Cyrillic citations and addresses
 * (two bytes a letter) comes to about 1.5 MB. The action's body limit (next.config.js) and
 * the proxy's limit for this page (proxy.ts) leave room for the request's encoding of it.
 */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/**
 * A workbook (.xlsx) or a statistics bureau file (.json): a year of every indicator of
 * every town, by month, is some 20,000 rows; 50,000 rows and 12 MB leave room for more.
 */
export const MAX_WORKBOOK_BYTES = 12 * 1024 * 1024;
export const MAX_WORKBOOK_ROWS = 50_000;
/**
 * What a workbook's parts may add up to once unzipped, read from the zip's own directory
 * before anything is inflated: a 50,000-row sheet with long citations is about 60 MB of
 * XML; far more is a zip bomb, not a spreadsheet.
 */
export const MAX_WORKBOOK_UNZIPPED_BYTES = 160 * 1024 * 1024;

/** A day as an ISO date: what the date input sends. */
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The import form, for the form (zodResolver) and both actions (safeParse): pasted or
 * chosen CSV text, or a chosen workbook or bureau file sent as a file. A bureau file names
 * no indicator of ours and no source address, so the admin gives them with the retrieval day.
 */
export const importInputSchema = z
  .object({
    kind: z.enum(importKinds, { error: "adminIndicators.form.kindRequired" }),
    csv: z.string().check(
      // Characters, not bytes: a cheap first bound; the parser checks the UTF-8 size.
      z.maxLength(MAX_IMPORT_BYTES, { error: "adminIndicators.form.csvTooLarge" }),
      // A NUL byte is valid UTF-8, so the form's strict decoding lets it through (app/components/csv-file.ts).
      safeText(),
    ),
    file: z.optional(z.nullable(z.file().check(z.maxSize(MAX_WORKBOOK_BYTES, { error: "adminIndicators.workbook.tooLarge" })))),
    sheet: z.optional(z.string().check(z.maxLength(200), safeText())),
    indicator: z.optional(z.string().check(z.maxLength(64), safeText())),
    sourceAddress: z.optional(z.string().check(z.maxLength(1000), safeText())),
    retrievedOn: z.optional(z.string().check(z.refine((day) => day === "" || isoDay.test(day), { error: "adminIndicators.workbook.badDay" }))),
  })
  .check(
    z.refine((input) => input.file != null || input.csv.trim().length > 0, { error: "adminIndicators.form.csvRequired", path: ["csv"] }),
  );

export type ImportInput = z.input<typeof importInputSchema>;
