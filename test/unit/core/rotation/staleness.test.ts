import { describe, expect, it } from 'vitest';
import { nextDay } from '../../../../functions/src/core/calendar.ts';
import { staleCutoffs, staleReason } from '../../../../functions/src/core/rotation/staleness.ts';

describe('staleness cutoffs', () => {
  it('counts whole calendar months back, clamping to the month end', () => {
    expect(staleCutoffs('2026-08-31', { holdMonths: 6, noDealMonths: 12 })).toEqual({ holdDay: '2026-02-28', noDealDay: '2025-08-31' });
    expect(staleCutoffs('2028-08-31T23:59:00Z', { holdMonths: 6, noDealMonths: 1 })).toEqual({
      holdDay: '2028-02-29',
      noDealDay: '2028-07-31',
    });
  });

  it('gives the next day across month and year ends for `<` queries', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });

  it('prefers "no deal since assignment" when both tests hold, and needs the hold in both cases', () => {
    const cutoffs = { holdDay: '2026-06-01', noDealDay: '2025-12-01' };
    expect(staleReason({ assignedAt: '2026-01-01', dealsSinceAssignment: 0, lastDealAt: '2024-01-01' }, cutoffs)).toBe(
      'no-deal-since-assignment',
    );
    expect(staleReason({ assignedAt: '2026-06-02', dealsSinceAssignment: 0, lastDealAt: null }, cutoffs)).toBeUndefined();
    expect(staleReason({ assignedAt: '2026-06-02', dealsSinceAssignment: 1, lastDealAt: '2024-01-01' }, cutoffs)).toBeUndefined();
    expect(staleReason({ assignedAt: '2020-01-01', dealsSinceAssignment: 1, lastDealAt: '2025-12-01T23:00:00.000Z' }, cutoffs)).toBe(
      'no-deal-for-months',
    );
    expect(staleReason({ dealsSinceAssignment: 0, lastDealAt: null }, cutoffs)).toBeUndefined();
  });
});
