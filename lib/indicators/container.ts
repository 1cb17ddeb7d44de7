import { inflateRawSync } from "node:zlib";
import { MAX_WORKBOOK_UNZIPPED_BYTES } from "./import-schema";

/**
 * What kind of file the admin chose, told by its first bytes rather than its name, and the
 * reasons to refuse a workbook before a zip library inflates any of it.
 */
export type Container =
  | { kind: "xlsx" }
  | { kind: "json" }
  | { kind: "refused"; key: "workbook.issues.oldXls" | "workbook.issues.encrypted" | "workbook.issues.macros" | "workbook.issues.zipBomb" | "workbook.issues.notWorkbook" | "workbook.issues.unknownFormat"; params?: Record<string, number> };

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((byte, index) => bytes[index] === byte);

/** "EncryptedPackage" as the stream name an OLE2 directory holds it in (UTF-16LE). */
const ENCRYPTED_PACKAGE = new Uint8Array([..."EncryptedPackage"].flatMap((char) => [char.charCodeAt(0), 0]));

export function inspectContainer(bytes: Uint8Array): Container {
  // Excel saves a password-protected .xlsx as an OLE2 file holding the encrypted zip as a stream;
  // an old .xls is OLE2 too, without that stream.
  if (startsWith(bytes, OLE2)) return { kind: "refused", key: indexOf(bytes, ENCRYPTED_PACKAGE) >= 0 ? "workbook.issues.encrypted" : "workbook.issues.oldXls" };
  if (startsWith(bytes, ZIP)) return inspectZip(bytes);
  const first = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, "").trimStart()[0];
  return first === "[" || first === "{" ? { kind: "json" } : { kind: "refused", key: "workbook.issues.unknownFormat" };
}

/**
 * Reads the zip's central directory (the list at its end of every part with its sizes):
 * a macro-enabled workbook has a VBA project part; a zip bomb declares more than a
 * spreadsheet could hold. A directory that cannot be read is not a workbook.
 */
function inspectZip(bytes: Uint8Array): Container {
  const entries = centralDirectory(bytes);
  if (!entries) return { kind: "refused", key: "workbook.issues.notWorkbook" };
  if (entries.some(({ name }) => /(^|\/)vbaProject\.bin$/i.test(name))) return { kind: "refused", key: "workbook.issues.macros" };
  if (!entries.some(({ name }) => name === "xl/workbook.xml")) return { kind: "refused", key: "workbook.issues.notWorkbook" };
  const zipBomb = { kind: "refused", key: "workbook.issues.zipBomb", params: { maxMb: MAX_WORKBOOK_UNZIPPED_BYTES / 1024 / 1024 } } as const;
  const unzipped = entries.reduce((sum, { size }) => sum + size, 0);
  if (unzipped > MAX_WORKBOOK_UNZIPPED_BYTES) return zipBomb;
  // The directory's sizes are what the file says of itself: each part is also inflated here,
  // one at a time and never past what is left of the limit, and must be as large as declared,
  // before the zip library (which believes the directory) inflates all of it at once.
  let left = MAX_WORKBOOK_UNZIPPED_BYTES;
  for (const entry of entries) {
    const actual = inflatedSize(bytes, entry, left);
    if (actual === "tooLarge") return zipBomb;
    if (actual === null) return { kind: "refused", key: "workbook.issues.notWorkbook" };
    if (actual !== entry.size) return zipBomb;
    left -= actual;
  }
  return { kind: "xlsx" };
}

interface ZipEntry {
  name: string;
  size: number;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** How large a part really is once inflated, inflating no more than `limit` bytes; null when it cannot be read. */
function inflatedSize(bytes: Uint8Array, entry: ZipEntry, limit: number): number | "tooLarge" | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) return null;
  if (entry.method === 0) return data.length > limit ? "tooLarge" : data.length;
  if (entry.method !== 8) return null;
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, limit) }).length;
  } catch (error) {
    return (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" ? "tooLarge" : null;
  }
}

/** The parts a zip lists, with their uncompressed sizes; null when the directory is not there or not whole. */
export function centralDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-directory record is in the last 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  const offset = view.getUint32(end + 16, true);
  // ZIP64 marks its sizes with all ones; no spreadsheet of the size accepted needs it.
  if (count === 0xffff || offset === 0xffffffff) return [{ name: "zip64", size: Number.POSITIVE_INFINITY, method: 0, compressedSize: 0, localOffset: 0 }];
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const localOffset = view.getUint32(at + 42, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name, size: size === 0xffffffff ? Number.POSITIVE_INFINITY : size, method, compressedSize, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let at = 0; at <= haystack.length - needle.length; at++) {
    for (let index = 0; index < needle.length; index++) if (haystack[at + index] !== needle[index]) continue outer;
    return at;
  }
  return -1;
}
