import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyToday } from '../../../functions/src/core/calendar.ts';
import type { AddonHarness } from '../../support/apps-script/index.ts';
import { seedBook } from '../../support/manager-book.ts';
import { col, startAddonWorld, type AddonWorld } from './addon-world.ts';

// A refresh after clients left and arrived: departures are cut off in one call however scattered,
// the person's own columns and formulas stay on their client's row, and arrivals take their place
// in the order the person sorted the sheet by.
const sheet = 'My clients';
const today = companyToday('Europe/Moscow');
let world: AddonWorld;
let anna: string[];
let boris: string[];

beforeAll(async () => {
  world = await startAddonWorld('addon-order');
  await world.addManager({ id: 'anna', name: 'Anna Orlova' });
  await world.addManager({ id: 'boris', name: 'Boris Petrov' });
  anna = await seedBook(world.db, { managerId: 'anna', count: 60, today });
  boris = await seedBook(world.db, { managerId: 'boris', count: 20, today });
}, 60_000);
afterAll(() => world?.close());

const handTo = async (ids: readonly string[], managerId: string) => {
  for (const id of ids) await world.db.collection('clients').doc(id).update({ managerId });
};
const idColumn = col.clientId - 1;
const lines = (addon: AddonHarness) =>
  addon.spreadsheet
    .grid(sheet)
    .slice(1)
    .filter((line) => line[idColumn] !== '');

describe('a refresh after clients left and arrived', () => {
  it("cuts off scattered departures at a constant cost, keeping the person's columns and formulas on their rows", async () => {
    const addon = await world.open({ as: 'anna' });
    addon.call('menuRefreshMyClients');
    const s = addon.spreadsheet;
    // The person's own columns right of the managed block: a note per client and a formula on its row.
    const own = col.hash + 1;
    const letter = (n: number) => String.fromCharCode(64 + n);
    s.userEdit(sheet, `${letter(own)}1`, 'My note');
    s.grid(sheet).forEach((line, i) => {
      if (i === 0) return;
      s.userEdit(sheet, `${letter(own)}${i + 1}`, `about ${line[idColumn]}`);
      s.userSetFormula(sheet, `${letter(own + 1)}${i + 1}`, `=A${i + 1}&"!"`);
    });
    // The new header makes the next action find the columns by their metadata once; the measured ones reuse that.
    addon.call('menuRefreshMyClients');
    const costOf = async (leaving: string[]) => {
      await handTo(leaving, 'boris');
      addon.counts.reset();
      addon.call('menuRefreshMyClients');
      // Utilities runs in the script itself, not an RPC to the spreadsheet.
      return Object.fromEntries(Object.entries(addon.counts.snapshot()).filter(([call]) => !call.startsWith('Utilities.')));
    };
    const few = await costOf([anna[3]!, anna[40]!]);
    const many = await costOf(anna.filter((_id, i) => i % 4 === 1));
    expect(many).toEqual(few);
    expect(addon.counts.get('Sheet.deleteRows')).toBe(1);
    expect(addon.ui.alerts.at(-1)?.prompt).toContain('15 rows were removed');

    const left = new Set([anna[3]!, anna[40]!, ...anna.filter((_id, i) => i % 4 === 1)]);
    const rows = lines(addon);
    expect(rows.map((line) => line[idColumn])).toEqual(anna.filter((id) => !left.has(id)));
    const formulas = s.formulas(sheet);
    rows.forEach((line, i) => {
      expect(line[own - 1]).toBe(`about ${line[idColumn]}`);
      expect(line[own]).toBe(`${line[0]}!`);
      expect(formulas[i + 1]![own]).toBe(`=A${i + 2}&"!"`);
    });
    expect(s.grid(sheet)).toHaveLength(rows.length + 1);
    expect(addon.counts.unlockedWrites).toBe(0);
    // The hash column is whole again: nothing reads as edited.
    addon.call('menuSaveMyClients');
    expect(addon.ui.toasts.at(-1)?.message).toBe('Nothing to save: no row has changed since it was loaded.');
  });

  it('puts clients that arrived in the order the person sorted the sheet by, and says how many arrived', async () => {
    const addon = await world.open({ as: 'anna' });
    addon.call('menuRefreshMyClients');
    addon.spreadsheet.userSort(sheet, col.name, false);
    await handTo(boris.slice(0, 3), 'anna');
    addon.call('menuRefreshMyClients');
    expect(addon.ui.toasts.at(-1)?.message).toMatch(/; 3 new/);
    const names = lines(addon).map((line) => String(line[0]));
    expect(names.slice(0, 3)).toEqual(['Client boris-00002', 'Client boris-00001', 'Client boris-00000']);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));
    addon.call('menuSaveMyClients');
    expect(addon.ui.toasts.at(-1)?.message).toBe('Nothing to save: no row has changed since it was loaded.');
  });
});
