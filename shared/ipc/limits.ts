/** The browser harness has no file paths, so it sends bytes inline, up to this size. */
export const MAX_INLINE_BYTES = 64 * 1024 * 1024;

/** Sources main takes in one enqueue request; a bigger pick or drop is sent in several (see send-in-batches). */
export const MAX_SOURCES_PER_ENQUEUE = 1000;

/** The Pinning Service API's largest page. */
export const MAX_REMOTE_PAGE = 1000;
/**
 * Request ids a remote pins cursor carries (those created at its instant, already listed): the next
 * page asks for them again with the page, so together they stay within one API page.
 */
export const MAX_PAGE_SEEN = 500;
