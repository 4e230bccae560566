import { describe, expect, it } from 'vitest';
import { editAnswer } from '../../../functions/src/api/client-edit-answer.ts';
import { refusalOf } from '../../support/refusal.ts';
import type { ClientView } from '../../../functions/src/store/client-edit-store.ts';

const client = { id: 'c1', name: 'Ivan Petrov', version: 3 } as unknown as ClientView;

describe('what an edit answers', () => {
  it('answers the saved client when the edit applied', () => {
    expect(editAnswer({ status: 'applied', client })).toBe(client);
  });

  it('answers a change the caller may not make as forbidden, with the fields', () => {
    const errors = [{ path: 'changes.lostAt', message: 'only the head of sales may reinstate a client' }];
    const e = refusalOf(() => editAnswer({ status: 'forbidden', errors }));
    expect([e.code, e.message, e.issues]).toEqual(['forbidden', 'only the head of sales may reinstate a client', errors]);
  });

  it('answers a stale version as a conflict carrying the current values and who saved them', () => {
    const changedBy = { id: 'm2', name: 'Boris Lee' };
    const e = refusalOf(() => editAnswer({ status: 'conflict', current: client, changedBy }));
    expect([e.code, e.details]).toEqual(['conflict', { current: client, changedBy }]);
  });

  it('answers a contact already on another client as a duplicate naming that client', () => {
    const errors = [{ path: 'changes.phones[0]', message: 'already on client c9' }];
    const e = refusalOf(() => editAnswer({ status: 'invalid', errors, existingClientId: 'c9' }));
    expect([e.code, e.message, e.details]).toEqual(['duplicate', 'already in the base as client c9', { existingClientId: 'c9' }]);
  });

  it('answers bad fields as invalid input naming each field', () => {
    const errors = [{ path: 'changes.lostReason', message: 'is required when marking a client lost' }];
    const e = refusalOf(() => editAnswer({ status: 'invalid', errors }));
    expect([e.code, e.issues]).toEqual(['invalid-input', errors]);
  });
});
