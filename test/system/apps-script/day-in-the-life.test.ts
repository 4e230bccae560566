import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyToday } from '../../../functions/src/core/calendar.ts';
import type { AddonHarness } from '../../support/apps-script/index.ts';
import { seedBook } from '../../support/manager-book.ts';
import { col, startAddonWorld, type AddonWorld } from './addon-world.ts';

// A manager's day with the built add-on in a Sheets double, on the real API and the real emulator:
// load a book of 10,000; sort it; add a column of their own; edit and save; run into a colleague's
// edit and keep their own; lose two clients to the rotation and see the sheet say so. Their own
// formula column must come through all of it.
const sheet = 'My clients';
const today = companyToday('Europe/Moscow');
let world: AddonWorld;
let addon: AddonHarness;
let annaIds: string[];
let borisIds: string[];

beforeAll(async () => {
  world = await startAddonWorld('addon-day');
  await world.addManager({ id: 'anna', name: 'Anna Orlova' });
  await world.addManager({ id: 'boris', name: 'Boris Petrov' });
  await world.addManager({ id: 'head', name: 'Olga Head', role: 'admin', level: 9 });
  // Two of each book are stale today: the rotation swaps them between Anna and Boris.
  annaIds = await seedBook(world.db, { managerId: 'anna', count: 10_000, today, stale: 2 });
  borisIds = await seedBook(world.db, { managerId: 'boris', count: 20, today, stale: 2 });
  addon = await world.open({ as: 'anna' });
}, 120_000);
afterAll(() => world?.close());

const grid = () => addon.spreadsheet.grid(sheet);
const rowOf = (id: string) => grid().findIndex((line) => line[col.clientId - 1] === id) + 1;
const cellOf = (id: string, column: number) => grid()[rowOf(id) - 1]![column - 1];
const letter = (column: number) => String.fromCharCode(64 + column);
/** The person's own column, right of the hidden ones, and the formula they fill it with. */
const own = col.hash + 1;
const ownFormula = (r: number) => `=${letter(col.dealCount)}${r}*2`;
const server = async (id: string) => (await world.db.collection('clients').doc(id).get()).data()!;

/** Every data row's formula in the person's own column still points at its own row. */
function expectOwnColumnIntact(): void {
  const formulas = addon.spreadsheet.formulas(sheet);
  const lastRow = grid().length;
  for (let r = 2; r <= lastRow; r++) expect(formulas[r - 1]![own - 1], `${letter(own)}${r}`).toBe(ownFormula(r));
}

describe('a day in the life of a sales manager', () => {
  it('opens the spreadsheet, loads 10,000 clients, sorts them, adds a column of their own', () => {
    addon.trigger('onOpen');
    // Every item, the head of sales' submenu included, names a function the bundle declares.
    expect(addon.ui.menuFunctions().length).toBeGreaterThan(20);
    for (const fn of addon.ui.menuFunctions()) expect(addon.topLevelFunctions()).toContain(fn);

    addon.call('menuRefreshMyClients');
    expect(addon.ui.toasts.at(-1)?.message).toBe('10,000 clients loaded; 10,000 new. 2 clients are about to rotate: see Today.');
    expect(addon.counts.unlockedWrites).toBe(0);
    const loaded = grid();
    expect(loaded).toHaveLength(10_001);
    expect(new Set(loaded.slice(1).map((line) => line[col.clientId - 1]))).toEqual(new Set(annaIds));

    addon.spreadsheet.userSort(sheet, letter(col.lastDealAt), false);
    const days = grid()
      .slice(1)
      .map((line) => line[col.lastDealAt - 1])
      .filter((d): d is Date => d instanceof Date)
      .map((d) => d.getTime());
    expect(days).toEqual([...days].sort((a, b) => b - a));

    addon.spreadsheet.userEdit(sheet, `${letter(own)}1`, 'Deals ×2');
    // Filled down, as a person does: one formula per row, each pointing at its own row.
    addon.spreadsheet.userEdit(
      sheet,
      `${letter(own)}2`,
      Array.from({ length: 10_000 }, (_, i) => [ownFormula(i + 2)]),
    );
    expectOwnColumnIntact();
  });

  it('edits three rows and saves them: three applied, nothing else sent', async () => {
    const [a, b, c] = [annaIds[10]!, annaIds[20]!, annaIds[30]!];
    addon.spreadsheet.userEdit(sheet, `A${rowOf(a)}`, 'Romashka LLC');
    addon.spreadsheet.userEdit(sheet, `D${rowOf(b)}`, '8 (903) 111-22-33');
    addon.spreadsheet.userEdit(sheet, `G${rowOf(c)}`, 'Referral');
    addon.fetches.reset();
    addon.call('menuSaveMyClients');
    expect(addon.ui.toasts.at(-1)?.message).toBe('3 rows saved.');
    expect(addon.fetches.map((f) => `${f.method} ${new URL(f.url).pathname}`)).toEqual(['POST /clients/batch']);
    expect(await server(a)).toMatchObject({ name: 'Romashka LLC', version: 2 });
    expect(await server(b)).toMatchObject({ phones: ['+79031112233'], version: 2 });
    expect(await server(c)).toMatchObject({ source: 'referral', version: 2 });
    // The sheet shows what the base stored (the phone normalised) at the new version.
    expect(cellOf(b, col.phones)).toBe('+79031112233');
    expect(cellOf(a, col.version)).toBe(2);
    expectOwnColumnIntact();
  });

  it("runs into a colleague's edit of the same cell: the conflict is shown and the manager's value kept", async () => {
    const a = annaIds[10]!;
    const byHead = await world.api('PATCH', `/clients/${a}`, 'head', { version: 2, changes: { name: 'Romashka (head office)' } });
    expect(byHead.status).toBe(200);
    addon.spreadsheet.userEdit(sheet, `A${rowOf(a)}`, 'Romashka Group');
    addon.call('menuSaveMyClients');
    expect(addon.ui.alerts.at(-1)?.prompt).toContain('1 conflict');
    const cell = addon.spreadsheet.cell(sheet, `A${rowOf(a)}`);
    expect(cell.value).toBe('Romashka Group');
    expect(cell.note).toContain('Olga Head changed it on');
    expect(cell.note).toContain('Romashka (head office)');
    expect(cell.background).toBe('#fce8b2');
    expect((await server(a)).name).toBe('Romashka (head office)');
    expectOwnColumnIntact();
  });

  it("keeps mine: the manager's value is saved on the new version and the marks go", async () => {
    const a = annaIds[10]!;
    addon.spreadsheet.userSelect(sheet, `A${rowOf(a)}`);
    addon.call('menuKeepMine');
    expect(addon.ui.toasts.at(-1)?.message).toBe('1 row saved with your values.');
    expect(await server(a)).toMatchObject({ name: 'Romashka Group', version: 4 });
    const cell = addon.spreadsheet.cell(sheet, `A${rowOf(a)}`);
    expect(cell.note).toBe('');
    expect(cell.background).toBe('#ffffff');
    expect(cellOf(a, col.version)).toBe(4);
  });

  it('loses two clients to the rotation: refresh removes exactly those rows and says why', async () => {
    const done = await world.awaitJob(await world.api('POST', '/admin/rotation/apply', 'head', {}), 'head');
    const moves = done.result.moves as Array<{ clientId: string; from: string; to: string }>;
    const gone = moves
      .filter((m) => m.from === 'anna')
      .map((m) => m.clientId)
      .sort();
    const arrived = moves
      .filter((m) => m.to === 'anna')
      .map((m) => m.clientId)
      .sort();
    expect(gone).toEqual(annaIds.slice(0, 2));
    expect(arrived).toEqual(borisIds.slice(0, 2));
    const rowsBefore = grid().length;

    addon.call('menuRefreshMyClients');
    const said = addon.ui.alerts.at(-1)!;
    expect(said.title).toBe('Clients no longer yours');
    expect(said.prompt).toContain(`2 rows were removed: 2 handed to colleagues by the rotation of ${today}`);
    const ids = grid()
      .slice(1)
      .map((line) => line[col.clientId - 1]);
    for (const id of gone) expect(ids).not.toContain(id);
    for (const id of arrived) expect(ids).toContain(id);
    expect(ids).toHaveLength(rowsBefore - 1);
    // The clients handed over carry their report deadline.
    expect(cellOf(arrived[0]!, col.reportDueOn)).toBeInstanceOf(Date);
    expect(addon.counts.unlockedWrites).toBe(0);
    // The person's formulas went with the removed rows and stayed with every other one.
    const formulas = addon.spreadsheet.formulas(sheet);
    for (let r = 2; r <= ids.length + 1; r++) {
      const formula = formulas[r - 1]![own - 1];
      if (arrived.includes(ids[r - 2] as string)) expect(formula).toBe('');
      else expect(formula, `${letter(own)}${r}`).toBe(ownFormula(r));
    }
  });
});
