import { describe, expect, it } from 'vitest';
import { editAnswer } from '../../../functions/src/api/client-edit-answer.ts';
import { AppError } from '../../../functions/src/errors.ts';
import type { ClientView } from '../../../functions/src/store/client-edit-store.ts';

const client = { id: 'c1', name: 'Ivan Petrov', version: 3 } as unknown as ClientView;

function problemOf(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a problem');
}

describe('what an edit answers', () => {
  it('answers the saved client when the edit applied', () => {
    expect(editAnswer({ status: 'applied', client })).toBe(client);
  });

  it('answers a change the caller may not make as forbidden, with the fields', () => {
    const errors = [{ path: 'changes.lostAt', message: 'only the head of sales may reinstate a client' }];
    const e = problemOf(() => editAnswer({ status: 'forbidden', errors }));
    expect([e.code, e.message, e.issues]).toEqual(['forbidden', 'only the head of sales may reinstate a client', errors]);
  });

  it('answers a stale version as a conflict carrying the current values and who saved them', () => {
    const changedBy = { id: 'm2', name: 'Boris Lee' };
    const e = problemOf(() => editAnswer({ status: 'conflict', current: client, changedBy }));
    expect([e.code, e.details]).toEqual(['conflict', { current: client, changedBy }]);
  });

  it('answers a contact already on another client as a duplicate naming that client', () => {
    const errors = [{ path: 'changes.phones[0]', message: 'already on client c9' }];
    const e = problemOf(() => editAnswer({ status: 'invalid', errors, existingClientId: 'c9' }));
    expect([e.code, e.message, e.details]).toEqual(['duplicate', 'already in the base as client c9', { existingClientId: 'c9' }]);
  });

  it('answers bad fields as invalid input naming each field', () => {
    const errors = [{ path: 'changes.lostReason', message: 'is required when marking a client lost' }];
    const e = problemOf(() => editAnswer({ status: 'invalid', errors }));
    expect([e.code, e.issues]).toEqual(['invalid-input', errors]);
  });
});
