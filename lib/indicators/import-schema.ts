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

/** The import form, for the form (zodResolver) and both actions (safeParse). */
export const importInputSchema = z.object({
  kind: z.enum(importKinds, { error: "adminIndicators.form.kindRequired" }),
  csv: z.string({ error: "adminIndicators.form.csvRequired" }).check(
    z.refine((text) => text.trim().length > 0, { error: "adminIndicators.form.csvRequired" }),
    // Characters, not bytes: a cheap first bound; the parser checks the UTF-8 size.
    z.maxLength(MAX_IMPORT_BYTES, { error: "adminIndicators.form.csvTooLarge" }),
    // A NUL byte is valid UTF-8, so the form's strict decoding lets it through (app/components/csv-file.ts).
    safeText(),
  ),
});

export type ImportInput = z.input<typeof importInputSchema>;
