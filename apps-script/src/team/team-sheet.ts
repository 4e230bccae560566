// The head of sales' "Team" sheet: the roster, loaded and saved row by row like the managers'
// client sheet: rows found by the id in a hidden column, only edited rows sent, each change on the
// version it was loaded at, every refusal on the cell it concerns.
import { addTeamMember, changeTeamMember, fetchTeam } from '../api/admin-api.ts';
import { isApiError, type ApiError } from '../api/api-error.ts';
import type { TeamMember } from '../../../functions/src/api/contract.ts';
import { applyMarks, rowsWithMarks, writeOutcome, type CellMark } from '../sheet/cell-marks.ts';
import { columnLetter } from '../sheet/cell-values.ts';
import { readLoadedValues, writeLoadedValues, type LoadedRecord } from '../sheet/loaded-values.ts';
import { openManagedTable, writeRowsMakingRoom, type ColumnMap } from '../sheet/managed-sheet.ts';
import { readTable, type RowWrite, type Table } from '../sheet/table-io.ts';
import { judgeFields } from '../sheet/three-way.ts';
import { alert, toast, UserError } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import type { ActionContext } from '../workspace/session.ts';
import { messagesFor } from '../messages.ts';
import {
  canonicalMember,
  changesFor,
  memberCells,
  planTeamRefresh,
  planTeamSave,
  teamFields,
  teamKeyOfPath,
  teamTable,
  type TeamColumnKey,
  type TeamField,
  type TeamUpdate,
} from './team-row.ts';

type TeamTable = Table<TeamColumnKey>;
type Loaded = Map<string, LoadedRecord<TeamField>>;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** People who left read in grey. */
function decorate(sheet: Sheet, columns: ColumnMap<TeamColumnKey>): void {
  const cell = `$${columnLetter(columns.status)}2`;
  const left = [messagesFor('en'), messagesFor('ru')].map((m) => `${cell}="${m.admin.team.statuses.left}"`).join(',');
  const rules = sheet.getConditionalFormatRules();
  rules.push(
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=OR(${left})`)
      .setFontColor('#9aa0a6')
      .setRanges([sheet.getRange(2, 1, Math.max(sheet.getMaxRows() - 1, 1), columns.leftOn)])
      .build(),
  );
  sheet.setConditionalFormatRules(rules);
}

function openTable(session: ActionContext, repair: boolean, rows = 0): TeamTable | null {
  const opened = openManagedTable(session.spreadsheet, teamTable, session.m, { repair, rows, decorate });
  if (opened.status === 'absent') return null;
  if (opened.status === 'broken') throw new UserError(session.m.admin.team.layoutBroken);
  return { sheet: opened.sheet, spec: opened.spec, columns: opened.columns };
}

const readLoaded = (session: ActionContext): Loaded => readLoadedValues(session.spreadsheet, teamTable.id, teamFields);
const writeLoaded = (session: ActionContext, loaded: Loaded) =>
  writeLoadedValues(session.spreadsheet, teamTable.id, teamFields, loaded.values());

/** Menu: the roster onto the Team sheet (created the first time), row by row in place. */
export function loadTeam(session: ActionContext): void {
  const members = fetchTeam();
  const { m, formatDay } = session;
  const plan = withDocumentLock(session, () => {
    const table = openTable(session, true, members.length)!;
    const rows = readTable(table);
    const plan = planTeamRefresh({ rows, members, loaded: readLoaded(session), m, formatDay });
    writeRowsMakingRoom(table, rows, plan.writes, m);
    applyMarks(
      table,
      new Set(),
      plan.unknown.map((row) => ({ row, key: 'name' as const, tone: 'info' as const, note: m.admin.team.notOnRoster })),
    );
    writeLoaded(session, plan.loaded);
    table.sheet.activate();
    return plan;
  });
  toast(session, m.admin.team.loaded(members.length, plan.added, plan.keptEdited));
}

type SaveState = {
  session: ActionContext;
  loaded: Loaded;
  writes: RowWrite<TeamColumnKey>[];
  marks: CellMark<TeamColumnKey>[];
  clearRows: Set<number>;
  saved: number;
  created: number;
  conflicts: number;
  invalid: number;
};

function settle(state: SaveState, row: number, member: TeamMember): void {
  state.writes.push({ row, cells: memberCells(member, state.session.m) });
  state.loaded.set(member.id, { id: member.id, version: member.version, values: canonicalMember(member) });
  state.clearRows.add(row);
}

function markInvalid(state: SaveState, row: number, error: ApiError): void {
  const issues = error.fieldErrors.length > 0 ? error.fieldErrors : [{ path: 'name', message: error.message }];
  for (const e of issues)
    state.marks.push({ row, key: teamKeyOfPath(e.path), tone: 'invalid', note: state.session.m.save.invalidNote(e.message) });
  state.clearRows.add(row);
  state.invalid++;
}

/** A change that met a newer version: fields nobody else touched are sent again; the same field changed by both is the person's call. */
function onConflict(state: SaveState, update: TeamUpdate, current: TeamMember, retry: boolean): void {
  const m = state.session.m;
  const theirs = canonicalMember(current);
  const verdict = judgeFields(teamFields, update.loaded, update.now, theirs);
  if (verdict.kind === 'same') {
    settle(state, update.row, current);
    state.saved++;
  } else if (verdict.kind === 'rebase' && retry) {
    const { body } = changesFor(update.row, update.now, verdict.send, current.version, m);
    sendUpdate(state, { ...update, version: current.version, loaded: theirs, send: verdict.send, body }, false);
  } else {
    const fields = verdict.kind === 'conflict' ? verdict.fields : update.send;
    for (const key of fields)
      state.marks.push({
        row: update.row,
        key,
        tone: 'conflict',
        note: m.admin.team.conflictNote(m.admin.team.columns[key], displayOf(key, theirs[key], m)),
      });
    state.clearRows.add(update.row);
    state.conflicts++;
  }
}

function displayOf(key: TeamField, value: string, m: ActionContext['m']): string {
  if (key === 'role') return m.admin.team.roles[value as 'manager'] ?? value;
  if (key === 'status') return m.admin.team.statuses[value as 'active'] ?? value;
  return value;
}

function sendUpdate(state: SaveState, update: TeamUpdate, retry: boolean): void {
  try {
    settle(state, update.row, changeTeamMember(update.id, update.body));
    state.saved++;
  } catch (e) {
    if (!isApiError(e)) throw e;
    const current = e.problem?.current as TeamMember | undefined;
    if (e.kind === 'conflict' && current) onConflict(state, update, current, retry);
    else if (e.kind === 'invalid-input' || e.kind === 'not-found') markInvalid(state, update.row, e);
    else throw e;
  }
}

/** Menu: new rows become managers, edited rows are changed; conflicts and refusals marked on their cells. */
export function saveTeam(session: ActionContext): void {
  const { m, formatDay } = session;
  const state = withDocumentLock(session, () => {
    const table = openTable(session, false);
    if (!table) throw new UserError(m.admin.team.noSheet);
    const rows = readTable(table);
    const loaded = readLoaded(session);
    const plan = planTeamSave({ rows, loaded, m, formatDay });
    const state: SaveState = {
      session,
      loaded,
      writes: [],
      marks: [],
      clearRows: new Set(plan.clean),
      saved: 0,
      created: 0,
      conflicts: 0,
      invalid: 0,
    };
    const touched = new Set([...plan.creations.map((c) => c.row), ...plan.updates.map((u) => u.row), ...plan.problems.map((p) => p.row)]);
    if (rows.length > 0)
      for (const row of rowsWithMarks(table, rows[0]!.row, rows[rows.length - 1]!.row)) if (!touched.has(row)) state.clearRows.add(row);
    for (const p of plan.problems) {
      state.marks.push({ row: p.row, key: p.key, tone: 'invalid', note: m.save.invalidNote(p.message) });
      state.clearRows.add(p.row);
    }
    state.invalid += new Set(plan.problems.map((p) => p.row)).size;
    if (plan.creations.length + plan.updates.length + plan.problems.length === 0) {
      // Rows put back as they were loaded lose their old marks; nothing is sent.
      applyMarks(table, state.clearRows, []);
      return null;
    }
    for (const update of plan.updates) sendUpdate(state, update, true);
    for (const creation of plan.creations) {
      try {
        settle(state, creation.row, addTeamMember(creation.body));
        state.created++;
      } catch (e) {
        if (!isApiError(e)) throw e;
        // A retry after a lost answer finds the manager it created: the same id and e-mail.
        const email = String(creation.body.email).trim().toLowerCase();
        const same = e.kind === 'duplicate' ? fetchTeam().find((t) => t.id === creation.body.id && t.email === email) : undefined;
        if (same) {
          settle(state, creation.row, same);
          state.created++;
        } else if (e.kind === 'invalid-input' || e.kind === 'duplicate') markInvalid(state, creation.row, e);
        else throw e;
      }
    }
    writeOutcome(table, rows, state);
    writeLoaded(session, state.loaded);
    return state;
  });
  if (state === null) {
    toast(session, m.save.nothing);
    return;
  }
  const text = m.admin.team.saved(state);
  if (state.conflicts + state.invalid > 0) alert(session, text);
  else toast(session, text);
}
