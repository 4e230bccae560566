import { describe, expect, it } from 'vitest';
import { editableClientKeys, type EditableKey } from '../../../../apps-script/src/clients/client-columns.ts';
import { canonicalClient } from '../../../../apps-script/src/clients/client-row.ts';
import { chunkRows, planSave } from '../../../../apps-script/src/clients/save-plan.ts';
import type { LoadedRecord } from '../../../../apps-script/src/sheet/table-spec.ts';
import { blankRow, en, formatDay, listed, rowOf } from './client-fixture.ts';

const loadedOf = (...clients: ReturnType<typeof listed>[]) =>
  new Map<string, LoadedRecord<EditableKey>>(clients.map((c) => [c.id, { id: c.id, version: c.version, values: canonicalClient(c) }]));

describe('what Save sends', () => {
  it('sends only edited rows, only their changed fields, with the version they were loaded at', () => {
    const [a, b, c] = [listed('a'), listed('b'), listed('c')];
    const rows = [rowOf(2, a), rowOf(3, b, { name: 'B new', emails: 'b@x.ru; b2@x.ru' }), rowOf(4, c)];
    const plan = planSave({ rows, loaded: loadedOf(a, b, c), m: en, formatDay });
    expect(plan.updates).toEqual([
      expect.objectContaining({
        row: 3,
        clientId: 'b',
        version: 3,
        send: ['name', 'emails'],
        changes: { name: 'B new', emails: ['b@x.ru', 'b2@x.ru'] },
      }),
    ]);
    expect(plan.creations).toEqual([]);
    expect(plan.problems).toEqual([]);
  });

  it('sends every field when the loaded values are gone: the version still guards against overwriting', () => {
    const a = listed('a');
    const plan = planSave({ rows: [rowOf(2, a, { name: 'Edited' })], loaded: new Map(), m: en, formatDay });
    expect(plan.updates[0]!.send).toHaveLength(editableClientKeys.length);
  });

  it('treats a typed row without an id as a new client, and one with an unconfirmed id as the same new client again', () => {
    const rows = [
      blankRow(2, { name: 'Fresh Co', kind: 'Company' }),
      blankRow(3, { name: 'Retry Co', kind: 'Person', clientId: 'c-1', version: '' }),
      blankRow(4),
    ];
    const plan = planSave({ rows, loaded: new Map(), m: en, formatDay });
    expect(plan.creations.map((c) => [c.row, c.id])).toEqual([
      [2, null],
      [3, 'c-1'],
    ]);
  });

  it('marks cells the API would refuse without sending the row', () => {
    const a = listed('a');
    const rows = [rowOf(2, a, { kind: 'Firm', name: '' }), blankRow(3, { phones: '+79160000000' })];
    const plan = planSave({ rows, loaded: loadedOf(a), m: en, formatDay });
    expect(plan.updates).toEqual([]);
    expect(plan.problems).toEqual([
      { row: 2, key: 'kind', message: 'choose one of: Person, Company' },
      { row: 2, key: 'name', message: 'is required' },
      { row: 3, key: 'name', message: 'is required' },
      { row: 3, key: 'kind', message: 'is required' },
    ]);
  });

  it('only renews the hash of a row that reads differently but means the same', () => {
    const a = listed('a');
    const row = rowOf(2, a, { hash: 'stale' });
    const plan = planSave({ rows: [row], loaded: loadedOf(a), m: en, formatDay });
    expect(plan.rehash).toEqual([{ row: 2, hash: row.cells.hash === 'stale' ? expect.any(String) : row.cells.hash }]);
    expect(plan.updates).toEqual([]);
  });

  it('ignores a copied row', () => {
    const a = listed('a');
    const plan = planSave({ rows: [rowOf(2, a), rowOf(3, a, { name: 'copy edited' })], loaded: loadedOf(a), m: en, formatDay });
    expect(plan.updates).toEqual([]);
  });

  it('cuts batches by row count and by size', () => {
    const rows = Array.from({ length: 450 }, (_, i) => ({ i, text: 'x'.repeat(100) }));
    expect(chunkRows(rows, 200, 1_000_000).map((c) => c.length)).toEqual([200, 200, 50]);
    expect(chunkRows(rows, 200, 10_000).every((c) => JSON.stringify(c).length <= 10_000 + c.length)).toBe(true);
  });
});
