import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDay } from '../../../functions/src/core/calendar.ts';
import type { AddonHarness } from '../../support/apps-script/index.ts';
import { ConditionalFormatRuleBuilderDouble } from '../../support/apps-script/sheet-rules-double.ts';
import { seedTodayCompany, type TodayCompany } from '../../support/today-company.ts';
import { startAddonWorld, type AddonWorld } from './addon-world.ts';

// The Today sheet as a manager opens it from the menu: the built bundle in the doubles, the real
// API, a seeded company with one client on each list and a colleague's clients on none.
let world: AddonWorld;
let company: TodayCompany;

beforeAll(async () => {
  world = await startAddonWorld('addon-today');
  await world.addManager({ id: 'anna', name: 'Anna Orlova' });
  await world.addManager({ id: 'boris', name: 'Boris Petrov' });
  company = await seedTodayCompany(world.db);
}, 60_000);
afterAll(() => world?.close());

/** The sheet's rows as text, trailing empty cells left out, so the test reads as the person does. */
const rowsOf = (addon: AddonHarness, sheet: string) =>
  addon.spreadsheet.grid(sheet).map((line) => {
    const cells = line.map((v) => String(v ?? ''));
    while (cells.length > 0 && cells.at(-1) === '') cells.pop();
    return cells;
  });
const rowWith = (rows: string[][], text: string) => rows.findIndex((r) => r.includes(text)) + 1;

describe('the Today sheet', () => {
  it('lists the four groups for the seeded company, each row with its client, an open card link and its id', async () => {
    const addon = await world.open({ as: 'anna' });
    addon.counts.reset();
    addon.call('menuToday');
    expect(addon.fetches.filter((f) => f.method === 'GET').map((f) => f.url.replace(/^.*\/\/[^/]+\//, '').split('?')[0])).toEqual([
      'today',
    ]);
    const rows = rowsOf(addon, 'Today');
    const rotating = rows[rowWith(rows, company.rotating.name) - 1]!;
    expect(rows[0]).toEqual([`Today, ${company.today}: what to do now`]);
    expect(rows.map((r) => r[0])).toEqual(
      expect.arrayContaining([
        'About to rotate (within 30 days): 1 client',
        'Handover reports due: 2 reports',
        'Follow-ups due: 1 client',
        'New to me (last 14 days): 1 client',
      ]),
    );
    expect(rotating[0]).toBe(company.rotating.name);
    expect(rotating[3]).toBe(`A confirmed deal of at least 1.00\u00a0₽ before ${rotating[1]}`);
    expect(rotating.slice(5)).toEqual(['Open card ›', company.rotating.id]);
    const overdue = rows.findIndex((r) => r[0] === company.overdue.name && r[2] === 'Overdue');
    const received = rows.findIndex((r) => r[0] === company.received.name && r[2] === 'Open');
    expect(overdue).toBeGreaterThan(0);
    expect(received).toBeGreaterThan(overdue);
    expect(rows[rowWith(rows, company.followUp.name) - 1]!.slice(0, 2)).toEqual([company.followUp.name, company.followUp.nextContactOn]);
    const fresh = rows.filter((r) => r[0] === company.received.name).find((r) => r[2] === 'Rotation')!;
    expect(fresh.slice(0, 5)).toEqual([
      company.received.name,
      addDaysToDay(company.today, -1),
      'Rotation',
      'Boris Petrov',
      company.received.dueDate,
    ]);
    // Never a colleague's client, never a client on no list.
    expect(JSON.stringify(rows)).not.toContain(company.borisOwn.name);
    expect(JSON.stringify(rows)).not.toContain(company.later.name);
    // Read-only, and the id column out of the way.
    expect(addon.spreadsheet.cell('Today', 'A3').protections).toEqual([
      { description: 'clientbase: the Today sheet is rewritten each time you open it: read-only', warningOnly: false },
    ]);
    const link = addon.spreadsheet.cell('Today', `F${rowWith(rows, company.rotating.name)}`);
    expect(link).toMatchObject({ value: 'Open card ›', fontColor: '#1a73e8' });
  });

  it('opens the card of the selected row, and refuses a header row naming what to select', async () => {
    const addon = await world.open({ as: 'anna' });
    addon.call('menuToday');
    const rows = rowsOf(addon, 'Today');
    addon.spreadsheet.userSelect('Today', `A${rowWith(rows, company.followUp.name)}`);
    addon.call('menuOpenClientCard');
    expect(addon.ui.lastSidebar?.title).toBe(`Client: ${company.followUp.name}`);
    expect(String(addon.ui.lastSidebar?.content)).toContain(company.followUp.id);
    addon.spreadsheet.userSelect('Today', 'A1');
    addon.call('menuOpenClientCard');
    expect(addon.ui.alerts.at(-1)?.prompt).toBe("Select a client's row on the Today or My clients sheet, then open the card.");
  });

  it('costs the same Spreadsheet calls and one API call however long the lists, rewriting the sheet whole', async () => {
    const addon = await world.open({ as: 'anna' });
    addon.call('menuToday');
    addon.counts.reset();
    addon.call('menuToday');
    const few = addon.counts.snapshot();
    for (let i = 0; i < 12; i++) {
      await world.db
        .collection('clients')
        .doc(`today-extra-${i}`)
        .set({
          ...(await world.db.collection('clients').doc(company.followUp.id).get()).data(),
          id: `today-extra-${i}`,
          name: `Extra ${i}`,
        });
    }
    addon.counts.reset();
    addon.fetches.reset();
    addon.call('menuToday');
    expect(addon.counts.snapshot()).toEqual(few);
    expect(addon.fetches).toHaveLength(1);
    const rows = rowsOf(addon, 'Today');
    expect(rows.map((r) => r[0])).toContain('Follow-ups due: 13 clients');
    for (let i = 0; i < 12; i++) await world.db.collection('clients').doc(`today-extra-${i}`).delete();
    addon.call('menuToday');
    // Rewritten whole: the rows of the longer list are gone.
    expect(JSON.stringify(rowsOf(addon, 'Today'))).not.toContain('Extra 0');
    expect(rowsOf(addon, 'Today').map((r) => r[0])).toContain('Follow-ups due: 1 client');
  });

  it('says it all in Russian, with Russian plural forms', async () => {
    const addon = await world.open({ as: 'anna', locale: 'ru_RU' });
    addon.call('menuToday');
    const rows = rowsOf(addon, 'Сегодня');
    expect(rows[0]).toEqual([`Сегодня, ${company.today}: что сделать сейчас`]);
    expect(rows.map((r) => r[0])).toEqual(
      expect.arrayContaining([
        'Скоро уйдут в ротацию (в ближайшие 30 дн.): 1 клиент',
        'Отчёты о передаче: 2 отчёта',
        'Пора связаться: 1 клиент',
        'Новые у меня (за 14 дн.): 1 клиент',
      ]),
    );
    const rotating = rows[rowWith(rows, company.rotating.name) - 1]!;
    expect(rotating[3]).toBe(`Подтверждённая сделка не меньше 1,00\u00a0₽ до ${rotating[1]}`);
    expect(rotating[5]).toBe('Открыть карточку ›');
    expect(rows.some((r) => r[0] === company.overdue.name && r[2] === 'Просрочен')).toBe(true);
    expect(rows.some((r) => r[0] === company.received.name && r[2] === 'Ротация' && r[3] === 'Boris Petrov')).toBe(true);
    expect(addon.spreadsheet.cell('Сегодня', 'A3').protections).toEqual([
      { description: 'clientbase: лист «Сегодня» пересобирается при каждом открытии: только для чтения', warningOnly: false },
    ]);
  });

  it('My clients has an editable Next contact on column after the competitor: a day saved, a past one refused on its cell', async () => {
    const addon = await world.open({ as: 'anna' });
    addon.call('menuRefreshMyClients');
    const title = 'My clients';
    const header = addon.spreadsheet.grid(title)[0]!.map(String);
    const column = header.indexOf('Next contact on') + 1;
    expect(column).toBe(header.indexOf('Competitor') + 2);
    const letter = String.fromCharCode(64 + column);
    const row = addon.spreadsheet.grid(title).findIndex((line) => line[0] === company.later.name) + 1;
    const cell = `${letter}${row}`;
    expect(addon.spreadsheet.cell(title, cell).value).toBeInstanceOf(Date);
    const inTwoDays = addDaysToDay(company.today, 2);
    addon.spreadsheet.userEdit(title, cell, inTwoDays);
    addon.call('menuSaveMyClients');
    expect(addon.ui.toasts.at(-1)?.message).toBe('1 row saved.');
    expect((await world.db.collection('clients').doc(company.later.id).get()).get('nextContactOn')).toBe(inTwoDays);
    addon.spreadsheet.userEdit(title, cell, addDaysToDay(company.today, -2));
    addon.call('menuSaveMyClients');
    expect(addon.spreadsheet.cell(title, cell).note).toMatch(/must be today \(\d{4}-\d\d-\d\d\) or later/);
    expect((await world.db.collection('clients').doc(company.later.id).get()).get('nextContactOn')).toBe(inTwoDays);
    const ru = await world.open({ as: 'anna', locale: 'ru_RU' });
    ru.call('menuRefreshMyClients');
    expect(ru.spreadsheet.grid('Мои клиенты')[0]).toContain('Следующий контакт');
  });

  it('My clients says on load how many are about to rotate, in both languages', async () => {
    const en = await world.open({ as: 'anna' });
    en.call('menuRefreshMyClients');
    expect(en.ui.toasts.at(-1)?.message).toMatch(/ 1 client is about to rotate: see Today\.$/);
    const ru = await world.open({ as: 'anna', locale: 'ru_RU' });
    ru.call('menuRefreshMyClients');
    expect(ru.ui.toasts.at(-1)?.message).toMatch(/ 1 клиент скоро уйдёт в ротацию: см\. лист «Сегодня»\.$/);
  });

  it('tints My clients orange for rotation within rotation.warnDays, as Today, and follows a change keeping own tints', async () => {
    await world.addManager({ id: 'head', name: 'Olga Head', role: 'admin' });
    const publishWarnDays = async (warnDays: number) => {
      const inForce = (await world.api('GET', '/admin/rules', 'head')).body;
      const rules = { ...inForce.rules, rotation: { ...inForce.rules.rotation, warnDays } };
      expect((await world.api('PUT', '/admin/rules', 'head', { rules, expectedVersion: inForce.version })).status).toBe(200);
    };
    const addon = await world.open({ as: 'anna' });
    const title = 'My clients';
    const dueCell = () => {
      const grid = addon.spreadsheet.grid(title);
      const column = grid[0]!.map(String).indexOf('Rotation due on') + 1;
      const row = grid.findIndex((line) => line[0] === company.rotating.name) + 1;
      expect(column * row).toBeGreaterThan(0);
      return `${String.fromCharCode(64 + column)}${row}`;
    };
    const orange = '#fde7c8';
    addon.call('menuRefreshMyClients');
    expect(addon.spreadsheet.effectiveBackground(title, dueCell())).toBe(orange);

    // The person's own rule on the sheet, as they would add it from Format › Conditional formatting.
    const sheet = addon.spreadsheet.sheet(title);
    const own = new ConditionalFormatRuleBuilderDouble()
      .whenCellNotEmpty()
      .setBold(true)
      .setRanges([sheet.getRange('A2:A9')])
      .build();
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), own]);
    const before = sheet.getConditionalFormatRules().length;

    // The rotating client is due in 10 days: outside a 5-day horizon, inside 30.
    await publishWarnDays(5);
    addon.call('menuRefreshMyClients');
    expect(addon.spreadsheet.effectiveBackground(title, dueCell())).not.toBe(orange);
    expect(sheet.getConditionalFormatRules()).toHaveLength(before);
    expect(sheet.getConditionalFormatRules().some((r) => String(r.getBooleanCondition()?.getCriteriaType()) === 'CELL_NOT_EMPTY')).toBe(
      true,
    );
    addon.counts.reset();
    addon.call('menuRefreshMyClients');
    expect(addon.counts.get('Sheet.setConditionalFormatRules')).toBe(0);

    await publishWarnDays(30);
    addon.call('menuRefreshMyClients');
    expect(addon.spreadsheet.effectiveBackground(title, dueCell())).toBe(orange);
    expect(sheet.getConditionalFormatRules()).toHaveLength(before);
  });
});
