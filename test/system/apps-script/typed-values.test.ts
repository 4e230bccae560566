import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myClientsTable } from '../../../apps-script/src/clients/client-columns.ts';
import { messagesFor } from '../../../apps-script/src/messages.ts';
import { addDaysToDay, companyToday } from '../../../functions/src/core/calendar.ts';
import type { AddonHarness } from '../../support/apps-script/index.ts';
import { seedBook } from '../../support/manager-book.ts';
import { startAddonWorld, type AddonWorld } from './addon-world.ts';

// A value the sheet can judge is caught as it is typed, not only at Save: a lost day still to come,
// a kind that is not on the list. The rules come from the column spec and are put back on every
// load in a constant number of calls, however many rows.
const today = companyToday('Europe/Moscow');
/** A day as a person types it, `n` days from today. */
const days = (n: number) => addDaysToDay(today, n);
let world: AddonWorld;

beforeAll(async () => {
  world = await startAddonWorld('addon-typed');
  await world.addManager({ id: 'anna', name: 'Anna Orlova' });
  await seedBook(world.db, { managerId: 'anna', count: 8, today });
}, 60_000);
afterAll(() => world?.close());

const letter = (n: number) => String.fromCharCode(64 + n);
/** A managed column's letter, found by its header as the person sees it. */
const columnOf = (addon: AddonHarness, sheet: string, header: string) => {
  const at = addon.spreadsheet.grid(sheet)[0]!.indexOf(header);
  expect(at).toBeGreaterThanOrEqual(0);
  return letter(at + 1);
};
const validated = myClientsTable.columns.filter((c) => c.format === 'choice' || (c.format === 'day' && c.role === 'editable'));

describe.each([
  { locale: 'en_US', m: messagesFor('en') },
  { locale: 'ru_RU', m: messagesFor('ru') },
])('values typed into My clients, in $locale', ({ locale, m }) => {
  it('flags a lost day still to come and a kind not on the list as typed, and lets the right ones be', async () => {
    const addon = await world.open({ as: 'anna', locale });
    addon.call('menuRefreshMyClients');
    const s = addon.spreadsheet;
    const sheet = m.sheets.myClients;
    const lost = columnOf(addon, sheet, m.columns.lostAt);
    const kind = columnOf(addon, sheet, m.columns.kind);

    // Each cell's rule reads its own row, so sorting or inserting rows keeps it right.
    expect(s.cell(sheet, `${lost}2`).validation).toEqual({
      criteria: 'CUSTOM_FORMULA',
      values: [`=${lost}2<=TODAY()`],
      allowInvalid: true,
    });
    const helpText = (a1: string) => s.sheet(sheet).getRange(a1).getDataValidation()?.getHelpText();
    expect(helpText(`${lost}2`)).toBe(m.validation.upToToday);
    expect(helpText(`${kind}5`)).toBe(m.validation.choice);
    expect(s.cell(sheet, `${lost}7`).validation?.values).toEqual([`=${lost}7<=TODAY()`]);
    expect(s.cell(sheet, `${kind}5`).validation).toMatchObject({ criteria: 'VALUE_IN_LIST' });

    const flagged = () => s.validationWarnings.map((w) => w.a1);
    s.userEdit(sheet, `${lost}4`, days(3));
    expect(flagged()).toEqual([`${lost}4`]);
    s.userEdit(sheet, `${lost}5`, days(-2));
    s.userEdit(sheet, `${lost}6`, days(0));
    expect(flagged()).toEqual([`${lost}4`]);
    s.userEdit(sheet, `${lost}6`, 'soon');
    s.userEdit(sheet, `${kind}3`, 'Martian');
    expect(flagged()).toEqual([`${lost}4`, `${lost}6`, `${kind}3`]);
    s.userEdit(sheet, `${kind}3`, Object.values(m.kinds)[0]!);
    expect(flagged()).toHaveLength(3);

    // After a sort and a row inserted amid the clients the rules still judge the cell they are on.
    s.userSort(sheet, 1, false);
    s.userInsertRowsAfter(sheet, 4);
    s.userEdit(sheet, `${lost}9`, days(10));
    s.userEdit(sheet, `${lost}3`, days(-10));
    s.userEdit(sheet, `${lost}5`, days(5));
    expect(s.cell(sheet, `${lost}5`).validation?.values).toEqual([`=${lost}5<=TODAY()`]);
    expect(flagged().slice(3)).toEqual([`${lost}9`, `${lost}5`]);

    // Save still refuses the day still to come, on its cell.
    addon.call('menuSaveMyClients');
    expect(s.cell(sheet, `${lost}9`).note).toContain(m.save.invalidNote('').trim());
  });

  it('puts the rules back on a load when the sheet has older ones, in a constant number of calls, and not on every refresh', async () => {
    const addon = await world.open({ as: 'anna', locale });
    addon.call('menuRefreshMyClients');
    const sheet = m.sheets.myClients;
    const lost = columnOf(addon, sheet, m.columns.lostAt);
    addon.counts.reset();
    addon.call('menuRefreshMyClients');
    expect(addon.counts.get('Range.setDataValidation')).toBe(0);
    // A sheet laid out by an older add-on: no rule on these cells, and no record of the rules in force.
    addon.spreadsheet.sheet(sheet).getRange(`${lost}2:${lost}4`).clearDataValidations();
    addon.properties.document.delete('clientbase.myClients.validations');
    expect(addon.spreadsheet.cell(sheet, `${lost}3`).validation).toBeNull();
    addon.counts.reset();
    addon.call('menuRefreshMyClients');
    expect(addon.counts.get('Range.setDataValidation')).toBe(validated.length);
    expect(addon.spreadsheet.cell(sheet, `${lost}3`).validation?.values).toEqual([`=${lost}3<=TODAY()`]);
  });
});
