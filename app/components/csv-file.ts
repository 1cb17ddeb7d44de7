/**
 * A chosen CSV file as text, for the import forms: refused when larger than `maxBytes`, or
 * when not UTF-8 (fatal decoding: a file Excel saved in Windows-1251 gets a clear message,
 * not mojibake). The form turns the refusal into its own translated message.
 */
export async function readCsvFile(file: File, maxBytes: number): Promise<{ csv: string } | { refused: "tooLarge" | "notUtf8" }> {
  if (file.size > maxBytes) return { refused: "tooLarge" };
  try {
    return { csv: new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()) };
  } catch {
    return { refused: "notUtf8" };
  }
}
