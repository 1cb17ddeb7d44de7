/** A survey response is a few kilobytes; anything far larger is not a response. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The admin's indicator import sends a whole CSV file (up to 2 MB, lib/indicators) to its
 * server action; the same as serverActions.bodySizeLimit in next.config.js.
 */
export const MAX_IMPORT_BODY_BYTES = 3 * 1024 * 1024;
