import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../apps-script/src/api/api-error.ts';
import { maxAttempts, retryDelayMs } from '../../../../apps-script/src/api/retry.ts';

describe('when the add-on tries again', () => {
  it('backs off 1, 2, 4 seconds for reads and keyed writes, then gives up', () => {
    const e = new ApiError('network', 'down');
    expect([1, 2, 3, 4].map((n) => retryDelayMs(e, n, true))).toEqual([1000, 2000, 4000, null]);
    expect(maxAttempts).toBe(4);
  });

  it('never repeats a write that may have landed', () => {
    expect(retryDelayMs(new ApiError('network', 'x', { outcomeUnknown: true }), 1, false)).toBeNull();
    expect(retryDelayMs(new ApiError('unavailable', 'x', { outcomeUnknown: true }), 1, false)).toBeNull();
    expect(retryDelayMs(new ApiError('server', 'x'), 1, false)).toBeNull();
  });

  it("waits as long as Retry-After asks on 429 and on a front end's 503, within reason", () => {
    expect(retryDelayMs(new ApiError('rate-limited', 'x', { retryAfterSeconds: 3 }), 1, false)).toBe(3000);
    expect(retryDelayMs(new ApiError('unavailable', 'x', { retryAfterSeconds: 5 }), 2, false)).toBe(5000);
    expect(retryDelayMs(new ApiError('rate-limited', 'x', { retryAfterSeconds: 600 }), 1, true)).toBeNull();
  });

  it('does not retry what trying again cannot fix', () => {
    for (const kind of ['invalid-input', 'not-on-roster', 'deactivated', 'conflict', 'missing-scope'] as const)
      expect(retryDelayMs(new ApiError(kind, 'x'), 1, true)).toBeNull();
  });
});
