import { describe, expect, it } from 'vitest';
import { departureOf } from '../../../functions/src/core/departures.ts';

describe('why a client left a manager’s sheet', () => {
  it('says a client the manager still holds is held', () => {
    expect(departureOf('c1', { managerId: 'm1' }, 'm1')).toEqual({ clientId: 'c1', reason: 'held', at: null });
  });

  it('names the rotation and its day when a rotation took the client, reading the manager’s last stay', () => {
    const doc = {
      managerId: 'm3',
      formerHolders: [
        { managerId: 'm1', until: '2025-01-10' },
        { managerId: 'm2', until: '2025-06-01', rotationSeq: 3 },
        { managerId: 'm1', until: '2026-02-01', rotationSeq: 7 },
      ],
    };
    expect(departureOf('c1', doc, 'm1')).toEqual({ clientId: 'c1', reason: 'rotation', at: '2026-02-01' });
  });

  it('says reassigned when the client moved otherwise (offboarding, the head of sales)', () => {
    const doc = { managerId: 'm2', formerHolders: [{ managerId: 'm1', until: '2026-03-05' }] };
    expect(departureOf('c1', doc, 'm1')).toEqual({ clientId: 'c1', reason: 'reassigned', at: '2026-03-05' });
  });

  it('tells nothing about a client the manager never held, exactly as about one that does not exist', () => {
    const colleagues = { managerId: 'm2', formerHolders: [{ managerId: 'm3', until: '2026-03-05', rotationSeq: 2 }] };
    expect(departureOf('c1', colleagues, 'm1')).toEqual(departureOf('c1', undefined, 'm1'));
    expect(departureOf('c1', undefined, 'm1')).toEqual({ clientId: 'c1', reason: 'unknown', at: null });
  });
});
