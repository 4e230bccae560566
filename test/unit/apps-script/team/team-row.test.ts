import { describe, expect, it } from 'vitest';
import type { TeamMember } from '../../../../functions/src/api/contract.ts';
import { messagesFor } from '../../../../apps-script/src/messages.ts';
import type { CellValue } from '../../../../apps-script/src/sheet/cell-values.ts';
import type { LoadedRecord, TableRow } from '../../../../apps-script/src/sheet/table-spec.ts';
import {
  canonicalMember,
  memberCells,
  planTeamRefresh,
  planTeamSave,
  type TeamColumnKey,
  type TeamField,
} from '../../../../apps-script/src/team/team-row.ts';

const en = messagesFor('en');
const formatDay = (d: Date) => d.toISOString().slice(0, 10);
const member = (id: string, over: Partial<TeamMember> = {}): TeamMember => ({
  id,
  name: `Name ${id}`,
  email: `${id}@x.ru`,
  level: 1,
  role: 'manager',
  active: true,
  version: 2,
  ...over,
});
const row = (n: number, m: TeamMember, over: Partial<Record<TeamColumnKey, CellValue>> = {}): TableRow<TeamColumnKey> => ({
  row: n,
  cells: { ...memberCells(m, en), ...over },
});
const blank = (n: number, over: Partial<Record<TeamColumnKey, CellValue>> = {}): TableRow<TeamColumnKey> => ({
  row: n,
  cells: {
    id: '',
    name: '',
    email: '',
    level: '',
    role: '',
    status: '',
    away: '',
    leftOn: '',
    managerId: '',
    version: '',
    hash: '',
    ...over,
  },
});
const loadedOf = (...members: TeamMember[]) =>
  new Map<string, LoadedRecord<TeamField>>(members.map((m) => [m.id, { id: m.id, version: m.version, values: canonicalMember(m) }]));

describe('what the Team sheet saves', () => {
  it('sends a changed level or name on the version it was loaded at, and "Left → Active" as a re-activation', () => {
    const [a, b] = [member('anna'), member('oleg', { active: false, deactivatedAt: '2025-06-01' })];
    const plan = planTeamSave({
      rows: [row(2, a, { level: 2, name: 'Anna O.' }), row(3, b, { status: 'Active' })],
      loaded: loadedOf(a, b),
      m: en,
      formatDay,
    });
    expect(plan.updates.map((u) => [u.id, u.body])).toEqual([
      ['anna', { expectedVersion: 2, name: 'Anna O.', level: 2 }],
      ['oleg', { expectedVersion: 2, active: true }],
    ]);
    expect(plan.problems).toEqual([]);
  });

  it('refuses to change an id or an e-mail, or to let someone go from a cell, naming the cell', () => {
    const a = member('anna');
    const plan = planTeamSave({
      rows: [row(2, a, { id: 'anna2', email: 'new@x.ru', status: 'Left' })],
      loaded: loadedOf(a),
      m: en,
      formatDay,
    });
    expect(plan.updates).toEqual([]);
    expect(plan.problems.map((p) => p.key)).toEqual(['id', 'email', 'status']);
    expect(plan.problems[2]!.message).toMatch(/Offboard a manager/);
  });

  it('adds a typed row as a new manager; a level that is no number is asked for at once, the rest the base checks', () => {
    const plan = planTeamSave({
      rows: [
        blank(5, { id: 'dina', name: 'Dina', email: 'dina@x.ru', level: 1, role: 'Head of sales' }),
        blank(6, { id: 'bad id', name: 'X', email: 'not-mail', level: 'one' }),
        blank(7, { id: 'bad id', name: 'X', email: 'not-mail', level: 2 }),
      ],
      loaded: new Map(),
      m: en,
      formatDay,
    });
    expect(plan.creations).toEqual([
      { row: 5, body: { id: 'dina', name: 'Dina', email: 'dina@x.ru', level: 1, role: 'admin' }, now: expect.any(Object) },
      { row: 7, body: { id: 'bad id', name: 'X', email: 'not-mail', level: 2, role: 'manager' }, now: expect.any(Object) },
    ]);
    expect(plan.problems).toEqual([{ row: 6, key: 'level', message: 'is required' }]);
  });

  it('refreshes clean rows in place, keeps an edited one, appends new people and never removes anyone', () => {
    const [a, b] = [member('anna'), member('boris')];
    const plan = planTeamRefresh({
      rows: [row(2, a, { name: 'Typed' }), row(3, b), row(4, member('gone'))],
      members: [{ ...a, version: 3, name: 'New' }, { ...b, level: 3, version: 3 }, member('dina', { level: 2 })],
      loaded: loadedOf(a, b),
      m: en,
      formatDay,
    });
    expect(plan.keptEdited).toBe(1);
    expect(plan.writes.map((w) => [w.row, w.cells.name ?? null, w.cells.level ?? null])).toEqual([
      [3, 'Name boris', 3],
      [5, 'Name dina', 2],
      [2, null, null],
    ]);
    expect(plan.unknown).toEqual([4]);
    expect(plan.loaded.get('anna')!.version).toBe(2);
  });
});

describe('the Away column', () => {
  const leaves = [
    { from: '2027-01-10', to: '2027-01-24' },
    { from: '2027-03-01', to: '2027-03-05' },
  ];

  it('shows leaves as "from..to; from..to" and a row without any hashes as it did before the column', () => {
    const cells = memberCells(member('anna', { absences: leaves }), en);
    expect(cells.away).toBe('2027-01-10..2027-01-24; 2027-03-01..2027-03-05');
    expect(memberCells(member('oleg'), en).away).toBe('');
  });

  it('sends the typed leaves as the whole new list, a lone day (even one Sheets made a date) as one day, a cleared cell as none', () => {
    const a = member('anna', { absences: leaves });
    const plan = planTeamSave({
      rows: [
        row(2, a, { away: '2027-01-10 – 2027-01-20;2027-04-01' }),
        row(3, member('oleg'), { away: new Date('2027-02-01T00:00:00Z') }),
        row(4, member('vera', { absences: leaves }), { away: '' }),
      ],
      loaded: loadedOf(a, member('oleg'), member('vera', { absences: leaves })),
      m: en,
      formatDay,
    });
    expect(plan.updates.map((u) => [u.id, u.body])).toEqual([
      [
        'anna',
        {
          expectedVersion: 2,
          absences: [
            { from: '2027-01-10', to: '2027-01-20' },
            { from: '2027-04-01', to: '2027-04-01' },
          ],
        },
      ],
      ['oleg', { expectedVersion: 2, absences: [{ from: '2027-02-01', to: '2027-02-01' }] }],
      ['vera', { expectedVersion: 2, absences: [] }],
    ]);
  });

  it('puts leaves on a new manager, and the same leaves retyped with other spacing are no change', () => {
    const a = member('anna', { absences: leaves });
    const plan = planTeamSave({
      rows: [
        row(2, a, { away: '2027-01-10 .. 2027-01-24 ;  2027-03-01..2027-03-05' }),
        blank(3, { id: 'gleb', name: 'Gleb', email: 'gleb@x.ru', level: 1, away: '2027-05-01..2027-05-14' }),
      ],
      loaded: loadedOf(a),
      m: en,
      formatDay,
    });
    expect(plan.updates).toEqual([]);
    expect(plan.creations.map((c) => c.body)).toEqual([
      { id: 'gleb', name: 'Gleb', email: 'gleb@x.ru', level: 1, role: 'manager', absences: [{ from: '2027-05-01', to: '2027-05-14' }] },
    ]);
  });
});
