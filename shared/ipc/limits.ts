/** The browser harness has no file paths, so it sends bytes inline, up to this size. */
export const MAX_INLINE_BYTES = 64 * 1024 * 1024;
