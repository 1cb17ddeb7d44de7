import { describeError } from "@/lib/errors";
/** How far a download has come: bytes always, rows when the format shows them and the server said how many to expect. */
export interface Progress {
  bytes: number;
  rows: number | null;
  total: number | null;
}

export type DownloadOutcome =
  | { status: "saved"; fileName: string }
  /** `messageKey`: the server's own reason, when it gave one ("errors.exportBusy"). */
  | { status: "failed"; httpStatus: number | null; messageKey?: string }
  | { status: "cancelled" };

/**
 * Fetches a file while reporting progress, then saves it through a blob link. A plain
 * `<a download>` shows nothing while a large export streams, and on failure saves the
 * server's JSON error as if it were the file; this shows both honestly.
 *
 * Rows are counted by line breaks (CSV only), less the header; a free-text answer with a
 * line break of its own counts twice, so the count is capped at the total.
 */
export async function downloadWithProgress(url: string, { countRows, signal, onProgress }: { countRows: boolean; signal: AbortSignal; onProgress: (progress: Progress) => void }): Promise<DownloadOutcome> {
  try {
    const response = await fetch(url, { signal, cache: "no-store" });
    if (!response.ok || !response.body) return { status: "failed", httpStatus: response.status, messageKey: await messageKeyOf(response) };
    const totalHeader = response.headers.get("x-total-rows");
    const total = countRows && totalHeader !== null ? Number(totalHeader) : null;
    const reader = response.body.getReader();
    const chunks: BlobPart[] = [];
    let bytes = 0;
    let lineBreaks = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value as Uint8Array<ArrayBuffer>);
      bytes += value.byteLength;
      if (countRows) for (const byte of value) if (byte === 10) lineBreaks += 1;
      const rows = countRows ? Math.max(0, lineBreaks - 1) : null;
      onProgress({ bytes, rows: rows !== null && total !== null ? Math.min(rows, total) : rows, total });
    }
    const fileName = fileNameOf(response.headers.get("content-disposition")) ?? "qala-pulse-export";
    save(new Blob(chunks, { type: response.headers.get("content-type") ?? "application/octet-stream" }), fileName);
    return { status: "saved", fileName };
  } catch (error) {
    if (signal.aborted) return { status: "cancelled" };
    console.warn(`Download failed: ${describeError(error)}`);
    return { status: "failed", httpStatus: null };
  }
}

/** The message key of an API error's JSON body, if it has one. */
async function messageKeyOf(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { messageKey?: unknown };
    return typeof body.messageKey === "string" ? body.messageKey : undefined;
  } catch {
    return undefined;
  }
}

function fileNameOf(disposition: string | null): string | null {
  return disposition?.match(/filename="([^"]+)"/)?.[1] ?? null;
}

function save(blob: Blob, fileName: string) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started saving by the time the click returns; free the memory soon after.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
