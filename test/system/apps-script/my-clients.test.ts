import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyToday } from '../../../functions/src/core/calendar.ts';
import type { AddonHarness } from '../../support/apps-script/index.ts';
import { seedBook } from '../../support/manager-book.ts';
import { col, startAddonWorld, type AddonWorld } from './addon-world.ts';

// The "My clients" sheet against what people do to spreadsheets: columns inserted and moved, rows
// deleted, inserted, filtered and typed in the middle; a colleague's edit of another field; a
// second person opening the same file. And the cost: the same Spreadsheet calls for 50 or 500 rows.
const sheet = 'My clients';
const today = companyToday('Europe/Moscow');
let world: AddonWorld;
let anna: string[];

beforeAll(async () => {
  world = await startAddonWorld('addon-sheet');
  await world.addManager({ id: 'anna', name: 'Anna Orlova' });
  await world.addManager({ id: 'boris', name: 'Boris Petrov' });
  await world.addManager({ id: 'head', name: 'Olga Head', role: 'admin', level: 9 });
  anna = await seedBook(world.db, { managerId: 'anna', count: 50, today });
  await seedBook(world.db, { managerId: 'boris', count: 500, today });
}, 60_000);
afterAll(() => world?.close());

const server = async (id: string) => (await world.db.collection('clients').doc(id).get()).data()!;
const header = (addon: AddonHarness) => addon.spreadsheet.grid(sheet)[0]!.map(String);
const rowOf = (addon: AddonHarness, id: string) => addon.spreadsheet.grid(sheet).findIndex((line) => line.includes(id)) + 1;
const letter = (n: number) => String.fromCharCode(64 + n);

describe('the clients sheet against what people do to it', () => {
  it('builds only the menu when opened before any authorisation', async () => {
    const addon = await world.open({ as: 'anna' });
    addon.trigger('onOpen', { authMode: 'NONE' });
    const items = addon.ui.menus.at(-1)!.items.filter((i) => i.kind === 'item');
    expect(items.map((i) => i.functionName)).toEqual([
      ...['menuToday', 'menuRefreshMyClients', 'menuSaveMyClients'],
      ...['menuOpenClientCard', 'menuOpenMyTasks', 'menuShowMyBonus', 'menuDisputeLine', 'menuAcknowledgeStatement'],
      ...['menuKeepMine', 'menuTakeTheirs', 'menuCheckConnection'],
    ]);
    expect(items[0]).toMatchObject({ caption: 'Today: what to do now', functionName: 'menuToday' });
    expect(addon.fetches).toHaveLength(0);
    expect(addon.properties.document.size).toBe(0);
  });

  it('finds the columns from one header read while the header row is unchanged, and by their metadata once it changed', async () => {
    const addon = await world.open({ as: 'anna' });
    addon.call('menuRefreshMyClients');
    const s = addon.spreadsheet;
    addon.counts.reset();
    addon.call('menuRefreshMyClients');
    expect(addon.counts.get('Sheet.createDeveloperMetadataFinder')).toBe(0);
    // Kind and Size swapped, headers and all: the row differs, so the walk finds where each went.
    s.userMoveColumn(sheet, 'C', 'B');
    addon.counts.reset();
    const edited = anna[2]!;
    s.userEdit(sheet, `B${rowOf(addon, edited)}`, 'Large');
    addon.call('menuSaveMyClients');
    expect(addon.counts.get('Sheet.createDeveloperMetadataFinder')).toBe(1);
    expect(addon.ui.toasts.at(-1)?.message).toBe('1 row saved.');
    expect((await server(edited)).size).toBe('large');
  });

  it('finds its rows and columns after columns are inserted and moved and rows deleted, inserted and filtered', async () => {
    const addon = await world.open({ as: 'anna' });
    addon.call('menuRefreshMyClients');
    const s = addon.spreadsheet;
    // The person's own column between Kind and Size, with something in it for one client.
    s.userInsertColumnAfter(sheet, 'B');
    s.userEdit(sheet, 'C1', 'My notes');
    const noted = anna[3]!;
    s.userEdit(sheet, `C${rowOf(addon, noted)}`, 'call after lunch');
    // Phones dragged to the far left, a client's row deleted, blank rows inserted, a filter on.
    s.userMoveColumn(sheet, 'E', 'A');
    s.userDeleteRows(sheet, rowOf(addon, anna[7]!));
    s.userInsertRowsBefore(sheet, 10, 3);
    s.userFilter(sheet, header(addon).indexOf('Kind') + 1, ['Person']);
    // A new client typed into one of the blank rows in the middle.
    const nameAt = header(addon).indexOf('Name') + 1;
    const kindAt = header(addon).indexOf('Kind') + 1;
    const phoneAt = header(addon).indexOf('Phones') + 1;
    s.userEdit(sheet, `${letter(nameAt)}11`, 'Fresh Lead LLC');
    s.userEdit(sheet, `${letter(kindAt)}11`, 'Company');
    s.userEdit(sheet, `${letter(phoneAt)}11`, '+7 999 123-45-67');
    // An edit in the moved column.
    const edited = anna[5]!;
    s.userEdit(sheet, `A${rowOf(addon, edited)}`, '+7 916 555-00-11');

    addon.call('menuSaveMyClients');
    expect(addon.ui.toasts.at(-1)?.message).toBe('1 row saved; 1 new client added.');
    expect((await server(edited)).phones).toEqual(['+79165550011']);
    const created = (await world.db.collection('clients').where('name', '==', 'Fresh Lead LLC').get()).docs[0]!.data();
    expect(created).toMatchObject({ managerId: 'anna', attractedBy: 'anna', phones: ['+79991234567'], version: 1 });
    expect(s.grid(sheet)[10]).toContain(created.id);

    addon.call('menuRefreshMyClients');
    expect(addon.ui.toasts.at(-1)?.message).toBe('51 clients loaded; 1 new.');
    const ids = s
      .grid(sheet)
      .slice(1)
      .map((line) => line[header(addon).indexOf('Client id')])
      .filter(Boolean);
    expect(new Set(ids)).toEqual(new Set([...anna, created.id]));
    expect(ids).toHaveLength(51);
    // The person's column still has their note on the right client, and nothing else written in it.
    const notes = header(addon).indexOf('My notes');
    expect(s.grid(sheet).find((line) => line.includes(noted))![notes]).toBe('call after lunch');
    expect(
      s
        .grid(sheet)
        .filter((line) => line[notes] !== '')
        .map((line) => line[notes]),
    ).toEqual(['My notes', 'call after lunch']);
    expect(addon.counts.unlockedWrites).toBe(0);
  });

  it('adds a client typed in as already lost in one Save, the lost columns included', async () => {
    const addon = await world.open({ as: 'anna' });
    addon.call('menuRefreshMyClients');
    const s = addon.spreadsheet;
    const row = s.grid(sheet).length + 1;
    // Lost today: a holder dates a loss no earlier than the day the client came to them.
    const lostDay = new Date();
    s.userEdit(sheet, `${letter(col.name)}${row}`, 'Gone Before We Met LLC');
    s.userEdit(sheet, `${letter(col.kind)}${row}`, 'Company');
    s.userEdit(sheet, `${letter(col.phones)}${row}`, '+7 999 765-43-21');
    s.userEdit(sheet, `${letter(col.lostAt)}${row}`, lostDay);
    s.userEdit(sheet, `${letter(col.lostReason)}${row}`, 'chose a competitor');

    addon.call('menuSaveMyClients');
    expect(addon.ui.toasts.at(-1)?.message).toBe('1 new client added.');
    const created = (await world.db.collection('clients').where('name', '==', 'Gone Before We Met LLC').get()).docs[0]!.data();
    expect(created).toMatchObject({ managerId: 'anna', lostReason: 'chose a competitor', version: 2 });
    expect(created.lostAt).toEqual(expect.any(String));
    // The row now matches the base: a second Save has nothing to send.
    addon.call('menuSaveMyClients');
    expect(addon.ui.toasts.at(-1)?.message).toBe('Nothing to save: no row has changed since it was loaded.');
  });

  it('refuses to save into a sheet missing one of its columns, and refresh puts the column back', async () => {
    const addon = await world.open({ as: 'anna' });
    addon.call('menuRefreshMyClients');
    addon.spreadsheet.userDeleteColumns(sheet, letter(col.source));
    addon.spreadsheet.userEdit(sheet, 'A2', 'Renamed while broken');
    addon.call('menuSaveMyClients');
    expect(addon.ui.alerts.at(-1)?.prompt).toBe(
      "The sheet is missing clientbase's column(s) Source. Choose Load / refresh my clients to put them back, then save again.",
    );
    addon.call('menuRefreshMyClients');
    expect(header(addon)).toContain('Source');
    addon.call('menuSaveMyClients');
    expect(addon.ui.toasts.at(-1)?.message).toBe('1 row saved.');
  });

  it("merges a colleague's edit of another field silently; take theirs settles a real conflict and keeps the other edits", async () => {
    const addon = await world.open({ as: 'anna' });
    addon.call('menuRefreshMyClients');
    const [x, y] = [anna[20]!, anna[21]!];
    const vx = (await server(x)).version;
    const vy = (await server(y)).version;
    expect((await world.api('PATCH', `/clients/${x}`, 'head', { version: vx, changes: { emails: ['boss@example.com'] } })).status).toBe(
      200,
    );
    expect((await world.api('PATCH', `/clients/${y}`, 'head', { version: vy, changes: { name: 'Theirs' } })).status).toBe(200);
    addon.spreadsheet.userEdit(sheet, `A${rowOf(addon, x)}`, 'Mine X');
    addon.spreadsheet.userEdit(sheet, `A${rowOf(addon, y)}`, 'Mine Y');
    addon.spreadsheet.userEdit(sheet, `${letter(col.emails)}${rowOf(addon, y)}`, 'mine@example.com');
    addon.call('menuSaveMyClients');
    expect(addon.ui.alerts.at(-1)?.prompt).toContain('1 row saved; 1 conflict');
    expect(await server(x)).toMatchObject({ name: 'Mine X', emails: ['boss@example.com'] });
    expect(addon.spreadsheet.cell(sheet, `E${rowOf(addon, x)}`).value).toBe('boss@example.com');

    addon.spreadsheet.userSelect(sheet, `A${rowOf(addon, y)}:C${rowOf(addon, y)}`);
    addon.call('menuTakeTheirs');
    const row = rowOf(addon, y);
    expect(addon.spreadsheet.cell(sheet, `A${row}`)).toMatchObject({ value: 'Theirs', note: '' });
    expect(addon.spreadsheet.cell(sheet, `${letter(col.emails)}${row}`).value).toBe('mine@example.com');
    // The e-mail is still an unsaved edit of the manager's, now on the base's version.
    addon.call('menuSaveMyClients');
    expect(addon.ui.toasts.at(-1)?.message).toBe('1 row saved.');
    expect(await server(y)).toMatchObject({ name: 'Theirs', emails: ['mine@example.com'] });
  });

  it("will not let a second person empty or overwrite a spreadsheet that holds someone else's book", async () => {
    const addon = await world.open({ as: 'anna' });
    addon.call('menuRefreshMyClients');
    addon.setUser('boris@example.com');
    addon.call('menuRefreshMyClients');
    expect(addon.ui.alerts.at(-1)?.prompt).toBe(
      'This sheet holds the clients of anna@example.com, and you are signed in as boris@example.com. ' +
        'Open your own spreadsheet or sign in as anna@example.com.',
    );
    // The header and Anna's book: 50 seeded, 2 added by the tests above.
    expect(addon.spreadsheet.grid(sheet)).toHaveLength(53);
  });

  it('makes the same Spreadsheet calls for 500 rows as for 50', async () => {
    const calls = async (as: string) => {
      const addon = await world.open({ as });
      const out: Record<string, number> = {};
      addon.call('menuRefreshMyClients');
      addon.counts.reset();
      addon.call('menuRefreshMyClients');
      out.refresh = addon.counts.total;
      for (const r of [2, 5, 9]) addon.spreadsheet.userEdit(sheet, `A${r}`, `Edited ${r}`);
      addon.counts.reset();
      addon.call('menuSaveMyClients');
      out.save = addon.counts.total;
      out.getValues = addon.counts.get('getValues');
      out.setValues = addon.counts.get('setValues');
      return out;
    };
    const small = await calls('anna');
    const large = await calls('boris');
    expect(large).toEqual(small);
    expect(small.getValues).toBeLessThanOrEqual(4);
  });
});
