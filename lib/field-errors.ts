import type * as z from "zod/mini";

/** Every error of every field, keyed by its path ("answers.sat_heating"), as message keys. */
export function fieldErrorsOf(error: z.core.$ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) (fieldErrors[[...issue.path, key].join(".")] ??= []).push(issue.message);
      continue;
    }
    (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
  }
  return fieldErrors;
}
