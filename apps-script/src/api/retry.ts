import type { ApiError } from './api-error.ts';

/** Three retries: 1 s, 2 s, 4 s, or what Retry-After asks, within one Apps Script execution. */
export const maxAttempts = 4;
const baseDelayMs = 1000;
/** Longer than this and the person is better told to come back later than kept waiting. */
const longestWaitMs = 20_000;

/**
 * How long to wait before trying again, or null to give up. `safe` requests (reads, and writes
 * keyed so that a repeat cannot apply twice) are retried after network failures and 5xx; other
 * writes only when the server said it did nothing: 429, or 503 with Retry-After from the front end.
 */
export function retryDelayMs(error: ApiError, attemptsMade: number, safe: boolean): number | null {
  if (attemptsMade >= maxAttempts) return null;
  const backoff = baseDelayMs * 2 ** (attemptsMade - 1);
  const asked = error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : null;
  const wait = asked ?? backoff;
  if (wait > longestWaitMs) return null;
  switch (error.kind) {
    case 'rate-limited':
      return wait;
    case 'unavailable':
      if (safe) return wait;
      return asked !== null && !error.outcomeUnknown ? wait : null;
    case 'network':
    case 'server':
      return safe ? backoff : null;
    default:
      return null;
  }
}
