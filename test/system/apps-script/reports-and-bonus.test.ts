import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonthsToMonth, companyToday } from '../../../functions/src/core/calendar.ts';
import { closeSidebarBrowser, openSidebar, type AddonHarness } from '../../support/apps-script/index.ts';
import { seedBook } from '../../support/manager-book.ts';
import { col, startAddonWorld, type AddonWorld } from './addon-world.ts';

// After a rotation the manager owes reports on the clients handed to them: the "My handover
// reports" sidebar lists them (overdue first) and files them. And at the month's end, "My bonus"
// puts the statement on a sheet.
const today = companyToday('Europe/Moscow');
const lastMonth = addMonthsToMonth(today.slice(0, 7), -1);
let world: AddonWorld;
let addon: AddonHarness;
let handed: string[];

beforeAll(async () => {
  world = await startAddonWorld('addon-work');
  await world.addManager({ id: 'anna', name: 'Anna Orlova' });
  await world.addManager({ id: 'boris', name: 'Boris Petrov' });
  await world.addManager({ id: 'head', name: 'Olga Head', role: 'admin', level: 9 });
  await seedBook(world.db, { managerId: 'anna', count: 4, today, stale: 2 });
  handed = (await seedBook(world.db, { managerId: 'boris', count: 4, today, stale: 2 })).slice(0, 2);
  await world.awaitJob(await world.api('POST', '/admin/rotation/apply', 'head', {}), 'head');
  addon = await world.open({ as: 'anna' });
  addon.call('menuRefreshMyClients');
}, 90_000);
afterAll(async () => {
  await closeSidebarBrowser();
  await world?.close();
});

describe('handover reports and the bonus statement', () => {
  it('shows the report deadline of clients handed over, and files a report from the sidebar', async () => {
    const rows = addon.spreadsheet.grid('My clients');
    const line = rows.find((l) => l[col.clientId - 1] === handed[0])!;
    expect(line[col.reportDueOn - 1]).toBeInstanceOf(Date);

    addon.call('menuOpenMyTasks');
    const page = await openSidebar(addon, addon.ui.lastSidebar!.content);
    try {
      await page.settle();
      const items = page.page.locator('li.task');
      expect(await items.count()).toBe(2);
      expect(await items.first().locator('strong').textContent()).toMatch(/^Client boris-0000[01]$/);
      const form = items.first().locator('form[data-action="report"]');
      if (!(await form.isVisible())) await items.first().locator('summary').click();
      await form.locator('[name="outcome"]').selectOption('in-progress');
      await form.locator('button').click();
      await page.settle();
      expect(await form.locator('[data-error-for="text"]').textContent()).toBe('is required');
      await form.locator('[name="text"]').fill('Called: they want a quote for the spring.');
      await form.locator('button').click();
      await page.settle();
      expect(await page.page.locator('#status').textContent()).toBe('Report filed.');
      expect(await page.page.locator('li.task').count()).toBe(1);
      expect(page.errors).toEqual([]);
    } finally {
      await page.close();
    }
    const open = await world.db.collection('tasks').where('managerId', '==', 'anna').where('status', '==', 'open').get();
    expect(open.size).toBe(1);
    const reported = handed.find((id) => !open.docs.some((d) => d.get('clientId') === id))!;
    const history = await world.db.collection('clients').doc(reported).collection('history').get();
    expect(history.docs.map((d) => d.data()).find((h) => h.type === 'report')).toMatchObject({
      outcome: 'in-progress',
      text: 'Called: they want a quote for the spring.',
    });
    // The filed report's deadline leaves the client's row.
    expect(addon.spreadsheet.grid('My clients').find((l) => l[col.clientId - 1] === reported)![col.reportDueOn - 1]).toBe('');
  });

  it("puts a month's statement on the My bonus sheet, amounts in roubles", async () => {
    const client = handed[0]!;
    // Handed over this month: last month's deal is history the head of sales records for Anna.
    const deal = await world.api('POST', `/clients/${client}/deals`, 'head', {
      date: `${lastMonth}-05`,
      amount: 10_000_000,
      profit: 2_000_000,
      managerId: 'anna',
    });
    expect(deal.status).toBe(201);
    await world.awaitJob(await world.api('POST', `/admin/bonus/${lastMonth}/compute`, 'head', {}), 'head');
    const statement = (await world.api('GET', `/statements/${lastMonth}`, 'anna')).body.statement;

    addon.ui.nextPrompt.push({ text: '' });
    addon.call('menuShowMyBonus');
    expect(addon.ui.prompts.at(-1)?.prompt).toBe(`Which month? Type it as YYYY-MM, or leave it empty for ${lastMonth}.`);
    const sheet = addon.spreadsheet.grid('My bonus');
    expect(sheet[0]![0]).toBe(`Bonus statement for ${lastMonth} (open: may still change)`);
    expect(sheet[1]!.slice(0, 6)).toEqual([
      'Payable',
      statement.totals.payable / 100,
      'Pending',
      statement.totals.pending / 100,
      'Cancelled',
      statement.totals.cancelled / 100,
    ]);
    expect(sheet[3]).toEqual(['Client', 'Deal', 'Rule', 'Rate', 'Amount', 'Status', 'Pending until', 'Why', 'Deal id']);
    const lines = sheet.slice(4).filter((l) => l.some((v) => v !== ''));
    expect(lines).toHaveLength(statement.lines.length);
    expect(lines[0]![0]).toBe(`Client ${client}`);
    // The deal as people know it (its day and amount); its id in the hidden last column, for lookups.
    const dealLine = lines.find((l) => l[8] === deal.body.deal.id)!;
    expect(dealLine[1]).toBe(`${lastMonth}-05 · 100,000.00\u00a0₽`);
    expect(String(dealLine[7])).not.toMatch(/\d \d{3}\.\d{2}(?!\u00a0₽)/);
    expect(addon.spreadsheet.sheet('My bonus').isColumnHiddenByUser(9)).toBe(true);
    expect(addon.spreadsheet.cell('My bonus', 'E5').numberFormat).toBe('#,##0.00 "₽"');
    expect(addon.spreadsheet.cell('My bonus', 'E5').display).toMatch(/ ₽$/);
    expect(addon.ui.toasts.at(-1)?.message).toBe(
      `Bonus for ${lastMonth}: ${statement.lines.length} line${statement.lines.length === 1 ? '' : 's'}.`,
    );

    addon.ui.nextPrompt.push({ text: 'March' });
    addon.call('menuShowMyBonus');
    expect(addon.ui.alerts.at(-1)?.prompt).toBe('"March" is not a month: type it as YYYY-MM, for example 2026-03.');
    addon.ui.nextPrompt.push({ text: '2020-01' });
    addon.call('menuShowMyBonus');
    expect(addon.ui.alerts.at(-1)?.prompt).toBe(
      'There is no bonus statement for 2020-01 yet. Statements are computed on the 1st of the following month.',
    );
  });

  it('checks the connection and says who the base thinks you are', () => {
    addon.call('menuCheckConnection');
    expect(addon.ui.toasts.at(-1)?.message).toBe(`Connected to ${world.apiUrl} as Anna Orlova (sales manager, level 1).`);
  });
});
