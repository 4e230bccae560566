import { describe, expect, it } from 'vitest';
import {
  fairnessPeriodProblem,
  median,
  rotationFairness,
  type FairnessDeal,
  type FairnessMove,
  type FairnessTouch,
} from '../../../../functions/src/core/rotation/fairness.ts';

const r1 = { runId: 'rotation-2026-03-02', at: '2026-03-02' };
const r2 = { runId: 'rotation-2026-06-01', at: '2026-06-01' };
const move = (run: { runId: string; at: string }, clientId: string, from: string | null, to: string, large = false): FairnessMove => ({
  ...run,
  clientId,
  from,
  to,
  reason: from === null ? 'top-up' : 'no-deal-since-assignment',
  reportDue: run.at === r1.at ? '2026-03-16' : '2026-06-15',
  large,
});

const moves: FairnessMove[] = [
  move(r1, 'a1', 'anna', 'boris'),
  move(r1, 'a2', 'anna', 'boris', true),
  move(r1, 'b1', 'boris', 'anna'),
  move(r1, 'u1', null, 'anna'),
  move(r2, 'b2', 'boris', 'anna'),
  move(r2, 'a3', 'anna', 'boris'),
  // Not the period's rotations: an offboarding, and a rotation after the period.
  { ...move(r2, 'v1', 'vera', 'anna'), runId: 'offboarding-vera-2026-05-01', at: '2026-05-01', reason: 'offboarding' },
  { ...move(r2, 'late', 'anna', 'boris'), runId: 'rotation-2026-07-01', at: '2026-07-01' },
];
const deals: FairnessDeal[] = [
  { clientId: 'a1', date: '2026-04-01', profit: 1000 },
  { clientId: 'a1', date: '2026-10-01', profit: 500 }, // after its six months (until 2026-09-02)
  { clientId: 'a2', date: '2026-05-10', profit: 3000, status: 'confirmed' },
  { clientId: 'a2', date: '2026-05-20', profit: 2000, status: 'unconfirmed' },
  { clientId: 'b1', date: '2026-08-31T20:00:00Z', profit: 700 }, // 1 September in Moscow: still inside
  { clientId: 'b1', date: '2026-04-04', profit: 800, status: 'rejected' },
  { clientId: 'b2', date: '2026-11-10', profit: 400 },
  { clientId: 'a3', date: '2026-06-01', profit: 900 }, // on the run day itself
  { clientId: 'v1', date: '2026-06-01', profit: 5000 },
];
const touches: FairnessTouch[] = [
  { clientId: 'b1', at: '2026-03-05T10:00:00Z', by: 'anna' },
  { clientId: 'b1', at: '2026-03-03T10:00:00Z', by: 'boris' }, // the giver, not the receiver
  { clientId: 'u1', at: '2026-03-20T08:00:00Z', by: 'anna' },
  { clientId: 'u1', at: '2026-03-25T08:00:00Z', by: 'anna' },
  { clientId: 'b2', at: '2026-06-02T08:00:00Z', by: 'head@example.com' }, // b2: never touched by anna
  { clientId: 'a1', at: '2026-03-02T21:30:00Z', by: 'boris' }, // 3 March in Moscow
  { clientId: 'a2', at: '2026-03-16', by: 'boris' }, // on the deadline
  { clientId: 'a3', at: '2026-05-01T08:00:00Z', by: 'boris' }, // before boris received it
  { clientId: 'a3', at: '2026-06-11T08:00:00Z', by: 'boris' },
];

const report = () =>
  rotationFairness({
    from: '2026-03-01',
    to: '2026-06-30',
    today: '2026-11-15',
    timeZone: 'Europe/Moscow',
    moves,
    deals,
    touches,
    runs: [r2, r1],
    names: new Map([['anna', 'Anna K.']]),
  });

describe('rotationFairness', () => {
  it('counts given and received per manager, large clients and top-ups apart, rotations of the period only', () => {
    const { managers, runs, months } = report();
    expect(months).toBe(6);
    expect(runs).toEqual([
      { ...r1, moves: 4 },
      { ...r2, moves: 2 },
    ]);
    expect(managers.map((m) => [m.managerId, m.name, m.given, m.received])).toEqual([
      ['anna', 'Anna K.', { regular: 2, large: 1 }, { regular: 2, large: 0, topUps: 1 }],
      ['boris', null, { regular: 2, large: 0 }, { regular: 2, large: 1, topUps: 0 }],
    ]);
  });

  it('sums confirmed deals and profit in the six months after the run day, received against given away', () => {
    const [anna, boris] = report().managers;
    // anna received b1 (700), u1 (nothing), b2 (400, its window still open on 15 November).
    expect(anna!.dealsAfter.received).toEqual({ clients: 3, withDeal: 2, deals: 2, profit: 1100, open: 1 });
    // anna gave a1 (1000; the October deal is past its window), a2 (3000 confirmed; 2000 awaiting), a3 (900, open).
    expect(anna!.dealsAfter.given).toEqual({ clients: 3, withDeal: 3, deals: 3, profit: 4900, open: 1 });
    expect(boris!.dealsAfter.received).toEqual({ clients: 3, withDeal: 3, deals: 3, profit: 4900, open: 1 });
    expect(boris!.dealsAfter.given).toEqual({ clients: 2, withDeal: 2, deals: 2, profit: 1100, open: 1 });
  });

  it('measures the receiver first touch: median of an even count, a client never touched, the deadline day in time', () => {
    const [anna, boris] = report().managers;
    // anna: b1 after 3 days, u1 after 18 (late), b2 never: median of 3 and 18.
    expect(anna!.firstTouch).toEqual({ clients: 3, touched: 2, medianDays: 10.5, byDeadline: 1, shareByDeadline: 1 / 3 });
    // boris: a1 after 1 day (Moscow time), a2 on its deadline (14), a3 after 10: median 10.
    expect(boris!.firstTouch).toEqual({ clients: 3, touched: 3, medianDays: 10, byDeadline: 3, shareByDeadline: 1 });
  });

  it('gives a touch to the holding it falls in when a client moves twice in the period', () => {
    const twice = rotationFairness({
      from: '2026-03-01',
      to: '2026-06-30',
      today: '2026-11-15',
      timeZone: 'UTC',
      moves: [move(r1, 'c1', 'anna', 'boris'), move(r2, 'c1', 'boris', 'anna')],
      deals: [],
      touches: [{ clientId: 'c1', at: '2026-06-03T08:00:00Z', by: 'boris' }],
      runs: [r1, r2],
    });
    expect(twice.managers.map((m) => [m.managerId, m.firstTouch.touched, m.firstTouch.medianDays])).toEqual([
      ['anna', 0, null],
      ['boris', 0, null],
    ]);
  });

  it('has no median and no share for nobody', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const empty = rotationFairness({
      from: '2026-03-01',
      to: '2026-03-31',
      today: '2026-11-15',
      timeZone: 'UTC',
      moves: [],
      deals: [],
      touches: [],
      runs: [],
    });
    expect(empty).toEqual({ from: '2026-03-01', to: '2026-03-31', months: 6, runs: [], managers: [] });
  });
});

describe('fairnessPeriodProblem', () => {
  it('refuses a period backwards or longer than a year, naming to', () => {
    expect(fairnessPeriodProblem('2026-03-01', '2026-03-01')).toBeUndefined();
    expect(fairnessPeriodProblem('2026-01-01', '2026-12-31')).toBeUndefined();
    expect(fairnessPeriodProblem('2026-03-02', '2026-03-01')).toEqual({ field: 'to', message: 'must not be before from (2026-03-02)' });
    expect(fairnessPeriodProblem('2024-01-01', '2024-12-31')).toBeUndefined();
    expect(fairnessPeriodProblem('2025-01-01', '2026-01-02')?.field).toBe('to');
  });
});
