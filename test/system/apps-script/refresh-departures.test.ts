import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnLetter } from '../../../apps-script/src/sheet/cell-values.ts';
import { myClientsTable } from '../../../apps-script/src/clients/client-columns.ts';
import { messagesFor } from '../../../apps-script/src/messages.ts';
import { companyToday } from '../../../functions/src/core/calendar.ts';
import { seedBook } from '../../support/manager-book.ts';
import { startAddonWorld, type AddonWorld } from './addon-world.ts';

// A rotation hands 2,000 of a manager's clients away, scattered all over the sheet: the refresh
// rewrites the managed block in place and cuts the tail in one call, within the 300 Spreadsheet
// calls an execution can afford, and every client that stays keeps the person's own cells and
// formulas on its row.
const sheet = 'My clients';
const today = companyToday('Europe/Moscow');
const book = 2_500;
const leaving = 2_000;
const target = 300;
let world: AddonWorld;
let ids: string[];

beforeAll(async () => {
  world = await startAddonWorld('addon-departures');
  await world.addManager({ id: 'carla', name: 'Carla Ivanova' });
  await world.addManager({ id: 'dmitry', name: 'Dmitry Orlov' });
  ids = await seedBook(world.db, { managerId: 'carla', count: book, today });
}, 120_000);
afterAll(() => world?.close());

describe('a refresh after 2,000 departures', () => {
  it("stays within the call target and keeps the person's own columns and formulas with their client", async () => {
    const addon = await world.open({ as: 'carla' });
    addon.call('menuRefreshMyClients');
    const s = addon.spreadsheet;
    const m = messagesFor('en');
    const header = s.grid(sheet)[0]!;
    const idAt = header.indexOf(myClientsTable.columns.find((c) => c.key === 'clientId')!.header(m));
    // The person's own columns, right of the add-on's: a note per client and a formula reading its row.
    const own = header.length + 1;
    const [note, formula] = [columnLetter(own), columnLetter(own + 1)];
    const grid = s.grid(sheet);
    s.userEdit(sheet, `${note}1`, 'My note');
    s.userEdit(
      sheet,
      `${note}2`,
      grid.slice(1).map((line) => [`about ${line[idAt]}`]),
    );
    s.userEdit(
      sheet,
      `${formula}2`,
      grid.slice(1).map((_line, i) => [`=${columnLetter(idAt + 1)}${i + 2}&"!"`]),
    );

    // Four clients in five leave, spread over the whole sheet.
    const gone = new Set(ids.filter((_id, i) => i % 5 !== 0).slice(0, leaving));
    const writer = world.db.bulkWriter({ throttling: false });
    for (const id of gone) void writer.update(world.db.collection('clients').doc(id), { managerId: 'dmitry' });
    await writer.close();

    addon.counts.reset();
    addon.call('menuRefreshMyClients');
    expect(addon.counts.total).toBeLessThanOrEqual(target);
    expect(addon.counts.get('Sheet.deleteRows')).toBe(1);
    expect(addon.counts.unlockedWrites).toBe(0);
    expect(addon.ui.alerts.at(-1)?.prompt).toContain(`${leaving.toLocaleString('en-US')} rows were removed`);

    const after = s.grid(sheet);
    const formulas = s.formulas(sheet);
    const rows = after.slice(1).filter((line) => line[idAt] !== '');
    expect(rows.map((line) => line[idAt])).toEqual(ids.filter((id) => !gone.has(id)));
    rows.forEach((line, i) => {
      expect(line[own - 1]).toBe(`about ${line[idAt]}`);
      expect(line[own]).toBe(`${line[idAt]}!`);
      expect(formulas[i + 1]![own]).toBe(`=${columnLetter(idAt + 1)}${i + 2}&"!"`);
    });
    expect(after).toHaveLength(rows.length + 1);
  }, 120_000);
});
