import { describe, expect, it } from 'vitest';
import { adjustmentLines, adjustmentsForOpenMonth } from '../../../../functions/src/core/bonus/adjustments.ts';
import type { StatementLine } from '../../../../functions/src/core/bonus/types.ts';

const normal = (dealId: string, amount: number): StatementLine => ({
  id: `normal:${dealId}`,
  kind: 'normal',
  clientId: 'c1',
  dealId,
  rate: 0.05,
  amount,
  status: 'payable',
  dueDate: null,
  note: '',
});
const m = (lines: StatementLine[]) => new Map([['m1', lines]]);

describe('adjustments for a closed month', () => {
  it('emits nothing when the closed month recomputes the same', () => {
    expect(adjustmentLines({ month: '2026-01', fresh: m([normal('d1', 50)]), stored: m([normal('d1', 50)]), carried: new Map() })).toEqual(
      new Map(),
    );
  });

  it('pays a late deal and takes back a removed one', () => {
    const out = adjustmentLines({
      month: '2026-01',
      fresh: m([normal('d1', 50), normal('d2', 70)]),
      stored: m([normal('d1', 50), normal('d3', 30)]),
      carried: new Map(),
    });
    expect(out.get('m1')!.map((l) => [l.id, l.kind, l.amount, l.status, l.ofMonth, l.ref])).toEqual([
      ['adjustment:2026-01:normal:d2:payable', 'adjustment', 70, 'payable', '2026-01', 'normal:d2'],
      ['adjustment:2026-01:normal:d3:payable', 'adjustment', -30, 'payable', '2026-01', 'normal:d3'],
    ]);
  });

  it('does not pay again what a later closed month already adjusted', () => {
    const first = adjustmentLines({
      month: '2026-01',
      fresh: m([normal('d1', 50), normal('d2', 70)]),
      stored: m([normal('d1', 50)]),
      carried: new Map(),
    });
    const again = adjustmentLines({
      month: '2026-01',
      fresh: m([normal('d1', 50), normal('d2', 70)]),
      stored: m([normal('d1', 50)]),
      carried: first,
    });
    expect(again).toEqual(new Map());
  });
});

describe('adjustments for the open month', () => {
  it('reviews only the months asked for, counting what later closed statements, even partly read, already paid', () => {
    // 2024-03 gained d2 (70) long ago, adjusted once in 2024-04; now it also gains d3 (30).
    const paid = adjustmentLines({
      month: '2024-03',
      fresh: m([normal('d1', 50), normal('d2', 70)]),
      stored: m([normal('d1', 50)]),
      carried: new Map(),
    });
    const closed = [
      { month: '2024-03', stored: m([normal('d1', 50)]) },
      { month: '2024-04', stored: paid },
      { month: '2026-06', stored: m([normal('d9', 10)]) },
    ];
    const fresh = (month: string) =>
      month === '2024-03' ? m([normal('d1', 50), normal('d2', 70), normal('d3', 30)]) : m([normal('d9', 99)]);
    const out = adjustmentsForOpenMonth(closed, fresh, new Set(['2024-03']));
    expect(out.get('m1')!.map((l) => [l.id, l.amount])).toEqual([['adjustment:2024-03:normal:d3:payable', 30]]);
    // Without the set, every month given is reviewed (June's difference too).
    expect(
      adjustmentsForOpenMonth(closed, fresh)
        .get('m1')!
        .map((l) => l.id),
    ).toContain('adjustment:2026-06:normal:d9:payable');
  });
});
