// The rounds of a My clients save: sending edited rows and new clients to the base, and collecting
// what each answer means for the sheet (rows to settle, cells to mark) to be written in one pass.
import type { BatchRowResult, ChangedBy, ListedClient } from '../../../functions/src/api/contract.ts';
import { createClients, saveClientRows, type BatchRow, type NewClientBody } from '../api/staff-api.ts';
import type { SaveSummary } from '../messages.ts';
import type { CellMark } from '../sheet/cell-marks.ts';
import type { LoadedRecord } from '../sheet/loaded-values.ts';
import type { RowWrite, TableRow } from '../sheet/table-io.ts';
import type { ActionContext } from '../workspace/session.ts';
import { editableClientKeys, type ClientColumnKey, type EditableKey } from './client-columns.ts';
import {
  canonicalClient,
  changesFor,
  clientCells,
  creationKeys,
  derivedCells,
  displayValue,
  keyOfPath,
  newClientFor,
  type Canonical,
} from './client-row.ts';
import { conflictNote, judgeConflict } from './conflicts.ts';
import { chunkRows, type RowUpdate } from './save-plan.ts';

type Loaded = Map<string, LoadedRecord<EditableKey>>;

/** Well under the API's 256 KB body limit and its 200 rows per call. */
const batchRows = 200;
const batchBytes = 200 * 1024;
/** New clients are sent this many at a time (UrlFetchApp.fetchAll). */
const creationsAtOnce = 20;

/** What a save collects as it goes, written to the sheet at the end in one pass. */
export type SaveState = {
  session: ActionContext;
  rows: ReadonlyArray<TableRow<ClientColumnKey>>;
  loaded: Loaded;
  writes: RowWrite<ClientColumnKey>[];
  marks: CellMark<ClientColumnKey>[];
  clearRows: Set<number>;
  summary: SaveSummary;
};

function when(session: ActionContext, at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : Utilities.formatDate(date, session.timeZone, 'yyyy-MM-dd HH:mm');
}

/** The row now shows the base's client and is its new baseline; `keep` are cells the person typed that were not sent. */
export function settleRow(state: SaveState, row: number, client: ListedClient, keep: Partial<Canonical> = {}): void {
  const cells = clientCells(client, state.session.m);
  for (const [key, value] of Object.entries(keep) as Array<[EditableKey, string]>) cells[key] = displayValue(key, value, state.session.m);
  state.writes.push({ row, cells });
  state.loaded.set(client.id, { id: client.id, version: client.version, values: canonicalClient(client) });
  state.clearRows.add(row);
}

function markConflict(
  state: SaveState,
  update: Pick<RowUpdate, 'row'>,
  fields: readonly EditableKey[],
  current: ListedClient,
  changedBy: ChangedBy | undefined,
): void {
  const theirs = canonicalClient(current);
  for (const key of fields)
    state.marks.push({
      row: update.row,
      key,
      tone: 'conflict',
      note: conflictNote(key, theirs, changedBy, when(state.session, current.updatedAt), state.session.m),
    });
  // The derived columns may refresh; the person's cells, version and hash stay until they decide.
  state.writes.push({ row: update.row, cells: derivedCells(current, state.session.m) });
  state.clearRows.add(update.row);
  state.summary.conflicts++;
}

export function markInvalid(state: SaveState, row: number, errors: ReadonlyArray<{ path: string; message: string }>): void {
  const m = state.session.m;
  for (const e of errors) {
    const notYours = e.path === 'clientId';
    state.marks.push({
      row,
      key: notYours ? 'name' : keyOfPath(e.path),
      tone: 'invalid',
      note: notYours ? m.save.notYoursNote : m.save.invalidNote(e.message),
    });
  }
  state.clearRows.add(row);
  state.summary.invalid++;
}

/** Sends rows in batches; conflicts the base can settle alone (different fields) come back as `rebase`. */
/** `follow-up`: the lost columns of a client created a moment ago in this Save, counted with its creation. */
export function sendUpdates(state: SaveState, updates: RowUpdate[], round: 'first' | 'rebase' | 'follow-up'): RowUpdate[] {
  const rebase: RowUpdate[] = [];
  for (const chunk of chunkRows(updates, batchRows, batchBytes)) {
    const answer = saveClientRows(chunk.map((u): BatchRow => ({ clientId: u.clientId, version: u.version, changes: u.changes })));
    answer.rows.forEach((result: BatchRowResult, i) => {
      const update = chunk[i]!;
      if (result.status === 'applied') {
        settleRow(state, update.row, result.client);
        if (round === 'first') state.summary.applied++;
        else if (round === 'rebase') state.summary.merged++;
      } else if (result.status === 'invalid') {
        markInvalid(state, update.row, result.errors);
      } else {
        const theirs = canonicalClient(result.current);
        const verdict =
          round === 'rebase' ? ({ kind: 'conflict', fields: update.send } as const) : judgeConflict(update.loaded, update.now, theirs);
        if (verdict.kind === 'same') {
          settleRow(state, update.row, result.current);
          state.summary.merged++;
        } else if (verdict.kind === 'rebase') {
          const { changes } = changesFor(update.now, verdict.send, state.session.m);
          rebase.push({ ...update, version: result.current.version, loaded: theirs, send: verdict.send, changes });
        } else {
          markConflict(state, update, verdict.fields, result.current, result.changedBy);
        }
      }
    });
  }
  return rebase;
}

/** Creates the new rows' clients; answers the updates that must follow in the same Save (their lost columns). */
export function sendCreations(state: SaveState, creations: Array<{ row: number; id: string; now: Canonical }>): RowUpdate[] {
  const m = state.session.m;
  const followUps: RowUpdate[] = [];
  for (let i = 0; i < creations.length; i += creationsAtOnce) {
    const group = creations.slice(i, i + creationsAtOnce);
    const outcomes = createClients(group.map((c) => newClientFor(c.now, c.id, m).body as NewClientBody));
    outcomes.forEach((outcome, j) => {
      const creation = group[j]!;
      if (outcome.status === 'created') {
        // The lost columns are not part of creating a client: kept as typed, sent right after it.
        const keep: Partial<Canonical> = {};
        for (const key of editableClientKeys) if (!creationKeys.includes(key) && creation.now[key] !== '') keep[key] = creation.now[key];
        settleRow(state, creation.row, outcome.client, keep);
        state.summary.created++;
        const send = Object.keys(keep) as EditableKey[];
        if (send.length > 0) {
          const { changes, problems } = changesFor(creation.now, send, m);
          const { id: clientId, version } = outcome.client;
          const loaded = canonicalClient(outcome.client);
          if (problems.length > 0)
            markInvalid(
              state,
              creation.row,
              problems.map((p) => ({ path: p.key, message: p.message })),
            );
          else followUps.push({ row: creation.row, clientId, version, now: creation.now, loaded, send, changes });
        }
      } else if (outcome.status === 'duplicate') {
        state.marks.push({ row: creation.row, key: 'name', tone: 'invalid', note: m.save.duplicateNote });
        state.clearRows.add(creation.row);
        state.summary.duplicates++;
      } else if (outcome.error.kind === 'invalid-input') {
        markInvalid(state, creation.row, outcome.error.fieldErrors);
      } else {
        throw outcome.error;
      }
    });
  }
  return followUps;
}

export function freshSaveState(
  session: ActionContext,
  rows: SaveState['rows'],
  loaded: SaveState['loaded'],
  clean: Iterable<number>,
): SaveState {
  const summary = { applied: 0, created: 0, merged: 0, conflicts: 0, invalid: 0, duplicates: 0 };
  return { session, rows, loaded, writes: [], marks: [], clearRows: new Set(clean), summary };
}
