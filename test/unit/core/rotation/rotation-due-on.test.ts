import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysToDay } from '../../../../functions/src/core/calendar.ts';
import { rotationDueOn, staleCutoffs, staleReason } from '../../../../functions/src/core/rotation/staleness.ts';

const rules = { holdMonths: 6, noDealMonths: 12 };

describe('rotation due on', () => {
  it('is the hold day for a client with no deal since it was assigned', () => {
    expect(rotationDueOn({ assignedAt: '2026-01-10', dealsSinceAssignment: 0, lastDealAt: null }, rules)).toBe('2026-07-10');
  });

  it('waits for the later of the hold and the quiet year after the last deal', () => {
    expect(rotationDueOn({ assignedAt: '2026-01-10', dealsSinceAssignment: 2, lastDealAt: '2026-03-05' }, rules)).toBe('2027-03-05');
    expect(
      rotationDueOn(
        { assignedAt: '2026-01-10', dealsSinceAssignment: 1, lastDealAt: '2025-12-20T10:00:00.000Z' },
        { holdMonths: 6, noDealMonths: 1 },
      ),
    ).toBe('2026-07-10');
  });

  it('steps past a clamped month end: 31 August held 6 months is 1 March, not 28 February', () => {
    expect(rotationDueOn({ assignedAt: '2025-08-31', dealsSinceAssignment: 0, lastDealAt: null }, rules)).toBe('2026-03-01');
    expect(
      rotationDueOn({ assignedAt: '2027-08-31', dealsSinceAssignment: 0, lastDealAt: null }, { holdMonths: 6, noDealMonths: 12 }),
    ).toBe('2028-03-01');
    expect(rotationDueOn({ assignedAt: '2027-08-29', dealsSinceAssignment: 0, lastDealAt: null }, rules)).toBe('2028-02-29');
  });

  it('is empty for clients rotation never takes', () => {
    expect(rotationDueOn({ assignedAt: '2026-01-10', dealsSinceAssignment: 0, lastDealAt: null, rotatable: false }, rules)).toBeNull();
    expect(rotationDueOn({ dealsSinceAssignment: 0, lastDealAt: null }, rules)).toBeNull();
    // Deals counted since assignment but no date to measure from: the rule can never call it stale.
    expect(rotationDueOn({ assignedAt: '2026-01-10', dealsSinceAssignment: 1, lastDealAt: null }, rules)).toBeNull();
  });

  it('agrees with the rotation rule: stale on that day and not the day before', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDaysToDay('2020-01-01', n));
    fc.assert(
      fc.property(
        day,
        fc.nat({ max: 5 }),
        day,
        fc.boolean(),
        fc.integer({ min: 1, max: 36 }),
        fc.integer({ min: 1, max: 36 }),
        (assignedAt, deals, lastDeal, stamp, holdMonths, noDealMonths) => {
          const client = {
            assignedAt: stamp ? `${assignedAt}T21:30:00.000Z` : assignedAt,
            dealsSinceAssignment: deals,
            lastDealAt: deals > 0 ? lastDeal : null,
          };
          const r = { holdMonths, noDealMonths };
          const due = rotationDueOn(client, r);
          expect(due).not.toBeNull();
          expect(staleReason(client, staleCutoffs(due!, r))).toBeDefined();
          expect(staleReason(client, staleCutoffs(addDaysToDay(due!, -1), r))).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });
});
