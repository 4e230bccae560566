import { describe, expect, it } from 'vitest';
import { AppError } from '../../../functions/src/errors.ts';
import { toProblem } from '../../../functions/src/http/problem.ts';

/** An error as the Firestore client library throws it: a gRPC status code and its message. */
const grpcError = (code: number, message: string) => Object.assign(new Error(`${code} ${message}`), { code });

describe('the problem document of a database that cannot be reached', () => {
  it('answers 503 unavailable, not 500, when the client library gives up on an unreachable or busy database', () => {
    for (const [code, name] of [
      [14, 'UNAVAILABLE: No connection established'],
      [4, 'DEADLINE_EXCEEDED'],
      [10, 'ABORTED: Transaction lock timeout.'],
    ] as const) {
      const problem = toProblem(grpcError(code, name));
      expect(problem, name).toMatchObject({ status: 503, code: 'unavailable', type: 'https://clientbase.dev/problems/unavailable' });
      // The caller is told to try again, never the library's words.
      expect(problem.detail).not.toContain(name);
    }
  });

  it('keeps every other error what it was: its own code, or an internal error that says nothing more', () => {
    expect(toProblem(grpcError(7, 'PERMISSION_DENIED'))).toMatchObject({ status: 500, code: 'internal' });
    expect(toProblem(new Error('boom'))).toMatchObject({ status: 500, code: 'internal' });
    expect(toProblem(Object.assign(new AppError('conflict', 'stale'), { cause: grpcError(14, 'UNAVAILABLE') }))).toMatchObject({
      status: 409,
      code: 'conflict',
    });
  });
});
