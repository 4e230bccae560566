import { describe, expect, it } from 'vitest';
import { adjustmentLines } from '../../../../functions/src/core/bonus/adjustments.ts';
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
