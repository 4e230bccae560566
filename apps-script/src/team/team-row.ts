// The "Team" sheet (the roster) as rows and back, and what Save sends. Pure. A manager's id and
// e-mail are fixed once they exist (the e-mail is how the base knows the person); name, level and
// role change in place; "Left" back to "Active" re-activates; leaving is offboarding, not a cell.
// "Away" lists the person's leaves, "2027-01-10..2027-01-24; 2027-03-01..2027-03-05".
import { absenceText, parseAbsenceText } from '../../../functions/src/schema/absence-text.ts';
import type { AddManagerBody, ChangeManagerBody, TeamMember } from '../../../functions/src/api/contract.ts';
import { messagesFor, type Messages } from '../messages.ts';
import { cellText, safeText, type CellValue, type DayFormatter } from '../sheet/cell-values.ts';
import { indexRowIdentities, rowIdentity, type IdentityKeys, type RowIdentity } from '../sheet/row-identity.ts';
import { rowHash } from '../sheet/row-hash.ts';
import type { ColumnSpec, LoadedRecord, RowWrite, TableRow, TableSpec } from '../sheet/table-spec.ts';

export const teamFields = ['id', 'name', 'email', 'level', 'role', 'status', 'away'] as const;
export type TeamField = (typeof teamFields)[number];
export type TeamColumnKey = TeamField | 'leftOn' | 'managerId' | 'version' | 'hash';
export type TeamCanonical = Record<TeamField, string>;

const choice = (pick: (m: Messages) => Record<string, string>) => (m: Messages) => Object.values(pick(m));
const col = (
  key: TeamColumnKey,
  role: ColumnSpec<TeamColumnKey>['role'],
  format: ColumnSpec<TeamColumnKey>['format'],
  extra: Partial<ColumnSpec<TeamColumnKey>> = {},
): ColumnSpec<TeamColumnKey> => ({
  key,
  role,
  format,
  header: (m) => m.admin.team.columns[key],
  ...extra,
});

export const teamTable: TableSpec<TeamColumnKey> & IdentityKeys<TeamColumnKey> = {
  id: 'team',
  title: (m) => m.admin.sheets.team,
  columns: [
    col('id', 'editable', 'text', { width: 110, note: (m) => m.admin.team.notes.id }),
    col('name', 'editable', 'text', { width: 200 }),
    col('email', 'editable', 'text', { width: 220, note: (m) => m.admin.team.notes.email }),
    col('level', 'editable', 'integer', { width: 60, note: (m) => m.admin.team.notes.level }),
    col('role', 'editable', 'choice', { width: 130, choices: choice((m) => m.admin.team.roles) }),
    col('status', 'editable', 'choice', {
      width: 90,
      choices: choice((m) => m.admin.team.statuses),
      note: (m) => m.admin.team.notes.status,
    }),
    col('leftOn', 'derived', 'text', { width: 100 }),
    col('away', 'editable', 'text', { width: 240, note: (m) => m.admin.team.notes.away }),
    col('managerId', 'system', 'text'),
    col('version', 'system', 'integer'),
    col('hash', 'system', 'text'),
  ],
  idKey: 'managerId',
  versionKey: 'version',
  hashKey: 'hash',
};

function code(labels: (m: Messages) => Record<string, string>, text: string): string {
  const wanted = text.trim().toLowerCase();
  for (const m of [messagesFor('en'), messagesFor('ru')])
    for (const [c, label] of Object.entries(labels(m))) if (c === wanted || label.toLowerCase() === wanted) return c;
  return text.trim();
}

export function canonicalMember(member: TeamMember): TeamCanonical {
  return {
    id: member.id,
    name: member.name,
    email: member.email,
    level: String(member.level),
    role: member.role,
    status: member.active ? 'active' : 'left',
    away: absenceText(member.absences),
  };
}

export function canonicalTeamRow(cells: Partial<Record<TeamColumnKey, CellValue>>, formatDay: DayFormatter): TeamCanonical {
  const text = (k: TeamColumnKey) => cellText(cells[k], formatDay);
  return {
    id: text('id'),
    name: text('name'),
    email: text('email'),
    level: text('level'),
    role: code((m) => m.admin.team.roles, text('role')),
    status: code((m) => m.admin.team.statuses, text('status')),
    away: absenceText(parseAbsenceText(text('away'))),
  };
}

// Without leaves a row hashes as before the Away column existed: sheets loaded earlier stay clean.
export const teamHash = (c: TeamCanonical) => rowHash(teamFields.filter((f) => f !== 'away' || c.away !== '').map((f) => c[f]));

export function memberCells(member: TeamMember, m: Messages): Record<TeamColumnKey, CellValue> {
  const c = canonicalMember(member);
  return {
    id: safeText(member.id),
    name: safeText(member.name),
    email: member.email,
    level: member.level,
    role: m.admin.team.roles[member.role],
    status: m.admin.team.statuses[member.active ? 'active' : 'left'],
    away: c.away,
    leftOn: member.active ? '' : (member.deactivatedAt ?? ''),
    managerId: member.id,
    version: member.version,
    hash: teamHash(c),
  };
}

export type TeamProblem = { row: number; key: TeamField; message: string };
export type TeamCreation = { row: number; body: AddManagerBody; now: TeamCanonical };
export type TeamUpdate = {
  row: number;
  id: string;
  version: number;
  now: TeamCanonical;
  loaded: TeamCanonical | null;
  send: TeamField[];
  body: ChangeManagerBody;
};
export type TeamSavePlan = { creations: TeamCreation[]; updates: TeamUpdate[]; problems: TeamProblem[]; clean: number[] };

const isBlank = (c: TeamCanonical) => teamFields.every((f) => c[f] === '');

/** Which field of the row an error path of the API names. */
export function teamKeyOfPath(path: string): TeamField {
  const field = path.replace(/^(changes|body)\./, '').split(/[.[]/)[0] ?? '';
  if (field === 'active') return 'status';
  if (field === 'absences') return 'away';
  return (teamFields as readonly string[]).includes(field) ? (field as TeamField) : 'name';
}

/** A level that is not a whole number is asked for again; every other rule the base checks, and its words go to the cell. */
function levelProblems(row: number, body: { level?: unknown }, m: Messages): TeamProblem[] {
  return 'level' in body && typeof body.level !== 'number' ? [{ row, key: 'level', message: m.form.required }] : [];
}

function levelOf(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** A row the person changed, as the body of its PATCH: only what changed, on the version it was loaded at. */
export function changesFor(
  row: number,
  now: TeamCanonical,
  send: readonly TeamField[],
  version: number,
  m: Messages,
): { body: ChangeManagerBody; problems: TeamProblem[] } {
  const t = m.admin.team;
  const problems: TeamProblem[] = [];
  const body: Record<string, unknown> = { expectedVersion: version };
  for (const field of send) {
    if (field === 'id') problems.push({ row, key: 'id', message: t.idFixed });
    else if (field === 'email') problems.push({ row, key: 'email', message: t.emailFixed });
    else if (field === 'status') {
      if (now.status === 'active') body.active = true;
      else
        problems.push({
          row,
          key: 'status',
          message: now.status === 'left' ? t.offboardInstead : m.save.invalidChoice(Object.values(t.statuses).join(', ')),
        });
    } else if (field === 'level') body.level = levelOf(now.level);
    else if (field === 'role') body.role = now.role;
    else if (field === 'away') body.absences = parseAbsenceText(now.away);
    else body.name = now.name;
  }
  if (problems.length === 0) problems.push(...levelProblems(row, body, m));
  return { body: body as ChangeManagerBody, problems };
}

/** What Save sends: new rows as new managers, edited rows (their hash differs) as changes. */
export function planTeamSave(input: {
  rows: ReadonlyArray<TableRow<TeamColumnKey>>;
  loaded: ReadonlyMap<string, LoadedRecord<TeamField>>;
  m: Messages;
  formatDay: DayFormatter;
}): TeamSavePlan {
  const { rows, loaded, m, formatDay } = input;
  const plan: TeamSavePlan = { creations: [], updates: [], problems: [], clean: [] };
  const { copies } = indexRowIdentities(rows, teamTable, formatDay);
  const copyRows = new Set(copies.map((c) => c.row));
  for (const row of rows) {
    if (copyRows.has(row.row)) continue;
    const identity = rowIdentity(row, teamTable, formatDay);
    const now = canonicalTeamRow(row.cells, formatDay);
    if (identity.id === '') {
      if (isBlank(now)) continue;
      const body = {
        id: now.id,
        name: now.name,
        email: now.email,
        level: levelOf(now.level),
        role: now.role === '' ? 'manager' : now.role,
        ...(now.away !== '' ? { absences: parseAbsenceText(now.away) } : {}),
      } as AddManagerBody;
      const problems = levelProblems(row.row, body, m);
      if (now.status === 'left') problems.push({ row: row.row, key: 'status', message: m.admin.team.newIsActive });
      if (problems.length > 0) plan.problems.push(...problems);
      else plan.creations.push({ row: row.row, body, now });
      continue;
    }
    if (teamHash(now) === identity.hash) continue;
    const record = loaded.get(identity.id);
    const baseline = record && record.version === identity.version ? record.values : null;
    const send = teamFields.filter((f) => (baseline ? baseline[f] !== now[f] : true));
    if (send.length === 0) {
      plan.clean.push(row.row);
      continue;
    }
    const { body, problems } = changesFor(row.row, now, send, identity.version, m);
    if (problems.length > 0) plan.problems.push(...problems);
    else plan.updates.push({ row: row.row, id: identity.id, version: identity.version, now, loaded: baseline, send, body });
  }
  return plan;
}

export type TeamRefreshPlan = {
  writes: RowWrite<TeamColumnKey>[];
  loaded: Map<string, LoadedRecord<TeamField>>;
  keptEdited: number;
  added: number;
  unknown: number[];
};

/**
 * Clean rows take the roster's values; edited rows keep the person's (their "left on" refreshed);
 * people new to the roster are appended, most senior first. Nobody is ever removed: a row whose
 * id the roster no longer has is pointed out.
 */
export function planTeamRefresh(input: {
  rows: ReadonlyArray<TableRow<TeamColumnKey>>;
  members: readonly TeamMember[];
  loaded: ReadonlyMap<string, LoadedRecord<TeamField>>;
  m: Messages;
  formatDay: DayFormatter;
}): TeamRefreshPlan {
  const { rows, members, loaded, m, formatDay } = input;
  const { byId } = indexRowIdentities(rows, teamTable, formatDay);
  const rowOf = new Map(rows.map((r) => [r.row, r]));
  const plan: TeamRefreshPlan = { writes: [], loaded: new Map(), keptEdited: 0, added: 0, unknown: [] };
  let next =
    rows.reduce(
      (last, r) =>
        isBlank(canonicalTeamRow(r.cells, formatDay)) && rowIdentity(r, teamTable, formatDay).id === '' ? last : Math.max(last, r.row),
      1,
    ) + 1;
  const sorted = [...members].sort((a, b) => b.level - a.level || a.name.localeCompare(b.name));
  for (const member of sorted) {
    const at: RowIdentity | undefined = byId.get(member.id);
    const row = at ? rowOf.get(at.row) : undefined;
    if (at && row && teamHash(canonicalTeamRow(row.cells, formatDay)) !== at.hash) {
      plan.keptEdited++;
      plan.writes.push({ row: at.row, cells: { leftOn: member.active ? '' : (member.deactivatedAt ?? '') } });
      const baseline = loaded.get(member.id);
      if (baseline) plan.loaded.set(member.id, baseline);
      continue;
    }
    plan.loaded.set(member.id, { id: member.id, version: member.version, values: canonicalMember(member) });
    if (at) plan.writes.push({ row: at.row, cells: memberCells(member, m) });
    else {
      plan.writes.push({ row: next++, cells: memberCells(member, m) });
      plan.added++;
    }
  }
  const known = new Set(members.map((x) => x.id));
  for (const at of byId.values()) if (!known.has(at.id)) plan.unknown.push(at.row);
  return plan;
}
