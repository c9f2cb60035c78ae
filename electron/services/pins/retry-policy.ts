/**
 * The one retry and backoff policy for the Pinning Service API, pure so it is table-tested:
 * what to do after an answer (or no answer), and when to ask again about a pin request.
 */

export interface RetryPolicy {
  /** Attempts of one call before giving up (the first included). */
  maxAttempts: number;
  /** First backoff after a failed attempt; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for inside a call: the caller reschedules. */
  maxInlineWaitMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 10 * 60_000,
  maxInlineWaitMs: 5_000,
};

/** What went wrong with one attempt: an HTTP status (with its Retry-After), or no answer at all. */
export type AttemptOutcome = { status: number; retryAfter?: string | null } | { network: true };

/** True for what may go away by itself: no answer, 429, 5xx (but not 501, which will not). */
export function isTransient(outcome: AttemptOutcome): boolean {
  if ('network' in outcome) return true;
  return outcome.status === 429 || (outcome.status >= 500 && outcome.status !== 501);
}

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: number): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff after `failures` failed attempts in a row (1 = the first failure). */
export function backoffMs(failures: number, policy: RetryPolicy = defaultRetryPolicy): number {
  // Past 30 doublings any base is over the cap; more would be Infinity, and 0 × Infinity not a number.
  const doublings = Math.min(30, Math.max(0, failures - 1));
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** doublings);
}

/**
 * After a failed attempt of one call: wait this long and try again, or null to give up now
 * (permanent errors, attempts used up, or a Retry-After too long to wait inside the call).
 */
export function nextAttemptDelay(
  outcome: AttemptOutcome,
  attempt: number,
  now: number,
  policy: RetryPolicy = defaultRetryPolicy,
): number | null {
  if (!isTransient(outcome) || attempt >= policy.maxAttempts) return null;
  const asked = 'status' in outcome ? retryAfterMs(outcome.retryAfter, now) : null;
  if (asked !== null) return asked <= policy.maxInlineWaitMs ? asked : null;
  return backoffMs(attempt, policy);
}

/** How often a pending request is checked: often while young, rarely once it has waited long. */
export function pollIntervalMs(ageMs: number, scale = 1): number {
  const minute = 60_000;
  const interval =
    ageMs < minute ? 5_000 : ageMs < 10 * minute ? 30_000 : ageMs < 60 * minute ? 2 * minute : 10 * minute;
  return interval * scale;
}

/**
 * How long a pinned request goes unasked: anyone with the token can remove it on the service, and
 * only asking finds out; an hour keeps thousands of pins to a few calls a minute.
 */
export function pinnedCheckDelay(scale = 1): number {
  return 60 * 60_000 * scale;
}

/**
 * How old a pinned request's status may be when the user comes back to the app before it is asked
 * about again: a pin removed on the service's own site shows within minutes of looking, not an
 * hour, and switching windows often still costs a service a few calls an hour.
 */
export function lookedAtCheckAge(scale = 1): number {
  return 5 * 60_000 * scale;
}

/** The longest a service's Retry-After holds a request back: one asking for more is asked again after a day. */
const MAX_ASKED_WAIT_MS = 24 * 60 * 60_000;

/**
 * When to ask again after a check: the poll interval by age, or after trouble, the backoff for the
 * errors in a row, and never sooner than the service's Retry-After (up to a day). Always a finite
 * wait: an infinite one is saved as null, and a request with a null time is never checked again.
 */
export function nextCheckDelay(
  options: { ageMs: number; errors: number; retryAfterMs?: number | null; scale?: number },
  policy: RetryPolicy = defaultRetryPolicy,
): number {
  const { ageMs, errors, retryAfterMs: asked, scale = 1 } = options;
  const regular = pollIntervalMs(ageMs, scale);
  const backoff = errors > 0 ? Math.max(regular, backoffMs(errors, { ...policy, baseDelayMs: regular })) : regular;
  return Math.max(backoff, Math.min(asked ?? 0, MAX_ASKED_WAIT_MS * scale));
}
