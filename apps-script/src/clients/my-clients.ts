// The manager's "My clients" sheet: load/refresh, save, and resolving conflicts. Each action reads
// the sheet once, decides with the pure plans, talks to the base, and writes back once, under the
// document lock. Rows are found by the client id in their hidden column every time.
import { explain, isApiError, type ApiError } from '../api/api-error.ts';
import { departures, fetchClient, fetchMe, fetchMyClients } from '../api/staff-api.ts';
import type { Departure, ListedClient } from '../../../functions/src/api/contract.ts';
import type { DepartureCounts } from '../messages.ts';
import { applyMarks, rowsWithMarks, writeOutcome, type CellMark } from '../sheet/cell-marks.ts';
import { columnLetter, type CellValue, type DayFormatter } from '../sheet/cell-values.ts';
import { readLoadedValues, writeLoadedValues, type LoadedRecord } from '../sheet/loaded-values.ts';
import { applyValidations, openManagedTable, writeRowsMakingRoom, type ColumnMap } from '../sheet/managed-sheet.ts';
import { readTable, reorderRows, writeRows, type Table, type TableRow } from '../sheet/table-io.ts';
import { planRowOrder, type RowOrder } from '../sheet/row-order.ts';
import { alert, toast, UserError } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import type { ActionContext } from '../workspace/session.ts';
import { columnHeader, editableClientKeys, myClientsTable, type ClientColumnKey, type EditableKey } from './client-columns.ts';
import { canonicalClient, canonicalRow, changedFields, changesFor, type Canonical } from './client-row.ts';
import { takeTheirs } from './conflicts.ts';
import { identityOf, isEdited, planRefresh, type RefreshPlan } from './refresh-plan.ts';
import { planSave, type RowUpdate } from './save-plan.ts';
import { refusedCells, refusedText, showRefusedCells } from './save-errors.ts';
import { freshSaveState, markInvalid, sendCreations, sendUpdates, settleRow } from './save-rounds.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type ClientsTable = Table<ClientColumnKey>;
type Loaded = Map<string, LoadedRecord<EditableKey>>;

const ownerProperty = 'clientbase.owner';
const managerIdProperty = 'clientbase.managerId';
/** Which rules the sheet's validations follow: bump the number when a column's validation changes. */
const validationsProperty = 'clientbase.myClients.validations';
const validationsVersion = (session: ActionContext) => `1-${session.locale}`;
const markValidated = (session: ActionContext) =>
  PropertiesService.getDocumentProperties().setProperty(validationsProperty, validationsVersion(session));

/** Rotation due within 30 days, a report past due, a lost client: seen at a glance. */
function decorate(sheet: Sheet, columns: ColumnMap<ClientColumnKey>): void {
  const rows = Math.max(sheet.getMaxRows() - 1, 1);
  const cell = (key: ClientColumnKey) => `$${columnLetter(columns[key])}2`;
  const keys = editableClientKeys.map((k) => columns[k]);
  const lastEditable = Math.max(...keys, columns.reportDueOn);
  const rules = sheet.getConditionalFormatRules();
  rules.push(
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=AND(${cell('rotationDueOn')}<>"",${cell('rotationDueOn')}-TODAY()<=30)`)
      .setBackground('#fde7c8')
      .setRanges([sheet.getRange(2, columns.rotationDueOn, rows, 1)])
      .build(),
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=AND(${cell('reportDueOn')}<>"",${cell('reportDueOn')}<TODAY())`)
      .setBackground('#f4c7c3')
      .setFontColor('#a50e0e')
      .setRanges([sheet.getRange(2, columns.reportDueOn, rows, 1)])
      .build(),
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=${cell('lostAt')}<>""`)
      .setFontColor('#9aa0a6')
      .setRanges([sheet.getRange(2, 1, rows, lastEditable)])
      .build(),
  );
  sheet.setConditionalFormatRules(rules);
}

/**
 * The sheet and where its columns are now. `repair` (refresh) creates the sheet, with room for
 * `rows` clients, or puts back columns someone deleted; otherwise a broken layout is refused.
 */
function openTable(session: ActionContext, repair: boolean, rows = 0): ClientsTable | null {
  const opened = openManagedTable(session.spreadsheet, myClientsTable, session.m, {
    repair,
    rows,
    // A new sheet is laid out with the rules in force.
    decorate: (sheet, columns) => {
      decorate(sheet, columns);
      markValidated(session);
    },
  });
  if (opened.status === 'absent') return null;
  if (opened.status === 'broken')
    throw new UserError(session.m.save.layoutBroken(opened.missing.map((k) => columnHeader(k, session.m)).join(', ')));
  return { sheet: opened.sheet, spec: opened.spec, columns: opened.columns };
}

/** One spreadsheet per manager: another person's refresh would empty it, their save would send their edits as someone else's. */
function checkOwner(session: ActionContext, email: string): void {
  const owner = PropertiesService.getDocumentProperties().getProperty(ownerProperty);
  if (owner && email && owner !== email.toLowerCase()) throw new UserError(session.m.save.wrongOwner(owner, email));
}

function readLoaded(session: ActionContext): Loaded {
  return readLoadedValues(session.spreadsheet, myClientsTable.id, editableClientKeys);
}

function writeLoaded(session: ActionContext, loaded: Loaded): void {
  writeLoadedValues(session.spreadsheet, myClientsTable.id, editableClientKeys, loaded.values());
}

function countDepartures(list: readonly Departure[]): DepartureCounts {
  const counts: DepartureCounts = { rotation: 0, reassigned: 0, offboarding: 0, unknown: 0, lastRotationDay: null };
  for (const d of list) {
    if (d.reason === 'rotation') {
      counts.rotation++;
      if (d.at && (counts.lastRotationDay === null || d.at > counts.lastRotationDay)) counts.lastRotationDay = d.at.slice(0, 10);
    } else if (d.reason === 'reassigned') counts.reassigned++;
    else counts.unknown++;
  }
  return counts;
}

/**
 * Clients that left go to the bottom and are cut off in one call; clients that arrived take their
 * place in the sheet's order when it is sorted by one of the add-on's columns. Whole rows move, so
 * the person's own columns and formulas stay with their client. `rows` were updated by the writes.
 */
function placeRows(table: ClientsTable, rows: TableRow<ClientColumnKey>[], plan: RefreshPlan, formatDay: DayFormatter) {
  const onSheet = new Map(rows.map((r) => [r.row, r]));
  const all = [...rows];
  const added = new Set(plan.arrivals);
  for (const w of plan.writes) {
    const row = onSheet.get(w.row);
    if (row) Object.assign(row.cells, w.cells);
    else if (added.has(w.row)) all.push({ row: w.row, cells: w.cells as Record<ClientColumnKey, CellValue> });
  }
  all.sort((a, b) => a.row - b.row);
  const sortable = myClientsTable.columns.filter((c) => c.role !== 'system').map((c) => c.key);
  const order: RowOrder<ClientColumnKey> | null = planRowOrder({
    rows: all,
    arrived: added,
    departed: new Set(plan.removals.map((r) => r.row)),
    hasRecord: (row) => identityOf(row, formatDay).id !== '',
    sortable: sortable.sort((a, b) => table.columns[a] - table.columns[b]),
    formatDay,
  });
  if (!order) return null;
  reorderRows(table, order.order, new Map(all.map((r) => [r.row, r.cells.hash])), order.departed);
  return order;
}

/** Load (first time: create the sheet) or refresh the manager's whole book. */
export function refreshMyClients(session: ActionContext): void {
  const me = fetchMe();
  checkOwner(session, me.email);
  const clients = fetchMyClients(me.id);
  const { m, formatDay } = session;
  const result = withDocumentLock(session, () => {
    const table = openTable(session, true, clients.length)!;
    const rows = readTable(table);
    const plan = planRefresh({ rows, loaded: readLoaded(session), clients, m, formatDay });
    writeRowsMakingRoom(table, rows, plan.writes, m);
    // The rules are rewritten only when the sheet's are older or in another language: a refresh stays within its calls.
    if (PropertiesService.getDocumentProperties().getProperty(validationsProperty) !== validationsVersion(session)) {
      applyValidations(table, m);
      markValidated(session);
    }
    const marks: CellMark<ClientColumnKey>[] = [
      ...plan.copies.map((c) => ({ row: c.row, key: 'name' as const, note: m.refresh.duplicateRowNote(c.of), tone: 'info' as const })),
      ...plan.unknownIds.map((row) => ({ row, key: 'name' as const, note: m.refresh.unknownIdNote, tone: 'info' as const })),
    ];
    applyMarks(table, new Set(plan.clearRows), marks, plan.clearCells);
    const moved = placeRows(table, rows, plan, formatDay);
    writeLoaded(session, plan.loaded);
    PropertiesService.getDocumentProperties().setProperties({ [ownerProperty]: me.email.toLowerCase(), [managerIdProperty]: me.id });
    return { ...plan, sortedBy: moved?.sortedBy ?? null };
  });
  const summary = m.refresh.summary({
    total: clients.length,
    updated: result.updated,
    added: result.added,
    removed: result.removals.length,
    keptUnsaved: result.keptEdited.length,
    duplicates: result.copies.length,
    unknownIds: result.unknownIds.length,
  });
  if (result.removals.length > 0) {
    const why = countDepartures(departures(result.removals.map((r) => r.id)));
    alert(session, `${summary}\n\n${m.refresh.removed(result.removals.length, why)}`, m.refresh.removedTitle);
  } else {
    toast(session, summary);
  }
}

/** Save changes: edited rows as batches, new rows as new clients; conflicts and errors marked on their cells. */
export function saveMyClients(session: ActionContext): void {
  checkOwner(session, session.email);
  const { m, formatDay } = session;
  let failure: unknown = null;
  const state = withDocumentLock(session, () => {
    const table = openTable(session, false);
    if (!table) throw new UserError(m.card.noSheet);
    const rows = readTable(table);
    const loaded = readLoaded(session);
    const plan = planSave({ rows, loaded, m, formatDay });
    const state = freshSaveState(session, rows, loaded, plan.clean);
    // Marks on rows the person put back as they were loaded are out of date.
    const edited = new Set([...plan.updates.map((u) => u.row), ...plan.creations.map((c) => c.row), ...plan.problems.map((p) => p.row)]);
    if (rows.length > 0)
      for (const row of rowsWithMarks(table, rows[0]!.row, rows[rows.length - 1]!.row)) if (!edited.has(row)) state.clearRows.add(row);
    for (const p of plan.problems) {
      state.marks.push({ row: p.row, key: p.key, tone: 'invalid', note: m.save.invalidNote(p.message) });
      state.clearRows.add(p.row);
    }
    state.summary.invalid += new Set(plan.problems.map((p) => p.row)).size;
    for (const r of plan.rehash) state.writes.push({ row: r.row, cells: { hash: r.hash } });
    if (plan.updates.length + plan.creations.length + plan.problems.length + plan.rehash.length === 0) {
      applyMarks(table, state.clearRows, []);
      return null;
    }

    // New rows get their id before anything is sent: if an answer is lost, the next Save sends the
    // same id and learns the client already exists, instead of creating it twice.
    const creations = plan.creations.map((c) => ({ ...c, id: c.id ?? `c-${Utilities.getUuid()}` }));
    writeRows(
      table,
      rows,
      creations.filter((_c, i) => plan.creations[i]!.id === null).map((c) => ({ row: c.row, cells: { clientId: c.id } })),
    );
    try {
      const rebase = sendUpdates(state, plan.updates, 'first');
      if (rebase.length > 0) sendUpdates(state, rebase, 'rebase');
      const followUps = sendCreations(state, creations);
      if (followUps.length > 0) sendUpdates(state, followUps, 'follow-up');
    } catch (e) {
      if (!isApiError(e)) throw e;
      failure = e;
    }
    writeOutcome(table, rows, state);
    writeLoaded(session, state.loaded);
    return { ...state, refused: refusedCells(session, table, rows, state.marks) };
  });
  if (state === null) {
    toast(session, m.save.nothing);
    return;
  }
  const text = m.save.summary(state.summary);
  if (failure !== null)
    throw withPartialSave(failure as ApiError, state.summary.applied + state.summary.merged + state.summary.created, session);
  if (state.summary.conflicts + state.summary.invalid + state.summary.duplicates > 0) {
    showRefusedCells(session, state.refused);
    alert(session, refusedText(session, text, state.refused));
  } else toast(session, text);
}

/** A failure part-way through a save: the person is told what was saved before it. */
function withPartialSave(error: ApiError, saved: number, session: ActionContext): Error {
  if (saved === 0) return error;
  return new UserError(`${explain(error, session.m, { email: session.email })}\n\n${session.m.errors.partialSave(saved)}`);
}

/** Rows of the clients sheet in the current selection (any number of ranges). */
function selectedRows(session: ActionContext, table: ClientsTable): Set<number> {
  const active = session.spreadsheet.getActiveSheet();
  if (active.getSheetId() !== table.sheet.getSheetId()) return new Set();
  const out = new Set<number>();
  const list = session.spreadsheet.getActiveRangeList();
  const ranges = list
    ? list.getRanges()
    : [session.spreadsheet.getActiveRange()].filter((r): r is GoogleAppsScript.Spreadsheet.Range => r !== null);
  for (const range of ranges) for (let r = range.getRow(); r < range.getRow() + range.getNumRows(); r++) if (r >= 2) out.add(r);
  return out;
}

/** Keep mine / take theirs on the selected rows, each against the base's current values. */
export function resolveSelected(session: ActionContext, choice: 'mine' | 'theirs'): void {
  const { m, formatDay } = session;
  const outcome = withDocumentLock(session, () => {
    const table = openTable(session, false);
    if (!table) throw new UserError(m.card.noSheet);
    const wanted = selectedRows(session, table);
    if (wanted.size === 0) throw new UserError(m.resolve.nothingSelected);
    const rows = readTable(table);
    const loaded = readLoaded(session);
    const state = freshSaveState(session, rows, loaded, []);
    const pending: RowUpdate[] = [];
    for (const row of rows) {
      if (!wanted.has(row.row)) continue;
      const identity = identityOf(row, formatDay);
      if (!isEdited(row, identity, formatDay)) {
        // Already as loaded: a mark left on it belongs to an edit that is gone.
        state.clearRows.add(row.row);
        continue;
      }
      const now = canonicalRow(row.cells, formatDay);
      const record = loaded.get(identity.id);
      const baseline = record && record.version === identity.version ? record.values : null;
      const current = fetchClient(identity.id).client;
      const theirs = canonicalClient(current);
      if (choice === 'theirs') {
        const merged = takeTheirs(baseline, now, theirs);
        const keep: Partial<Canonical> = {};
        for (const key of changedFields(theirs, merged)) keep[key] = merged[key];
        settleRow(state, row.row, current, keep);
        state.summary.merged++;
        continue;
      }
      const send = changedFields(baseline ?? theirs, now).filter((k) => now[k] !== theirs[k]);
      if (send.length === 0) {
        settleRow(state, row.row, current);
        state.summary.merged++;
        continue;
      }
      const { changes, problems } = changesFor(now, send, m);
      if (problems.length > 0)
        markInvalid(
          state,
          row.row,
          problems.map((p) => ({ path: p.key, message: p.message })),
        );
      else pending.push({ row: row.row, clientId: identity.id, version: current.version, now, loaded: theirs, send, changes });
    }
    if (pending.length > 0) sendUpdates(state, pending, 'rebase');
    writeOutcome(table, rows, state);
    writeLoaded(session, state.loaded);
    return state.summary;
  });
  const done = outcome.applied + outcome.merged;
  if (done === 0 && outcome.conflicts + outcome.invalid === 0) {
    toast(session, m.resolve.nothingToResolve);
    return;
  }
  const text = choice === 'mine' ? m.resolve.keptMine(done) : m.resolve.tookTheirs(done);
  if (outcome.conflicts + outcome.invalid > 0) alert(session, `${text}\n${m.save.summary(outcome)}`);
  else toast(session, text);
}

/** After a card action: that client's row shows what the base has now (edited cells stay as typed). */
export function refreshClientRow(session: ActionContext, client: ListedClient): void {
  withDocumentLock(session, () => {
    const table = openTable(session, false);
    if (!table) return;
    const rows = readTable(table);
    const plan = planRefresh({
      rows,
      loaded: readLoaded(session),
      clients: [client],
      m: session.m,
      formatDay: session.formatDay,
      scope: 'these',
    });
    writeRows(table, rows, plan.writes);
    writeLoaded(session, plan.loaded);
  });
}

/** Client names on the sheet by id, for other sheets that mention clients (the bonus statement). */
export function clientNamesOnSheet(session: ActionContext): Map<string, string> {
  const names = new Map<string, string>();
  let table: ClientsTable | null;
  try {
    table = openTable(session, false);
  } catch {
    return names;
  }
  if (!table) return names;
  for (const row of readTable(table)) {
    const id = String(row.cells.clientId ?? '').trim();
    if (id !== '') names.set(id, String(row.cells.name ?? ''));
  }
  return names;
}

/** The manager whose book this spreadsheet holds (set by the first load). */
export function myManagerId(): string {
  return PropertiesService.getDocumentProperties().getProperty(managerIdProperty) ?? '';
}

/** The client id on a sheet row, for the card; errors say what to select. */
export function clientIdAtRow(session: ActionContext, row: number): { clientId: string; name: string } {
  // Under the lock: finding the columns may re-tag one whose metadata was lost (a write).
  const table = withDocumentLock(session, () => openTable(session, false));
  if (!table) throw new UserError(session.m.card.noSheet);
  const active = session.spreadsheet.getActiveSheet();
  if (active.getSheetId() !== table.sheet.getSheetId() || row < 2) throw new UserError(session.m.card.selectRow);
  const id = String(table.sheet.getRange(row, table.columns.clientId).getValue() ?? '').trim();
  const version = Number(table.sheet.getRange(row, table.columns.version).getValue()) || 0;
  if (id === '' || version === 0) throw new UserError(session.m.card.newRow);
  return { clientId: id, name: String(table.sheet.getRange(row, table.columns.name).getValue() ?? '') };
}
