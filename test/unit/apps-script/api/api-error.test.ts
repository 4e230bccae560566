import { describe, expect, it } from 'vitest';
import {
  ApiError,
  errorFromFetchFailure,
  errorFromResponse,
  explain,
  retryAfterSeconds,
  type ApiErrorKind,
} from '../../../../apps-script/src/api/api-error.ts';
import { messagesFor } from '../../../../apps-script/src/messages.ts';

const problem = (status: number, body: Record<string, unknown>) =>
  JSON.stringify({ type: `https://clientbase.dev/problems/${body.code}`, status, detail: 'd', ...body });
const now = Date.parse('2026-03-01T12:00:00Z');

describe('what went wrong between the add-on and the base', () => {
  it('tells the three refusals apart by the reason the API gives', () => {
    expect(errorFromResponse(403, {}, problem(403, { code: 'forbidden', reason: 'not-on-roster' }), now).kind).toBe('not-on-roster');
    expect(errorFromResponse(403, {}, problem(403, { code: 'forbidden', reason: 'inactive' }), now).kind).toBe('deactivated');
    expect(errorFromResponse(403, {}, problem(403, { code: 'forbidden', reason: 'admin-only' }), now).kind).toBe('admin-only');
  });

  it('reads problem documents: field errors, duplicates, conflicts', () => {
    const invalid = errorFromResponse(
      400,
      {},
      problem(400, { code: 'invalid-input', errors: [{ path: 'amount', message: 'must not be negative' }] }),
      now,
    );
    expect(invalid.kind).toBe('invalid-input');
    expect(invalid.fieldErrors).toEqual([{ path: 'amount', message: 'must not be negative' }]);
    expect(errorFromResponse(409, {}, problem(409, { code: 'duplicate', existingClientId: 'c9' }), now)).toMatchObject({
      kind: 'duplicate',
      problem: { existingClientId: 'c9' },
    });
    expect(errorFromResponse(409, {}, problem(409, { code: 'conflict' }), now).kind).toBe('conflict');
    expect(errorFromResponse(401, {}, problem(401, { code: 'unauthenticated' }), now).kind).toBe('unauthenticated');
  });

  it("reads 429 and 503 with Retry-After, and marks the API's own 503 as outcome unknown", () => {
    expect(errorFromResponse(429, { 'Retry-After': '7' }, 'Too many', now)).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 7 });
    expect(errorFromResponse(503, { 'retry-after': 'Sun, 01 Mar 2026 12:00:30 GMT' }, '<html>down</html>', now)).toMatchObject({
      kind: 'unavailable',
      retryAfterSeconds: 30,
      outcomeUnknown: false,
    });
    expect(errorFromResponse(503, {}, problem(503, { code: 'unavailable' }), now)).toMatchObject({
      kind: 'unavailable',
      outcomeUnknown: true,
    });
    expect(errorFromResponse(502, {}, '<html>Bad gateway</html>', now).kind).toBe('unavailable');
    expect(errorFromResponse(500, {}, problem(500, { code: 'internal' }), now).kind).toBe('server');
    expect(retryAfterSeconds('soon', now)).toBeNull();
  });

  it('tells a missing permission from a broken network when the fetch itself throws', () => {
    expect(
      errorFromFetchFailure(
        'Exception: You do not have permission to call UrlFetchApp.fetch. Required permissions: ' +
          'https://www.googleapis.com/auth/script.external_request',
        true,
      ).kind,
    ).toBe('missing-scope');
    expect(errorFromFetchFailure('Exception: Address unavailable: https://api.example.com/clients', false)).toMatchObject({
      kind: 'network',
      outcomeUnknown: false,
    });
    expect(errorFromFetchFailure('Exception: Timeout: https://api.example.com/clients/batch', true)).toMatchObject({
      kind: 'network',
      outcomeUnknown: true,
    });
  });

  it('has a message for every kind in both languages, each saying what to do', () => {
    const kinds: ApiErrorKind[] = [
      'not-configured',
      'missing-scope',
      'missing-email-scope',
      'not-on-roster',
      'deactivated',
      'admin-only',
      'unauthenticated',
      'network',
      'rate-limited',
      'unavailable',
      'invalid-input',
      'not-found',
      'conflict',
      'duplicate',
      'too-large',
      'server',
    ];
    for (const locale of ['en', 'ru'] as const) {
      const m = messagesFor(locale);
      const texts = kinds.map((kind) => explain(new ApiError(kind, 'detail', { status: 500 }), m, { email: 'x@y.ru' }));
      expect(new Set(texts).size).toBe(kinds.length);
      for (const text of texts) expect(text.length).toBeGreaterThan(20);
    }
    const en = messagesFor('en');
    expect(explain(new ApiError('not-on-roster', ''), en, { email: 'vera@example.com' })).toContain(
      'vera@example.com is not on the staff roster',
    );
    expect(explain(new ApiError('missing-scope', '', { authorizationUrl: 'https://script.google.com/auth?x' }), en)).toContain(
      'https://script.google.com/auth?x',
    );
    expect(explain(new ApiError('rate-limited', '', { retryAfterSeconds: 30 }), messagesFor('ru'))).toContain('30 с');
    expect(explain(new ApiError('network', '', { outcomeUnknown: true }), en)).toContain('may or may not have been saved');
  });
});
