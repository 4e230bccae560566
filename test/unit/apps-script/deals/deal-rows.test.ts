import { describe, expect, it } from 'vitest';
import type { DealReviewRowResult, DealToConfirm } from '../../../../functions/src/api/contract.ts';
import {
  dealCells,
  dealKeyOfPath,
  decisionOf,
  planDealReview,
  planDealsLoad,
  settleReview,
  type DealColumnKey,
} from '../../../../apps-script/src/deals/deal-rows.ts';
import type { TableRow } from '../../../../apps-script/src/sheet/table-spec.ts';
import { messagesFor } from '../../../../apps-script/src/messages.ts';

const en = messagesFor('en');
const ru = messagesFor('ru');
const formatDay = (d: Date) => d.toISOString().slice(0, 10);
const formatWhen = (iso: string) => iso.replace('T', ' ').slice(0, 16);

function deal(id: string, over: Partial<DealToConfirm> = {}): DealToConfirm {
  return {
    dealId: id,
    clientId: `c-${id}`,
    clientName: `Client ${id}`,
    managerId: 'anna',
    managerName: 'Anna Orlova',
    date: '2026-03-05',
    amount: 1_250_050,
    profit: 100_000,
    recordedVia: 'holder',
    recordedAt: '2026-03-05T09:30:00.000Z',
    status: 'unconfirmed',
    reason: null,
    version: 1,
    ...over,
  };
}

/** Sheet rows from row 2 down, as Send decisions reads them: the deal's cells and what was typed. */
function sheetRows(
  ...lines: Array<{ deal?: DealToConfirm; decision?: string; reason?: string; client?: string }>
): TableRow<DealColumnKey>[] {
  return lines.map((line, i) => {
    const blank = { client: '', manager: '', date: '', amount: '', profit: '', recordedAt: '', dealId: '', version: '' };
    const base = line.deal ? dealCells(line.deal, formatWhen) : { ...blank, client: line.client ?? '' };
    return { row: i + 2, cells: { ...base, decision: line.decision ?? '', reason: line.reason ?? '' } };
  });
}

describe('the Deals to confirm sheet', () => {
  it('shows each deal with client, manager, date, roubles and when it was recorded, the manager by id when the roster lacks a name', () => {
    expect(dealCells(deal('d1'), formatWhen)).toEqual({
      client: 'Client d1',
      manager: 'Anna Orlova',
      date: '2026-03-05',
      amount: 12_500.5,
      profit: 1000,
      recordedAt: '2026-03-05 09:30',
      dealId: 'd1',
      version: 1,
    });
    expect(dealCells(deal('d2', { managerName: null, clientName: '=HYPERLINK("x")' }), formatWhen)).toMatchObject({
      manager: 'anna',
      client: `'=HYPERLINK("x")`,
    });
  });

  it('reads a decision typed in either language, and nothing else', () => {
    expect(['Confirm', 'подтвердить', ' REJECT ', 'Отклонить', 'confirm'].map(decisionOf)).toEqual([
      'confirm',
      'confirm',
      'reject',
      'reject',
      'confirm',
    ]);
    expect(decisionOf('yes')).toBeNull();
  });

  it('sends each decided row on the version it was loaded at; marks a bad decision or a rejection without a reason at once', () => {
    const rows = sheetRows(
      { deal: deal('d1', { version: 3 }), decision: 'Confirm' },
      { deal: deal('d2'), decision: 'Reject', reason: 'duplicate of d1' },
      { deal: deal('d3') },
      { deal: deal('d4'), decision: 'Reject' },
      { deal: deal('d5'), decision: 'maybe' },
      { client: 'A row someone typed' },
      { deal: deal('d1', { version: 3 }), decision: 'Reject', reason: 'copy' },
      {},
    );
    const plan = planDealReview({ rows, m: en, formatDay });
    expect(plan.items).toEqual([
      { row: 2, body: { dealId: 'd1', version: 3, decision: 'confirm' } },
      { row: 3, body: { dealId: 'd2', version: 1, decision: 'reject', reason: 'duplicate of d1' } },
    ]);
    expect(plan.problems).toEqual([
      { row: 5, key: 'reason', message: 'a rejection needs a reason' },
      { row: 6, key: 'decision', message: 'choose one of: Confirm, Reject' },
    ]);
    expect(plan.ignored).toEqual([7]);
    expect(planDealReview({ rows, m: ru, formatDay }).problems[0]!.message).toBe('для отклонения нужна причина');
  });

  it('takes applied rows off the sheet and moves the rest up in one write, keeping every mark on its own deal', () => {
    const rows = sheetRows(
      { deal: deal('d1'), decision: 'Confirm' },
      { deal: deal('d2'), decision: 'Confirm' },
      { deal: deal('d3') },
      { deal: deal('d4'), decision: 'Reject', reason: 'not ours' },
      { deal: deal('d5'), decision: 'Reject' },
    );
    const plan = planDealReview({ rows, m: en, formatDay });
    const results = new Map<number, DealReviewRowResult>([
      [2, { index: 0, dealId: 'd1', status: 'applied', deal: deal('d1', { status: 'confirmed', version: 2 }) }],
      [
        3,
        {
          index: 1,
          dealId: 'd2',
          status: 'conflict',
          current: deal('d2', { status: 'rejected', reason: 'duplicate', version: 2 }),
          changedBy: { id: 'deputy', name: 'Pavel Deputy' },
        },
      ],
      [5, { index: 2, dealId: 'd4', status: 'invalid', errors: [{ path: 'rows[2].reason', message: 'is too long' }] }],
    ]);
    const outcome = settleReview({ rows, plan, results, m: en, formatWhen });
    expect(outcome.counts).toEqual({ confirmed: 1, rejected: 0, conflicts: 1, invalid: 2 });
    expect(outcome.writes.map((w) => [w.row, w.cells.dealId, w.cells.decision])).toEqual([
      [2, 'd2', 'Confirm'],
      [3, 'd3', ''],
      [4, 'd4', 'Reject'],
      [5, 'd5', 'Reject'],
      [6, '', ''],
    ]);
    expect(outcome.marks).toEqual([
      {
        row: 2,
        key: 'decision',
        tone: 'conflict',
        note:
          'Reviewed meanwhile by Pavel Deputy: rejected: duplicate.\nYour decision was not sent. ' +
          'Load the sheet again to see the deals still awaiting confirmation.',
      },
      { row: 4, key: 'reason', tone: 'invalid', note: 'Not sent: is too long' },
      { row: 5, key: 'reason', tone: 'invalid', note: 'Not sent: a rejection needs a reason' },
    ]);
    expect([...outcome.clearRows]).toEqual([2, 3, 4, 5, 6]);
  });

  it('shows a deal changed meanwhile on its new version, decision kept; one already decided as asked leaves the sheet', () => {
    const rows = sheetRows({ deal: deal('d1'), decision: 'Confirm' }, { deal: deal('d2'), decision: 'Подтвердить' });
    const plan = planDealReview({ rows, m: ru, formatDay });
    const results = new Map<number, DealReviewRowResult>([
      [2, { index: 0, dealId: 'd1', status: 'conflict', current: deal('d1', { amount: 900_000, version: 2 }) }],
      [3, { index: 1, dealId: 'd2', status: 'conflict', current: deal('d2', { status: 'confirmed', version: 2 }) }],
    ]);
    const outcome = settleReview({ rows, plan, results, m: ru, formatWhen });
    expect(outcome.counts).toEqual({ confirmed: 1, rejected: 0, conflicts: 1, invalid: 0 });
    expect(outcome.writes[0]!.cells).toMatchObject({ dealId: 'd1', amount: 9000, version: 2, decision: 'Confirm' });
    expect(outcome.writes[1]!.cells.dealId).toBe('');
    expect(outcome.marks[0]!.note).toMatch(/^Сделка тем временем изменилась: строка показывает её как есть/);
  });

  it('leaves rows not sent as they are when a call failed part-way', () => {
    const rows = sheetRows({ deal: deal('d1'), decision: 'Confirm' }, { deal: deal('d2'), decision: 'Confirm' });
    const plan = planDealReview({ rows, m: en, formatDay });
    const results = new Map<number, DealReviewRowResult>([
      [2, { index: 0, dealId: 'd1', status: 'applied', deal: deal('d1', { status: 'confirmed' }) }],
    ]);
    const outcome = settleReview({ rows, plan, results, m: en, formatWhen });
    expect(outcome.writes.map((w) => [w.row, w.cells.dealId, w.cells.decision])).toEqual([
      [2, 'd2', 'Confirm'],
      [3, '', ''],
    ]);
    expect(outcome.marks).toEqual([]);
  });

  it('loads deals oldest first, keeps an unsent decision on the version it was typed against, empties rows left over', () => {
    const rows = sheetRows(
      { deal: deal('d1'), decision: 'Reject', reason: 'duplicate' },
      { deal: deal('gone'), decision: 'Confirm' },
      { deal: deal('d2') },
    );
    const plan = planDealsLoad({ rows, deals: [deal('d1', { version: 2, amount: 100 }), deal('d3')], formatDay, formatWhen });
    expect(plan.kept).toBe(1);
    expect(plan.lastRow).toBe(4);
    expect(plan.writes.map((w) => [w.row, w.cells.dealId, w.cells.version, w.cells.decision, w.cells.reason, w.cells.amount])).toEqual([
      [2, 'd1', 1, 'Reject', 'duplicate', 1],
      [3, 'd3', 1, '', '', 12_500.5],
      [4, '', '', '', '', ''],
    ]);
  });

  it('finds the cell an error of the base names', () => {
    expect(dealKeyOfPath('rows[3].reason')).toBe('reason');
    expect(dealKeyOfPath('reason')).toBe('reason');
    expect(dealKeyOfPath('rows[3].decision')).toBe('decision');
    expect(dealKeyOfPath('version')).toBe('decision');
  });
});
