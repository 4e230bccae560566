import { describe, expect, it } from 'vitest';
import {
  alertsTab,
  bonusTabs,
  headlineOf,
  maxRowsPerTab,
  rotationTabs,
  runsTab,
  type RotationOutcome,
} from '../../../../functions/src/core/reports/run-report.ts';

const names = new Map([
  ['a', 'Anna'],
  ['b', 'Boris'],
]);

describe('run report tabs', () => {
  it('says a repeated delivery moved nothing now instead of counting the stored moves again', () => {
    const move = { clientId: 'c1', from: 'a', to: 'b', reason: 'top-up' as const, reportDue: '2026-12-15' };
    const first: RotationOutcome = {
      runId: 'rotation-2026-12-01',
      at: '2026-12-01',
      moves: [move],
      balance: [],
      unbalanced: [],
      skipped: [],
    };
    expect(headlineOf('rotation', first)).toBe('rotation-2026-12-01: 1 moved, 0 not moved, 0 unbalanced');
    const again = { ...first, alreadyApplied: true as const, appliedAt: '2026-12-01T03:00:00.000Z', appliedBy: 'scheduler' };
    expect(headlineOf('rotation', again)).toBe(
      'rotation-2026-12-01: already applied on 2026-12-01T03:00:00.000Z by scheduler; nothing moved now',
    );
  });

  it('says a repeated bonus slot computed nothing now, and a repeated overdue check what earlier runs flagged', () => {
    const month = {
      month: '2026-11',
      closed: false,
      statements: [{ managerId: 'a', lines: [], totals: { payable: 150_00, pending: 20_00, cancelled: 0, awaiting: 0 } }],
    };
    expect(headlineOf('bonuses', month)).toBe('2026-11: 1 statements, payable 150.00 ₽, pending 20.00 ₽');
    const repeat = { ...month, alreadyApplied: true as const, appliedAt: '2026-12-01T02:00:05.000Z', appliedBy: 'scheduler' };
    expect(headlineOf('bonuses', repeat)).toBe(
      '2026-11: 1 statements, payable 150.00 ₽, pending 20.00 ₽ (computed for this slot on 2026-12-01T02:00:05.000Z ' +
        'by scheduler; nothing recomputed now)',
    );
    expect(headlineOf('overdue-reports', { at: '2026-12-02', flagged: 0, taskIds: [], alreadyFlagged: 3 })).toBe(
      '2026-12-02: 0 handover report(s) newly overdue, 3 flagged before',
    );
  });

  it('cuts a table that would not fit a spreadsheet and says how many rows are left out', () => {
    const moves = Array.from({ length: maxRowsPerTab + 10 }, (_, i) => ({
      clientId: `c${i}`,
      from: 'a',
      to: 'b',
      reason: 'top-up' as const,
      reportDue: '2026-12-15',
    }));
    const [tab] = rotationTabs({ runId: 'r', at: '2026-12-01', moves, balance: [], unbalanced: [], skipped: [] }, names);
    expect(tab!.rows).toHaveLength(maxRowsPerTab + 1);
    expect(tab!.rows.at(-1)).toEqual(['… and 11 more clients: see them in the add-on or with the CLI']);
  });

  it("explains an imbalance on the manager's balance row, and lists a manager who is only unbalanced", () => {
    const outcome: RotationOutcome = {
      runId: 'r',
      at: '2026-12-01',
      moves: [],
      balance: [{ managerId: 'a', given: 3, received: 1 }],
      unbalanced: [
        { managerId: 'a', level: 1, given: 3, received: 1, why: 'level 1 has nobody else' },
        { managerId: 'b', level: 2, given: 0, received: 0, why: 'inactive' },
      ],
      skipped: [],
    };
    expect(rotationTabs(outcome, names)[1]!.rows.slice(1)).toEqual([
      ['a', 'Anna', 3, 1, 'level 1 has nobody else'],
      ['b', 'Boris', 0, 0, 'inactive'],
    ]);
  });

  it('gives totals per manager and for all in roubles, managers in id order', () => {
    const line = (id: string, amount: number, status: 'payable' | 'pending') => ({
      id,
      kind: 'normal' as const,
      clientId: 'c',
      dealId: 'd',
      rate: 0.05,
      amount,
      status,
      dueDate: null,
      note: '',
    });
    const [totals, lines] = bonusTabs(
      {
        month: '2026-11',
        closed: true,
        statements: [
          { managerId: 'b', lines: [line('l3', 250, 'pending')], totals: { payable: 0, pending: 250, cancelled: 0, awaiting: 0 } },
          {
            managerId: 'a',
            lines: [line('l1', 1050, 'payable'), line('l2', 5, 'payable')],
            totals: { payable: 1055, pending: 0, cancelled: 0, awaiting: 0 },
          },
        ],
      },
      names,
    );
    expect(totals!.rows).toEqual([
      ['Manager', 'Name', 'Payable ₽', 'Pending ₽', 'Cancelled ₽', 'Lines (month closed)'],
      ['a', 'Anna', 10.55, 0, 0, 2],
      ['b', 'Boris', 0, 2.5, 0, 1],
      ['All', '', 10.55, 2.5, 0, 3],
    ]);
    expect(lines!.rows.slice(1).map((r) => r.at(-1))).toEqual(['l1', 'l2', 'l3']);
  });

  it('lists runs newest first and failed runs before overdue reports in Alerts', () => {
    const run = (key: string, finishedAt: string, status: 'ok' | 'failed') => ({
      key,
      kind: 'rotation' as const,
      slot: key,
      status,
      finishedAt,
      headline: key,
      tabs: [],
    });
    expect(
      runsTab([run('1', '2026-01-01', 'ok'), run('2', '2026-02-01', 'ok')])
        .rows.slice(1)
        .map((r) => r[0]),
    ).toEqual(['2026-02-01', '2026-01-01']);
    const alerts = alertsTab(
      [{ ...run('x', '2026-02-01', 'failed'), error: 'boom' }],
      [{ taskId: 't', clientId: 'c', managerId: 'b', dueDate: '2026-01-15', flaggedAt: '2026-01-16' }],
      names,
    );
    expect(alerts.rows.slice(1).map((r) => r[1])).toEqual(['run failed', 'handover report overdue']);
  });
});
