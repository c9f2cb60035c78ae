/** The browser harness has no file paths, so it sends bytes inline, up to this size. */
export const MAX_INLINE_BYTES = 64 * 1024 * 1024;

/** Sources main takes in one enqueue request; a bigger pick or drop is sent in several (see send-in-batches). */
export const MAX_SOURCES_PER_ENQUEUE = 1000;
