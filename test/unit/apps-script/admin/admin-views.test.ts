import { describe, expect, it } from 'vitest';
import type { Dashboard, JobStatus, RotationReport } from '../../../../functions/src/api/contract.ts';
import { dashboardReport } from '../../../../apps-script/src/dashboard/dashboard-tables.ts';
import { jobView } from '../../../../apps-script/src/jobs/admin-job.ts';
import { messagesFor } from '../../../../apps-script/src/messages.ts';
import { planReport, planView, type Names } from '../../../../apps-script/src/rotation/rotation-plan.ts';
import { layOut } from '../../../../apps-script/src/sheet/report-sheet.ts';

const en = messagesFor('en');
const ru = messagesFor('ru');

const report: RotationReport = {
  runId: 'rotation-2026-03-01',
  at: '2026-03-01',
  dryRun: true,
  moves: [
    { clientId: 'c1', from: 'anna', to: 'boris', reason: 'no-deal-since-assignment', reportDue: '2026-03-15' },
    { clientId: 'c2', from: null, to: 'anna', reason: 'top-up', reportDue: '2026-03-15' },
  ],
  balance: [
    { managerId: 'anna', given: 1, received: 1 },
    { managerId: 'boris', given: 0, received: 1 },
  ],
  unbalanced: [{ managerId: 'boris', level: 1, given: 0, received: 1, why: 'nothing to give' }],
  skipped: [{ clientId: 'c3', managerId: 'anna', why: 'no eligible receiver' }],
};
const names: Names = { client: (id) => `Client ${id}`, manager: (id) => (id ? id.toUpperCase() : ''), level: () => 1 };

describe('a plan on a sheet and in a dialog', () => {
  it('lists every move with names, the balance, the uneven and the skipped, each block where the layout says', () => {
    const laid = layOut(planReport(report, names, en, ['Heading']));
    const rowOf = (n: number) => laid.matrix[n - 1]!;
    expect(rowOf(laid.placed.moves!.firstRow).slice(0, 6)).toEqual([
      'Client c1',
      'c1',
      'ANNA',
      'BORIS',
      'rotation: no deal since assigned',
      '2026-03-15',
    ]);
    expect(rowOf(laid.placed.moves!.lastRow)[2]).toBe('the new base (unassigned)');
    expect(rowOf(laid.placed.balance!.firstRow + 1).slice(0, 5)).toEqual(['BORIS', 1, 0, 1, 1]);
    expect(rowOf(laid.placed.skipped!.firstRow).slice(0, 4)).toEqual(['Client c3', 'c3', 'ANNA', 'no eligible receiver']);
    expect(planView(report, names)).toMatchObject({
      moves: 2,
      skipped: 1,
      alreadyApplied: false,
      unbalanced: [{ name: 'BORIS', why: 'nothing to give' }],
    });
  });
});

describe('a job as a dialog follows it', () => {
  const job = (over: Partial<JobStatus>): JobStatus => ({
    id: 'api-rotation-1',
    kind: 'rotation',
    status: 'running',
    by: 'head',
    params: {},
    startedAt: '2026-03-01T10:00:00.000Z',
    ...over,
  });
  const at = new Date('2026-03-01T10:00:12.000Z');
  it("says how long it has been running, then the outcome, in the person's language", () => {
    expect(jobView(job({}), at, en, 'en', String, String).text).toMatch(/^Moving clients… 12 s\./);
    const done = job({ status: 'done', finishedAt: '2026-03-01T10:00:05.000Z', result: { ...report, dryRun: false } });
    expect(jobView(done, at, en, 'en', String, String)).toMatchObject({
      seconds: 5,
      text: 'Done: 2 clients moved, 1 skipped, 1 manager uneven. The new managers owe their handover reports.',
    });
    const again = job({
      status: 'done',
      finishedAt: at.toISOString(),
      result: { ...report, alreadyApplied: true, appliedAt: 'x', appliedBy: 'head' },
    });
    expect(
      jobView(
        again,
        at,
        ru,
        'ru',
        (id) => `N:${id}`,
        (iso) => `W:${iso}`,
      ).text,
    ).toBe('Уже проведена: ротация на 2026-03-01 проведена W:x, N:head (тогда передано: 2 клиента). Сейчас ничего не передано.');
    expect(jobView(job({ status: 'failed', error: { detail: 'boom' } }), at, en, 'en', String, String).text).toBe(
      'It did not finish (rotation): boom. It is safe to start it again.',
    );
  });
});

describe("the dashboard's tables", () => {
  const d: Dashboard = {
    asOf: '2026-03-10',
    timeZone: 'Europe/Moscow',
    months: ['2026-02', '2026-03'],
    managers: [
      { id: 'gleb', name: 'Gleb', level: 2, active: true },
      { id: 'anna', name: 'Anna', level: 1, active: true },
    ],
    levels: [1, 2],
    clients: [
      { managerId: 'gleb', level: 2, count: 4 },
      { managerId: 'anna', level: 1, count: 7 },
    ],
    unassigned: 3,
    attracted: [
      { month: '2026-02', byManager: { gleb: 1, anna: 2 }, total: 3 },
      { month: '2026-03', byManager: { gleb: 0, anna: 1 }, total: 1 },
    ],
    lostMarked: [
      { month: '2026-02', byManager: { gleb: 0, anna: 0 }, total: 0 },
      { month: '2026-03', byManager: { gleb: 3, anna: 0 }, total: 3 },
    ],
    moves: [
      { month: '2026-02', rotation: 5, offboarding: 0 },
      { month: '2026-03', rotation: 0, offboarding: 2 },
    ],
    bonuses: [
      { month: '2026-02', payable: 123_456, pending: 100, cancelled: 0 },
      { month: '2026-03', payable: 0, pending: 0, cancelled: 0 },
    ],
    overdue: [
      { managerId: 'gleb', count: 0 },
      { managerId: 'anna', count: 2 },
    ],
  };
  it('stacks clients by level, counts months by manager, shows money in roubles, and names a chart for each table', () => {
    const { report: r, charts } = dashboardReport(d, en, '2026-03-10 09:00');
    const byId = Object.fromEntries(r.blocks.map((b) => [b.id, b]));
    expect(byId.clients!.header).toEqual(['Manager', 'Level 1', 'Level 2']);
    expect(byId.clients!.rows).toEqual([
      ['Gleb', null, 4],
      ['Anna', 7, null],
    ]);
    expect(byId.attracted!.rows).toEqual([
      ['2026-02', 1, 2],
      ['2026-03', 0, 1],
    ]);
    expect(byId.lostMarked!.header).toEqual(['Month', 'Gleb', 'Anna']);
    expect(byId.lostMarked!.rows).toEqual([
      ['2026-02', 0, 0],
      ['2026-03', 3, 0],
    ]);
    expect(byId.bonuses!.rows[0]).toEqual(['2026-02', 1234.56, 1, 0]);
    expect(charts.map((c) => [c.block, c.type, c.stacked])).toEqual([
      ['clients', 'COLUMN', true],
      ['attracted', 'COLUMN', true],
      ['lostMarked', 'COLUMN', true],
      ['moves', 'COLUMN', true],
      ['bonuses', 'COLUMN', false],
      ['overdue', 'BAR', false],
    ]);
    expect(r.heading[1]).toBe('Clients in the new base (no manager): 3.');
  });
});
