import { describe, expect, it } from 'vitest';
import { detectSort, planRowOrder } from '../../../../apps-script/src/sheet/row-order.ts';
import type { CellValue } from '../../../../apps-script/src/sheet/cell-values.ts';

type Key = 'id' | 'name' | 'deals';
const day = (d: Date) => d.toISOString().slice(0, 10);
const rowsOf = (lines: Array<[string, CellValue, CellValue]>) =>
  lines.map(([id, name, deals], i) => ({ row: i + 2, cells: { id, name, deals } as Record<Key, CellValue> }));
const plan = (rows: ReturnType<typeof rowsOf>, arrived: number[], departed: number[]) =>
  planRowOrder<Key>({
    rows,
    arrived: new Set(arrived),
    departed: new Set(departed),
    hasRecord: (r) => r.cells.id !== '',
    sortable: ['name', 'deals'],
    formatDay: day,
  });

describe('the order of rows after a refresh', () => {
  it('recognises the column the sheet is sorted by, either way, with blanks last', () => {
    const rows = rowsOf([
      ['a', 'Boris', 3],
      ['b', 'anna', 2],
      ['c', 'Cyril', ''],
    ]);
    expect(detectSort(rows, ['name', 'deals'], day)).toEqual({ key: 'deals', ascending: false });
    expect(
      detectSort(
        rowsOf([
          ['a', 'Anna', 1],
          ['b', 'boris', 1],
          ['c', 'Cyril', 1],
        ]),
        ['deals', 'name'],
        day,
      ),
    ).toEqual({
      key: 'name',
      ascending: true,
    });
    expect(
      detectSort(
        rowsOf([
          ['a', 'B', 1],
          ['b', 'A', 2],
          ['c', 'C', 1],
        ]),
        ['name', 'deals'],
        day,
      ),
    ).toBeNull();
  });

  it('sends the rows that left to the end, keeping everyone else where they are', () => {
    const rows = rowsOf([
      ['a', 'A', 1],
      ['b', 'B', 1],
      ['', '', ''],
      ['c', 'C', 1],
      ['d', 'D', 1],
    ]);
    expect(plan(rows, [], [3, 6])).toEqual({ order: [2, 4, 5, 3, 6], departed: 2, sortedBy: null });
    expect(plan(rows, [], [])).toBeNull();
  });

  it('puts arrivals in their place when the sheet is sorted by a managed column, else leaves them at the end', () => {
    const rows = rowsOf([
      ['d', 'Dina', 4],
      ['a', 'Anna', 9],
      ['b', 'Boris', 2],
      ['x', 'Xenia', 1],
      ['c', 'Cyril', 5],
    ]);
    // Sorted by name, descending; Xenia arrived with Cyril, Boris leaves.
    const sorted = rowsOf([
      ['d', 'Dina', 4],
      ['b', 'Boris', 2],
      ['a', 'Anna', 9],
      ['x', 'Xenia', 1],
      ['c', 'Cyril', 5],
    ]).sort((p, q) => String(q.cells.name).localeCompare(String(p.cells.name)));
    sorted.forEach((r, i) => (r.row = i + 2));
    const byName = (rs: typeof rows, order: number[]) => order.map((n) => rs.find((r) => r.row === n)!.cells.name);
    const kept = sorted.filter((r) => r.cells.name !== 'Xenia' && r.cells.name !== 'Cyril');
    const withArrivals = [...kept, ...sorted.filter((r) => r.cells.name === 'Xenia' || r.cells.name === 'Cyril')].map((r, i) => ({
      ...r,
      row: i + 2,
    }));
    const out = plan(withArrivals, [5, 6], [3])!;
    expect(out.sortedBy).toEqual({ key: 'name', ascending: false });
    expect(byName(withArrivals, out.order)).toEqual(['Xenia', 'Dina', 'Cyril', 'Anna', 'Boris']);
    expect(out.departed).toBe(1);
    // Unsorted: arrivals stay below, nothing moves.
    expect(plan(rows, [5, 6], [])).toBeNull();
  });
});
