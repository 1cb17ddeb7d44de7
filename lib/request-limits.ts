/** A survey response is a few kilobytes; anything far larger is not a response. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The admin's indicator import sends a whole file to its server action: CSV text of up to
 * 2 MB, or a workbook or bureau file of up to 12 MB as multipart form data (lib/indicators/
 * import-schema.ts); the same as serverActions.bodySizeLimit in next.config.js.
 */
export const MAX_IMPORT_BODY_BYTES = 13 * 1024 * 1024;
