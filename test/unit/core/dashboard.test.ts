import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { companyMonth } from '../../../functions/src/core/calendar.ts';
import { dashboardMonths, monthCountRanges, shapeDashboard, type DashboardCounts } from '../../../functions/src/core/dashboard.ts';
import type { Manager } from '../../../functions/src/schema/manager.ts';

/** Whether the store's counting (the range, plus and minus the listed bare days) counts `date` for the month. */
function counted(date: string, month: string, timeZone: string): number {
  const r = monthCountRanges(month, timeZone);
  return (date >= r.from && date < r.until ? 1 : 0) + (r.plusDays.includes(date) ? 1 : 0) - (r.minusDays.includes(date) ? 1 : 0);
}

describe('dashboard months and counting', () => {
  it('covers the last months up to the current one, oldest first', () => {
    expect(dashboardMonths('2026-02-14', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('counts each date of a company month exactly once, bare days and instants alike, east and west of UTC', () => {
    const zones = ['Europe/Moscow', 'UTC', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata'];
    const instant = fc
      .date({ min: new Date('2025-12-25T00:00:00Z'), max: new Date('2026-05-05T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
    const bare = instant.map((iso) => iso.slice(0, 10));
    fc.assert(
      fc.property(
        fc.oneof(instant, bare),
        fc.constantFrom(...zones),
        fc.constantFrom('2026-01', '2026-02', '2026-03', '2026-04'),
        (date, zone, month) => {
          expect(counted(date, month, zone)).toBe(companyMonth(date, zone) === month ? 1 : 0);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('needs no correction east of UTC and two equality counts at or west of it', () => {
    expect(monthCountRanges('2026-03', 'Europe/Moscow')).toEqual({
      from: '2026-02-28T21:00:00.000Z',
      until: '2026-03-31T21:00:00.000Z',
      plusDays: [],
      minusDays: [],
    });
    expect(monthCountRanges('2026-03', 'America/New_York')).toMatchObject({ plusDays: ['2026-03-01'], minusDays: ['2026-04-01'] });
  });
});

describe('dashboard shape', () => {
  const roster: Manager[] = [
    { id: 'anna', name: 'Anna', email: 'a@x.ru', level: 1, active: true, role: 'manager' },
    { id: 'boris', name: 'Boris', email: 'b@x.ru', level: 2, active: true, role: 'manager' },
    { id: 'gone', name: 'Gone', email: 'g@x.ru', level: 1, active: false, role: 'manager' },
    { id: 'idle', name: 'Idle', email: 'i@x.ru', level: 1, active: false, role: 'manager' },
    { id: 'head', name: 'Head', email: 'h@x.ru', level: 9, active: true, role: 'admin' },
  ];
  const counts: DashboardCounts = {
    clients: new Map([
      ['anna', 3],
      ['boris', 5],
      ['gone', 0],
      ['idle', 0],
    ]),
    unassigned: 2,
    attracted: new Map([
      [
        '2026-02',
        new Map([
          ['anna', 1],
          ['gone', 2],
        ]),
      ],
    ]),
    lostMarks: new Map([
      [
        '2026-01',
        new Map([
          ['anna', 2],
          ['boris', 1],
        ]),
      ],
    ]),
    moves: new Map([['2026-02', { rotation: 4, offboarding: 6 }]]),
    bonuses: new Map([['2026-01', { payable: 100, pending: 20, cancelled: 3 }]]),
    overdue: new Map([['boris', 1]]),
  };
  const shaped = shapeDashboard({ asOf: '2026-02-10', timeZone: 'Europe/Moscow', months: ['2026-01', '2026-02'], roster, counts });

  it('lists sales managers most senior first, keeps a leaver who still counts and drops one who does not', () => {
    expect(shaped.managers.map((m) => m.id)).toEqual(['boris', 'anna', 'gone']);
    expect(shaped.levels).toEqual([1, 2]);
    expect(shaped.clients).toEqual([
      { managerId: 'boris', level: 2, count: 5 },
      { managerId: 'anna', level: 1, count: 3 },
      { managerId: 'gone', level: 1, count: 0 },
    ]);
  });

  it('keeps a leaver whose only count is the clients they marked lost', () => {
    const parked = shapeDashboard({
      asOf: '2026-02-10',
      timeZone: 'Europe/Moscow',
      months: ['2026-02'],
      roster,
      counts: { ...counts, lostMarks: new Map([['2026-02', new Map([['idle', 4]])]]) },
    });
    expect(parked.managers.map((m) => m.id)).toContain('idle');
    expect(parked.lostMarked).toEqual([{ month: '2026-02', byManager: { boris: 0, anna: 0, gone: 0, idle: 4 }, total: 4 }]);
  });

  it('fills every month, with zeros where nothing was counted', () => {
    expect(shaped.attracted).toEqual([
      { month: '2026-01', byManager: { boris: 0, anna: 0, gone: 0 }, total: 0 },
      { month: '2026-02', byManager: { boris: 0, anna: 1, gone: 2 }, total: 3 },
    ]);
    expect(shaped.lostMarked).toEqual([
      { month: '2026-01', byManager: { boris: 1, anna: 2, gone: 0 }, total: 3 },
      { month: '2026-02', byManager: { boris: 0, anna: 0, gone: 0 }, total: 0 },
    ]);
    expect(shaped.moves[0]).toEqual({ month: '2026-01', rotation: 0, offboarding: 0 });
    expect(shaped.bonuses).toEqual([
      { month: '2026-01', payable: 100, pending: 20, cancelled: 3 },
      { month: '2026-02', payable: 0, pending: 0, cancelled: 0 },
    ]);
    expect(shaped.overdue).toEqual([
      { managerId: 'boris', count: 1 },
      { managerId: 'anna', count: 0 },
      { managerId: 'gone', count: 0 },
    ]);
  });
});
