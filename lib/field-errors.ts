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

/**
 * Where an action's field errors go on a form whose fields are `fields` (paths such as
 * "email" or "name.kk"): each error goes to the longest field path its own path starts with,
 * so an error on one item of a list ("townCodes.2") belongs to the list ("townCodes"). The
 * first message of each field is kept; errors for no field on the form ("form", a key the
 * form does not show) are returned as form-level message keys, in order.
 */
export function placeFieldErrors(fieldErrors: Record<string, string[]>, fields: readonly string[]): { byField: Record<string, string>; formKeys: string[] } {
  const byField: Record<string, string> = {};
  const formKeys: string[] = [];
  const byLength = [...fields].sort((a, b) => b.length - a.length);
  for (const [path, [key]] of Object.entries(fieldErrors)) {
    if (key === undefined) continue;
    const field = byLength.find((name) => path === name || path.startsWith(`${name}.`));
    if (field === undefined) formKeys.push(key);
    else byField[field] ??= key;
  }
  return { byField, formKeys };
}

/** A form's field paths from its default values: nested objects by dot, a list as one field. */
export function fieldPathsOf(values: object, prefix = ""): string[] {
  return Object.entries(values).flatMap(([key, value]) =>
    value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)
      ? fieldPathsOf(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}
