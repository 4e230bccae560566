import { describe, expect, it } from 'vitest';
import { rotationEffect } from '../../../../functions/src/core/rotation/effect.ts';

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
const today = '2026-12-07';
const first = { runId: 'rotation-2025-01-10', at: '2025-01-10', moved: ids('m', 10), heldOut: ids('h', 10) };
const young = { runId: 'rotation-2026-10-01', at: '2026-10-01', moved: ids('n', 4), heldOut: ids('k', 4) };
const deal = (clientId: string, day: string, profit = 1000) => ({ clientId, day, profit });

// Nine of ten moved clients bought within 3 months, three of ten held out: Newcombe's 9/10 against
// 3/10, difference 0.6, 95 % interval 0.1705 to 0.8090.
const deals = [
  ...ids('m', 9).map((id) => deal(id, '2025-02-01')),
  deal('m1', '2025-05-01', 3000),
  ...ids('h', 3).map((id) => deal(id, '2025-03-15')),
  deal('h4', '2025-06-15'),
  deal('m10', '2025-01-10'), // on the run day: before the move counts
  deal('h5', '2026-02-01'), // after 12 months
  deal('n1', '2026-11-01'),
];

describe('the effect of rotation', () => {
  const effect = rotationEffect({ runs: [young, first], deals, today });

  it('counts each group of each run in the windows that are over, and leaves the others pending', () => {
    const [old, recent] = effect.runs;
    expect(old!.runId).toBe('rotation-2025-01-10');
    expect(old!.moved).toEqual({
      clients: 10,
      m3: { withDeal: 9, share: 0.9, deals: 90, profit: 90000 },
      m6: { withDeal: 9, share: 0.9, deals: 100, profit: 120000 },
      m12: { withDeal: 9, share: 0.9, deals: 100, profit: 120000 },
    });
    expect(old!.heldOut).toEqual({
      clients: 10,
      m3: { withDeal: 3, share: 0.3, deals: 30, profit: 30000 },
      m6: { withDeal: 4, share: 0.4, deals: 40, profit: 40000 },
      m12: { withDeal: 4, share: 0.4, deals: 40, profit: 40000 },
    });
    expect(recent).toEqual({
      runId: 'rotation-2026-10-01',
      at: '2026-10-01',
      moved: { clients: 4, m3: null, m6: null, m12: null },
      heldOut: { clients: 4, m3: null, m6: null, m12: null },
    });
  });

  it('pools the runs whose window is over into a difference with its Newcombe interval', () => {
    expect(effect.holdout).toBe(true);
    expect(effect.total.moved).toBe(14);
    expect(effect.total.heldOut).toBe(14);
    const m3 = effect.total.m3!;
    expect(m3.moved).toEqual({ clients: 10, withDeal: 9, share: 0.9 });
    expect(m3.heldOut).toEqual({ clients: 10, withDeal: 3, share: 0.3 });
    expect(m3.difference).toBeCloseTo(0.6, 10);
    expect(m3.low).toBeCloseTo(0.1705, 4);
    expect(m3.high).toBeCloseTo(0.809, 4);
    expect(m3.significant).toBe(true);
    // 9/10 (Wilson 0.5958 to 0.9821) against 4/10 (0.1682 to 0.6873): 0.5 - 0.4184 to 0.5 + 0.2459.
    expect(effect.total.m6!.difference).toBeCloseTo(0.5, 10);
    expect(effect.total.m6!.low).toBeCloseTo(0.0816, 3);
    expect(effect.total.m6!.high).toBeCloseTo(0.7459, 3);
    expect(effect.sentence).toBe(
      'moved clients bought within 6 months 2.3 times as often as held-out ones: ' +
        '90 % against 40 %, difference 50 points, 95 % interval 8 to 75',
    );
  });

  it('says a window is pending when no run is old enough, and so does the sentence', () => {
    const e = rotationEffect({ runs: [young], deals, today });
    expect(e.total).toEqual({ moved: 4, heldOut: 4, m3: null, m6: null, m12: null });
    expect(e.sentence).toBe('not yet clear: no run is 3 months old yet');
  });

  it('without a holdout shows the moved clients alone and says there is nothing to compare them with', () => {
    const e = rotationEffect({ runs: [{ ...first, heldOut: [] }], deals, today });
    expect(e.holdout).toBe(false);
    expect(e.runs[0]!.moved.m3).toEqual({ withDeal: 9, share: 0.9, deals: 90, profit: 90000 });
    expect(e.runs[0]!.heldOut).toEqual({ clients: 0, m3: null, m6: null, m12: null });
    expect(e.total.m3).toBeNull();
    expect(e.sentence).toMatch(/^no holdout/);
  });

  it('calls a difference whose interval spans 0 not yet clear', () => {
    const e = rotationEffect({ runs: [first], deals: [deal('m1', '2025-02-01'), deal('h1', '2025-02-01')], today });
    expect(e.total.m6!.significant).toBe(false);
    expect(e.sentence).toMatch(/^not yet clear: within 6 months moved clients bought in 10 % against 10 %, difference 0 points/);
  });
});
