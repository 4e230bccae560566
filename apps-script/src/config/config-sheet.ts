// The head of sales' "Config" sheet: load the rules in force, publish the sheet as a new version,
// every error on its own cell (red, with a note) and in a sidebar list with "go to cell", and a
// version published meanwhile by someone else merged in, never overwritten in silence.
import { fetchRules, fetchRulesVersion, fetchTeam, publishRules } from '../api/admin-api.ts';
import { isApiError } from '../api/api-error.ts';
import type { PublishedRules, TeamMember } from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import type { ProblemView, PublishAnswer, PublishOutcome, SidebarAnswer } from '../page-contract.ts';
import { applyMarks, type CellMark } from '../sheet/cell-marks.ts';
import { columnLetter, type CellValue } from '../sheet/cell-values.ts';
import { ensureRows, openManagedTable } from '../sheet/managed-sheet.ts';
import { readTable, writeRows, type RowWrite, type Table } from '../sheet/table-io.ts';
import type { ColumnSpec, TableSpec } from '../sheet/table-spec.ts';
import { alert, runSidebarCall, toast, UserError } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import { showSidebar } from '../workspace/pages.ts';
import type { ActionContext } from '../workspace/session.ts';
import { choiceLabels, settingSpec, statusRowKey, tiers, type TierKey } from './config-layout.ts';
import { validationFor } from './config-validation.ts';
import {
  canonicalRows,
  configRows,
  kindFormats,
  readConfig,
  type CellProblem,
  type ConfigColumnKey,
  type ConfigRow,
  type InputColumn,
  type ReadConfig,
  type SheetConfigRow,
} from './config-values.ts';
import { checkRules, problemsOfIssues } from './config-problems.ts';
import { describeChange, describeRow, mergeNewerRules } from './config-versions.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type ConfigTable = Table<ConfigColumnKey>;

const versionProperty = 'clientbase.config.version';
const labelProtection = 'clientbase: config labels';

const column = (key: ConfigColumnKey, role: ColumnSpec<ConfigColumnKey>['role'], width?: number): ColumnSpec<ConfigColumnKey> => ({
  key,
  role,
  format: 'text',
  header: (m) => m.admin.config.columns[key],
  ...(width ? { width } : {}),
});

export const configTable: TableSpec<ConfigColumnKey> = {
  id: 'config',
  title: (m) => m.admin.sheets.config,
  // Setting and Value are typed into (a tier's threshold sits in Setting); the labels are protected row by row.
  columns: [
    column('section', 'derived', 130),
    column('setting', 'editable', 230),
    column('value', 'editable', 150),
    column('unit', 'derived', 110),
    column('about', 'derived', 460),
    column('key', 'system'),
    column('loaded', 'system'),
  ],
  idKey: 'key',
};

function openTable(session: ActionContext, repair: boolean): ConfigTable | null {
  const opened = openManagedTable(session.spreadsheet, configTable, session.m, { repair, rows: 40 });
  if (opened.status === 'absent') return null;
  if (opened.status === 'broken') throw new UserError(session.m.admin.config.layoutBroken);
  return { sheet: opened.sheet, spec: opened.spec, columns: opened.columns };
}

function when(session: ActionContext, iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : Utilities.formatDate(date, session.timeZone, 'yyyy-MM-dd HH:mm');
}

function statusLine(session: ActionContext, published: PublishedRules, names: ReadonlyMap<string, string>): string {
  const c = session.m.admin.config;
  if (published.version === 0) return c.neverPublished;
  return c.publishedBy(when(session, published.publishedAt), names.get(published.publishedBy ?? '') ?? published.publishedBy ?? '?');
}

/** The sheet's rows now, by their key column, with what each input cell shows. */
function readRows(table: ConfigTable): { rows: SheetConfigRow[]; rowByKey: Map<string, number>; lastRow: number } {
  const values = readTable(table);
  const lastRow = table.sheet.getLastRow();
  const width = Math.max(table.columns.setting, table.columns.value);
  const display = lastRow >= 2 ? table.sheet.getRange(2, 1, lastRow - 1, width).getDisplayValues() : [];
  const rows: SheetConfigRow[] = [];
  const rowByKey = new Map<string, number>();
  values.forEach((r, i) => {
    const key = String(r.cells.key ?? '').trim();
    if (key === '' || rowByKey.has(key)) return;
    rowByKey.set(key, r.row);
    const shown = display[i] ?? [];
    rows.push({
      key,
      row: r.row,
      setting: { value: r.cells.setting, display: String(shown[table.columns.setting - 1] ?? '') },
      value: { value: r.cells.value, display: String(shown[table.columns.value - 1] ?? '') },
      loaded: String(r.cells.loaded ?? ''),
    });
  });
  return { rows, rowByKey, lastRow };
}

/**
 * Lays the published version out on the sheet: every managed cell of every row rewritten, formats
 * and validation per input cell, labels protected (warning only), the add-on's marks cleared.
 */
function render(session: ActionContext, table: ConfigTable, published: PublishedRules, team: readonly TeamMember[]): void {
  const { m } = session;
  const names = new Map(team.map((t) => [t.id, t.name]));
  const rows = configRows(published, m, statusLine(session, published, names));
  const previousLast = table.sheet.getLastRow();
  const last = Math.max(previousLast, rows.length + 1);
  ensureRows(table.sheet, configTable, table.columns, last, m);
  const formats = new Map<string, string[]>();
  const addFormat = (format: string, a1: string) => formats.set(format, [...(formats.get(format) ?? []), a1]);
  const validations: Record<InputColumn, Array<Array<GoogleAppsScript.Spreadsheet.DataValidation | null>>> = { setting: [], value: [] };
  rows.forEach((row, i) => {
    for (const col of ['setting', 'value'] as const) {
      const input = row.inputs[col];
      const a1 = `${columnLetter(table.columns[col])}${i + 2}`;
      addFormat(input ? kindFormats[input.kind] : '@', a1);
      const choices = input?.choices ? Object.values(choiceLabels(input.choices, m)) : undefined;
      validations[col].push([input ? validationFor(input.kind, input.path, m, team, choices) : null]);
    }
  });
  for (let r = rows.length + 2; r <= last; r++) for (const col of ['setting', 'value'] as const) validations[col].push([null]);
  // Formats before values: a day written into a text cell would stay text.
  for (const [format, cells] of formats) table.sheet.getRangeList(cells).setNumberFormat(format);
  for (const col of ['setting', 'value'] as const)
    table.sheet.getRange(2, table.columns[col], last - 1, 1).setDataValidations(validations[col]);
  const current = readTable(table);
  const writes: RowWrite<ConfigColumnKey>[] = rows.map((row, i) => ({ row: i + 2, cells: row.cells }));
  const blank = Object.fromEntries(configTable.columns.map((c) => [c.key, ''])) as Record<ConfigColumnKey, CellValue>;
  for (let r = rows.length + 2; r <= previousLast; r++) writes.push({ row: r, cells: blank });
  writeRows(table, current, writes);
  protectLabels(table.sheet, table, rows);
  table.sheet.getRangeList([`A2:${columnLetter(table.columns.value)}2`]).setFontWeight('bold');
  const allRows = new Set(Array.from({ length: last - 1 }, (_, i) => i + 2));
  applyMarks(table, allRows, []);
  PropertiesService.getDocumentProperties().setProperty(versionProperty, String(published.version));
}

/** Warning-only protection on the Setting cells that are labels (a tier's threshold is typed there). */
function protectLabels(sheet: Sheet, table: ConfigTable, rows: readonly ConfigRow[]): void {
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) if (p.getDescription() === labelProtection) p.remove();
  const col = table.columns.setting;
  let start = -1;
  rows.forEach((row, i) => {
    const label = row.role !== 'tier';
    const next = rows[i + 1];
    if (label && start < 0) start = i;
    if (label && (!next || next.role === 'tier')) {
      sheet
        .getRange(start + 2, col, i - start + 1, 1)
        .protect()
        .setDescription(labelProtection)
        .setWarningOnly(true);
      start = -1;
    }
  });
}

/** Unpublished edits on the sheet: rows whose value is no longer the one loaded. */
function editedRows(session: ActionContext, rows: readonly SheetConfigRow[]): string[] {
  const read = readConfig(rows, session.m, session.formatDay);
  return rows.filter((r) => read.now.has(r.key) && read.now.get(r.key) !== r.loaded).map((r) => r.key);
}

/** Menu: the rules in force onto the Config sheet (asks first when that would drop unpublished edits). */
export function loadConfig(session: ActionContext): void {
  const { m } = session;
  const published = fetchRules();
  const team = fetchTeam();
  const loaded = withDocumentLock(session, () => {
    const existing = openTable(session, false);
    if (existing) {
      const edited = editedRows(session, readRows(existing).rows);
      if (edited.length > 0) {
        const ui = SpreadsheetApp.getUi();
        if (ui.alert(m.admin.config.loadTitle, m.admin.config.dropEdits(edited.length), ui.ButtonSet.YES_NO) !== ui.Button.YES)
          return false;
      }
    }
    const table = openTable(session, true)!;
    render(session, table, published, team);
    table.sheet.activate();
    return true;
  });
  if (loaded) toast(session, m.admin.config.loaded(published.version));
}

function label(key: string | null, m: Messages): string {
  if (key === null) return m.admin.config.wholeConfig;
  const setting = settingSpec(key);
  if (setting) return m.admin.config.settings[setting.key].label;
  const [tier, slot] = key.split('#') as [TierKey, string | undefined];
  const words = m.admin.config.tiers[tier];
  return words ? (slot === undefined ? words.title : `${words.title} ${Number(slot) + 1}`) : key;
}

function markProblems(
  session: ActionContext,
  table: ConfigTable,
  rowByKey: ReadonlyMap<string, number>,
  lastRow: number,
  problems: readonly CellProblem[],
): ProblemView[] {
  const marks: CellMark<ConfigColumnKey>[] = [];
  const views: ProblemView[] = [];
  for (const p of problems) {
    const row = p.key === null ? undefined : rowByKey.get(p.key);
    if (row !== undefined) marks.push({ row, key: p.column, tone: 'invalid', note: session.m.save.invalidNote(p.message) });
    views.push({
      key: p.key,
      column: p.column,
      label: label(p.key, session.m),
      cell: row !== undefined ? `${columnLetter(table.columns[p.column])}${row}` : '',
      message: p.message,
    });
  }
  applyMarks(table, new Set(Array.from({ length: Math.max(lastRow - 1, 0) }, (_, i) => i + 2)), marks);
  return views;
}

function loadedVersion(): number {
  return Number(PropertiesService.getDocumentProperties().getProperty(versionProperty) ?? 'NaN');
}

/** Another admin published meanwhile: their changes come in where this sheet left a value as loaded. */
function mergeNewer(
  session: ActionContext,
  table: ConfigTable,
  rows: readonly SheetConfigRow[],
  now: ReadonlyMap<string, string>,
  version: number,
): string {
  const { m } = session;
  const answer = fetchRulesVersion(version);
  const current = answer.current;
  const team = fetchTeam();
  const names = new Map(team.map((t) => [t.id, t.name]));
  const slots = new Map<TierKey, number>(tiers.map((t) => [t.key, rows.filter((r) => r.key.startsWith(`${t.key}#`)).length]));
  const theirs = canonicalRows(current.rules, slots);
  const loaded = new Map(rows.map((r) => [r.key, r.loaded]));
  const { take, conflicts } = mergeNewerRules({ now, loaded, theirs });
  const byKey = new Map(rows.map((r) => [r.key, r.row]));
  const fresh = new Map(configRows(current, m, statusLine(session, current, names)).map((r) => [r.key, r]));
  const writes: RowWrite<ConfigColumnKey>[] = [];
  for (const r of rows) {
    const row = fresh.get(r.key);
    if (!row) continue;
    writes.push({ row: r.row, cells: take.includes(r.key) || r.key === statusRowKey ? row.cells : { loaded: row.cells.loaded } });
  }
  writeRows(table, readTable(table), writes);
  const who = names.get(current.publishedBy ?? '') ?? current.publishedBy ?? '?';
  const marks: CellMark<ConfigColumnKey>[] = conflicts.flatMap((key) => {
    const row = byKey.get(key);
    if (row === undefined) return [];
    const col: InputColumn = settingSpec(key) ? 'value' : 'setting';
    return [
      {
        row,
        key: col,
        tone: 'conflict' as const,
        note: m.admin.config.conflictNote(describeRow(key, current.rules, m), who, when(session, current.publishedAt)),
      },
    ];
  });
  applyMarks(table, new Set(rows.map((r) => r.row)), marks);
  PropertiesService.getDocumentProperties().setProperty(versionProperty, String(current.version));
  const notShown = [...theirs.keys()].filter((k) => !byKey.has(k) && theirs.get(k) !== '').length;
  return m.admin.config.conflict({
    version: current.version,
    who,
    when: when(session, current.publishedAt),
    changes: answer.changes.map((c) => describeChange(c, m)),
    taken: take.length,
    conflicts: conflicts.length,
    notShown,
  });
}

/** The Config sheet's rules as edited, read and checked; when some cell is wrong, every wrong cell marked (red, with a note) and listed. */
export type EditedRules =
  | { status: 'valid'; table: ConfigTable; rows: SheetConfigRow[]; rowByKey: Map<string, number>; lastRow: number; read: ReadConfig }
  | { status: 'invalid'; problems: ProblemView[] };

/**
 * Reads the edited rules off the Config sheet and checks them with the base's own schema, as
 * Publish and Preview effect both need them (called under the document lock).
 */
export function readEditedRules(session: ActionContext): EditedRules {
  const { m } = session;
  const table = openTable(session, false);
  if (!table) throw new UserError(m.admin.config.noSheet);
  const { rows, rowByKey, lastRow } = readRows(table);
  const read = readConfig(rows, m, session.formatDay);
  if (read.missing.length > 0) throw new UserError(m.admin.config.missingRows(read.missing.map((k) => label(k, m)).join(', ')));
  // Cells that could not be read are left out of the rules checked, so each cell gets one message.
  const unread = new Set(read.problems.map((p) => `${p.key}|${p.column}`));
  const problems = [...read.problems, ...checkRules(read.rules, read.sent, m).filter((p) => !unread.has(`${p.key}|${p.column}`))];
  if (problems.length > 0) return { status: 'invalid', problems: markProblems(session, table, rowByKey, lastRow, problems) };
  return { status: 'valid', table, rows, rowByKey, lastRow, read };
}

/** Publish the sheet: checked here first (the base's own schema), then by the base; nothing changes unless all of it is valid. */
export function publishConfig(session: ActionContext): PublishOutcome {
  const { m } = session;
  return withDocumentLock(session, () => {
    const edited = readEditedRules(session);
    if (edited.status === 'invalid') return edited;
    const { table, rows, rowByKey, lastRow, read } = edited;
    const version = loadedVersion();
    if (!Number.isInteger(version)) throw new UserError(m.admin.config.noSheet);
    try {
      const published = publishRules(read.rules, version);
      render(session, table, published, fetchTeam());
      return { status: 'published', version: published.version };
    } catch (e) {
      if (!isApiError(e)) throw e;
      if (e.kind === 'invalid-input' && e.fieldErrors.length > 0)
        return {
          status: 'invalid',
          problems: markProblems(session, table, rowByKey, lastRow, problemsOfIssues(e.fieldErrors, read.sent, m)),
        };
      if (e.kind === 'conflict') return { status: 'conflict', message: mergeNewer(session, table, rows, read.now, version) };
      throw e;
    }
  });
}

/** Menu: publish; errors open the sidebar that lists them with "go to cell". */
export function publishConfigFromMenu(session: ActionContext): void {
  const outcome = publishConfig(session);
  if (outcome.status === 'published') {
    toast(session, session.m.admin.config.published(outcome.version));
  } else if (outcome.status === 'conflict') {
    alert(session, outcome.message, session.m.admin.config.conflictTitle);
  } else {
    showSidebar(session, 'PublishErrors', session.m.admin.config.errorsTitle, { problems: outcome.problems, admin: session.m.admin.pages });
    toast(session, session.m.admin.config.notPublished(outcome.problems.length));
  }
}

/** The sidebar's "Publish again". */
export function configPublishAgain(): PublishAnswer {
  return runSidebarCall((session) => ({ outcome: publishConfig(session) }));
}

/** The sidebar's "go to cell": the row is found by its key now, wherever it is. */
export function configGoTo(key: string, col: string): SidebarAnswer<{ cell: string }> {
  return runSidebarCall((session) => {
    const table = withDocumentLock(session, () => openTable(session, false));
    if (!table) throw new UserError(session.m.admin.config.noSheet);
    const { rowByKey } = readRows(table);
    const row = rowByKey.get(String(key));
    if (row === undefined) throw new UserError(session.m.admin.config.rowGone(label(String(key), session.m)));
    const range = table.sheet.getRange(row, table.columns[col === 'setting' ? 'setting' : 'value']);
    table.sheet.activate();
    range.activate();
    return { cell: range.getA1Notation() };
  });
}
