import { describe, expect, it } from 'vitest';
import { canonicalClient } from '../../../../apps-script/src/clients/client-row.ts';
import { planRefresh } from '../../../../apps-script/src/clients/refresh-plan.ts';
import type { LoadedRecord } from '../../../../apps-script/src/sheet/table-spec.ts';
import type { EditableKey } from '../../../../apps-script/src/clients/client-columns.ts';
import { blankRow, en, formatDay, listed, rowOf } from './client-fixture.ts';

const loadedOf = (...clients: ReturnType<typeof listed>[]) =>
  new Map<string, LoadedRecord<EditableKey>>(clients.map((c) => [c.id, { id: c.id, version: c.version, values: canonicalClient(c) }]));

describe('refreshing the sheet from the base', () => {
  it("finds each client's row by id wherever sorting put it, and writes only rows that changed", () => {
    const a = listed('a');
    const b = listed('b');
    const rows = [rowOf(2, b), rowOf(3, a)];
    const plan = planRefresh({ rows, loaded: loadedOf(a, b), clients: [a, { ...b, name: 'B renamed', version: 4 }], m: en, formatDay });
    expect(plan.writes).toEqual([{ row: 2, cells: expect.objectContaining({ name: 'B renamed', version: 4, clientId: 'b' }) }]);
    expect(plan).toMatchObject({ updated: 1, added: 0, removals: [], keptEdited: [] });
  });

  it("keeps an edited row's values, version and baseline, refreshing only its derived columns", () => {
    const a = listed('a');
    const rows = [rowOf(2, a, { name: 'Typed but not saved' })];
    const plan = planRefresh({
      rows,
      loaded: loadedOf(a),
      clients: [{ ...a, name: 'Changed elsewhere', version: 9, daysHeld: 61 }],
      m: en,
      formatDay,
    });
    expect(plan.keptEdited).toEqual([2]);
    expect(plan.writes).toEqual([
      {
        row: 2,
        cells: {
          lastDealAt: '2026-03-01',
          dealCount: 2,
          payHint: '',
          nextDeal: '',
          daysHeld: 61,
          rotationDueOn: '2027-03-01',
          reportDueOn: '',
        },
      },
    ]);
    expect(plan.loaded.get('a')).toEqual({ id: 'a', version: 3, values: canonicalClient(a) });
  });

  it("appends new clients under the last row of the table, not under the person's longer formula column", () => {
    const a = listed('a');
    const rows = [rowOf(2, a), blankRow(3), blankRow(4)];
    const plan = planRefresh({ rows, loaded: loadedOf(a), clients: [a, listed('n1'), listed('n2')], m: en, formatDay });
    expect(plan.writes.map((w) => [w.row, w.cells.clientId])).toEqual([
      [3, 'n1'],
      [4, 'n2'],
    ]);
    expect(plan.added).toBe(2);
  });

  it('removes exactly the rows of clients it loaded that the base no longer returns', () => {
    const [a, b, c] = [listed('a'), listed('b'), listed('c')];
    const rows = [
      rowOf(2, a),
      rowOf(3, b),
      rowOf(4, c),
      rowOf(5, listed('typed-by-someone')),
      blankRow(6, { name: 'New one', kind: 'Company', clientId: 'c-pending', version: '' }),
    ];
    const plan = planRefresh({ rows, loaded: loadedOf(a, b, c), clients: [b], m: en, formatDay });
    expect(plan.removals).toEqual([
      { row: 2, id: 'a' },
      { row: 4, id: 'c' },
    ]);
    expect(plan.unknownIds).toEqual([5]);
    expect([...plan.loaded.keys()]).toEqual(['b']);
  });

  it('leaves a copied row alone and says which row it copies', () => {
    const a = listed('a');
    const plan = planRefresh({ rows: [rowOf(2, a), rowOf(3, a)], loaded: loadedOf(a), clients: [a], m: en, formatDay });
    expect(plan.copies).toEqual([{ row: 3, of: 2 }]);
    expect(plan.writes).toEqual([]);
  });

  it("after a card action, updates only that client's row and keeps everything else", () => {
    const [a, b] = [listed('a'), listed('b')];
    const plan = planRefresh({
      rows: [rowOf(2, a), rowOf(3, b)],
      loaded: loadedOf(a, b),
      clients: [{ ...b, dealCount: 3, version: 4 }],
      m: en,
      formatDay,
      scope: 'these',
    });
    expect(plan.writes.map((w) => w.row)).toEqual([3]);
    expect(plan.removals).toEqual([]);
    expect([...plan.loaded.keys()].sort()).toEqual(['a', 'b']);
  });
});
