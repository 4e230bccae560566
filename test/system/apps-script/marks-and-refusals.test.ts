import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyToday } from '../../../functions/src/core/calendar.ts';
import { closeSidebarBrowser, openSidebar, type AddonHarness } from '../../support/apps-script/index.ts';
import { seedBook } from '../../support/manager-book.ts';
import { col, startAddonWorld, type AddonWorld } from './addon-world.ts';

// A mark (note + tint) belongs to a pending edit: put the base's value back and it goes, whichever
// way the person gets there. A refused save says where: each cell, its client and why, with Go to cell.
const sheet = 'My clients';
const today = companyToday('Europe/Moscow');
const red = '#f4c7c3';
let world: AddonWorld;

beforeAll(async () => {
  world = await startAddonWorld('addon-marks');
  await world.addManager({ id: 'anna', name: 'Anna Orlova' });
  await seedBook(world.db, { managerId: 'anna', count: 12, today });
}, 60_000);
afterAll(async () => {
  await closeSidebarBrowser();
  await world?.close();
});

const letter = (n: number) => String.fromCharCode(64 + n);
const phoneCell = (row: number) => `${letter(col.phones)}${row}`;
const lostCell = (row: number) => `${letter(col.lostAt)}${row}`;
const nextWeek = () => new Date(Date.now() + 7 * 86_400_000);

/** A fresh sheet with a malformed phone on row 11 and a future lost day on row 10, saved once: both refused. */
async function refusedTwice(locale?: string): Promise<{ addon: AddonHarness; phone: string; name: string }> {
  const addon = await world.open({ as: 'anna', ...(locale ? { locale } : {}) });
  addon.call('menuRefreshMyClients');
  const title = locale === 'ru_RU' ? 'Мои клиенты' : sheet;
  const phone = String(addon.spreadsheet.cell(title, phoneCell(11)).value);
  const name = String(addon.spreadsheet.cell(title, `A11`).value);
  addon.spreadsheet.userEdit(title, phoneCell(11), '12345');
  addon.spreadsheet.userEdit(title, lostCell(10), nextWeek());
  addon.call('menuSaveMyClients');
  for (const a1 of [phoneCell(11), lostCell(10)]) expect(addon.spreadsheet.cell(title, a1).background).toBe(red);
  return { addon, phone, name };
}

function expectUnmarked(addon: AddonHarness, ...cells: string[]): void {
  for (const a1 of cells) expect(addon.spreadsheet.cell(sheet, a1)).toMatchObject({ note: '', background: '#ffffff' });
}

describe('marks that clear when the cell holds the base value again', () => {
  it('clears both marks on a Save with nothing left to send', async () => {
    const { addon, phone } = await refusedTwice();
    addon.spreadsheet.userEdit(sheet, phoneCell(11), phone);
    addon.spreadsheet.userEdit(sheet, lostCell(10), '');
    addon.call('menuSaveMyClients');
    expect(addon.ui.toasts.at(-1)?.message).toBe('Nothing to save: no row has changed since it was loaded.');
    expectUnmarked(addon, phoneCell(11), lostCell(10));
    expect(addon.counts.unlockedWrites).toBe(0);
  });

  it('clears the marks on refresh, and only the put-back cell of a row that keeps another edit', async () => {
    const { addon, phone } = await refusedTwice();
    addon.spreadsheet.userEdit(sheet, phoneCell(11), phone);
    // Row 10 keeps an unsaved edit of its name; its lost day is put back.
    addon.spreadsheet.userEdit(sheet, lostCell(10), '');
    addon.spreadsheet.userEdit(sheet, 'A10', 'Renamed, not saved yet');
    addon.call('menuRefreshMyClients');
    expectUnmarked(addon, phoneCell(11), lostCell(10));
    expect(addon.spreadsheet.cell(sheet, 'A10').value).toBe('Renamed, not saved yet');
    addon.call('menuSaveMyClients');
    expect(addon.ui.toasts.at(-1)?.message).toBe('1 row saved.');
  });

  it('keeps the mark of a cell still holding the refused value through a refresh', async () => {
    const { addon } = await refusedTwice();
    addon.call('menuRefreshMyClients');
    expect(addon.spreadsheet.cell(sheet, phoneCell(11))).toMatchObject({ value: '12345', background: red });
    expect(addon.spreadsheet.cell(sheet, phoneCell(11)).note).toContain('not a valid phone number');
  });

  it('clears the marks of selected rows put back as loaded on Conflicts: take theirs', async () => {
    const { addon, phone } = await refusedTwice();
    addon.spreadsheet.userEdit(sheet, phoneCell(11), phone);
    addon.spreadsheet.userEdit(sheet, lostCell(10), '');
    addon.spreadsheet.userSelect(sheet, 'A10:C11');
    addon.call('menuTakeTheirs');
    expectUnmarked(addon, phoneCell(11), lostCell(10));
  });
});

describe('a refused save says where', () => {
  it('lists each refused cell with its client and reason, and Go to cell selects it after a sort', async () => {
    const { addon, name } = await refusedTwice();
    const told = addon.ui.alerts.at(-1)!.prompt;
    expect(told).toContain('2 rows have errors');
    expect(told).toContain(`${phoneCell(11)} · ${name} · Phones: Not saved: not a valid phone number`);
    expect(told).toMatch(new RegExp(`${lostCell(10)} · Client anna-\\d+ · Lost on: Not saved: `));
    expect(told.indexOf(lostCell(10))).toBeLessThan(told.indexOf(phoneCell(11)));

    const html = addon.ui.lastSidebar!.content;
    // The person sorts the sheet: the client's row moves, Go to cell follows it.
    addon.spreadsheet.userSort(sheet, letter(col.name), false);
    const page = await openSidebar(addon, html);
    expect(await page.page.locator('li.problem').count()).toBe(2);
    await page.page.locator('li.problem', { hasText: name }).getByRole('button', { name: 'Go to cell' }).click();
    await page.settle();
    const row = addon.spreadsheet.grid(sheet).findIndex((line) => line[0] === name) + 1;
    expect(addon.spreadsheet.activeSelection()).toBe(`${sheet}!${phoneCell(row)}`);
    expect(page.errors).toEqual([]);
  });

  it('says the same in Russian', async () => {
    const { addon, name } = await refusedTwice('ru_RU');
    const told = addon.ui.alerts.at(-1)!.prompt;
    expect(told).toContain('Эти ячейки не сохранены');
    expect(told).toContain(`${phoneCell(11)} · ${name} · Телефоны: Не сохранено: not a valid phone number`);
    expect(addon.ui.lastSidebar!.content).toContain('Перейти к ячейке');
  });
});
