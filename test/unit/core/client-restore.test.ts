import { describe, expect, it } from 'vitest';
import { restoreChanges } from '../../../functions/src/core/client-restore.ts';
import type { HistoryEntry } from '../../../functions/src/schema/history.ts';

const edit = (id: string, at: string, changes: Array<{ field: string; before: unknown; after: unknown }>): HistoryEntry =>
  ({ id, clientId: 'c1', at, by: 'anna', type: 'edit', version: 2, changes }) as HistoryEntry;

const history: HistoryEntry[] = [
  { id: 'h1', clientId: 'c1', at: '2026-12-01T09:00:00.000Z', by: 'anna', type: 'note', text: 'met at the fair' },
  edit('h2', '2026-12-02T09:00:00.000Z', [{ field: 'name', before: 'Acme', after: 'Acme Ltd' }]),
  edit('h3', '2026-12-07T09:00:00.000Z', [
    { field: 'phones', before: ['+79160000001'], after: [] },
    { field: 'emails', before: ['a@example.com'], after: null },
    { field: 'source', before: 'fair', after: null },
  ]),
];
const wiped = { name: 'Acme Ltd', kind: 'company', phones: [], emails: [] };

describe('restoring a client from its history', () => {
  it('undoes every edit after an instant, newest first, naming only the fields that differ', () => {
    expect(restoreChanges(wiped, history, { at: '2026-12-06T00:00:00.000Z' })).toEqual({
      status: 'planned',
      undone: ['h3'],
      changes: { phones: ['+79160000001'], emails: ['a@example.com'], source: 'fair' },
    });
    expect(restoreChanges(wiped, history, { at: '2026-12-01T12:00:00.000Z' })).toMatchObject({
      undone: ['h2', 'h3'],
      changes: { name: 'Acme', phones: ['+79160000001'] },
    });
  });

  it('restores to just before a named history entry, and says when the entry is not the client’s', () => {
    expect(restoreChanges(wiped, history, { historyEntryId: 'h3' })).toMatchObject({ undone: ['h3'] });
    expect(restoreChanges(wiped, history, { historyEntryId: 'nope' })).toEqual({ status: 'unknown-entry' });
  });

  it('changes nothing for an instant after the last edit', () => {
    expect(restoreChanges(wiped, history, { at: '2026-12-08T00:00:00.000Z' })).toEqual({ status: 'planned', undone: [], changes: {} });
  });
});
