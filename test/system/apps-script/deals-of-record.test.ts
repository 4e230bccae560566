import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonthsToMonth, companyToday } from '../../../functions/src/core/calendar.ts';
import { closeSidebarBrowser, openSidebar, type AddonHarness } from '../../support/apps-script/index.ts';
import { seedBook } from '../../support/manager-book.ts';
import { col, startAddonWorld, type AddonWorld } from './addon-world.ts';

// A deal of record from end to end, as people do it in the built add-on: the manager logs it on the
// card (it awaits confirmation, on the card and on My bonus, earning nothing yet); the head of sales
// confirms the month's deals in bulk on Deals to confirm while a colleague reviews one of them
// through the API (a conflict on the sheet, never an overwrite); the recomputed statement pays.
const today = companyToday('Europe/Moscow');
const lastMonth = addMonthsToMonth(today.slice(0, 7), -1);
let world: AddonWorld;

beforeAll(async () => {
  world = await startAddonWorld('addon-deals');
  await world.addManager({ id: 'anna', name: 'Anna Orlova' });
  await world.addManager({ id: 'boris', name: 'Борис Петров' });
  await world.addManager({ id: 'head', name: 'Olga Head', role: 'admin', level: 9 });
  await world.addManager({ id: 'deputy', name: 'Pavel Deputy', role: 'admin', level: 9 });
  await seedBook(world.db, { managerId: 'anna', count: 4, today });
  await seedBook(world.db, { managerId: 'boris', count: 4, today });
}, 90_000);
afterAll(async () => {
  await closeSidebarBrowser();
  await world?.close();
});

type Words = {
  locale: 'en_US' | 'ru_RU';
  myClients: string;
  myBonus: string;
  dealId: string;
  dealAmount: string;
  manager: string;
  managerName: string;
  awaiting: string;
  awaitingLine: string;
  sheet: string;
  confirm: string;
  payable: string;
  reviewedBy: RegExp;
  sent: string;
};

const languages: Words[] = [
  {
    locale: 'en_US',
    myClients: 'My clients',
    myBonus: 'My bonus',
    dealId: 'Deal id',
    dealAmount: '10,000.00\u00a0₽',
    manager: 'anna',
    managerName: 'Anna Orlova',
    awaiting: 'awaiting confirmation',
    awaitingLine: 'Awaiting confirmation (not payable yet)',
    sheet: 'Deals to confirm',
    confirm: 'Confirm',
    payable: 'Payable',
    reviewedBy: /^clientbase · Reviewed meanwhile by Pavel Deputy: rejected: not a real deal\./,
    sent: '2 deals confirmed; 1 conflict (tinted orange: read the note).',
  },
  {
    locale: 'ru_RU',
    myClients: 'Мои клиенты',
    myBonus: 'Мой бонус',
    dealId: 'ID сделки',
    dealAmount: '10\u00a0000,00\u00a0₽',
    manager: 'boris',
    managerName: 'Борис Петров',
    awaiting: 'ждёт подтверждения',
    awaitingLine: 'Ждёт подтверждения (пока не к выплате)',
    sheet: 'Сделки на подтверждение',
    confirm: 'Подтвердить',
    payable: 'К выплате',
    reviewedBy: /^clientbase · Тем временем рассмотрена \(Pavel Deputy\): отклонена: not a real deal\./,
    sent: 'Подтверждено: 2 сделки; конфликтов: 1 (оранжевые: прочтите примечание).',
  },
];

async function logDealOnCard(addon: AddonHarness, sheet: string, clientId: string): Promise<string> {
  const row = addon.spreadsheet.grid(sheet).findIndex((l) => l[col.clientId - 1] === clientId) + 1;
  addon.spreadsheet.userSelect(sheet, `B${row}`);
  addon.call('menuOpenClientCard');
  const card = await openSidebar(addon, addon.ui.lastSidebar!.content);
  try {
    await card.settle();
    const form = card.page.locator('form[data-action="deal"]');
    if (!(await form.isVisible())) await card.page.locator('details:has(form[data-action="deal"]) > summary').click();
    await form.locator('[name="date"]').fill(`${lastMonth}-05`);
    await form.locator('[name="amount"]').fill('10 000');
    await form.locator('[name="profit"]').fill('2 000');
    await form.locator('button[type="submit"]').click();
    await card.settle();
    expect(card.errors).toEqual([]);
    return ((await card.page.locator('ol.deals').textContent()) ?? '').trim();
  } finally {
    await card.close();
  }
}

describe.each(languages)('a deal of record, in $locale', (w) => {
  it('goes from the card (awaiting confirmation) through Deals to confirm (in bulk, a colleague’s review a conflict) to pay', async () => {
    const [onCard, second, third] = [`${w.manager}-00001`, `${w.manager}-00002`, `${w.manager}-00003`];
    const addon = await world.open({ as: w.manager, locale: w.locale });
    addon.call('menuRefreshMyClients');

    // 1. Logged on the card: it waits for the head of sales, and the card says so.
    const dealsOnCard = await logDealOnCard(addon, w.myClients, onCard);
    expect(dealsOnCard).toContain(w.awaiting);
    const cardDeal = (await world.db.collection('deals').where('clientId', '==', onCard).where('date', '==', `${lastMonth}-05`).get())
      .docs[0]!;
    for (const clientId of [second, third]) {
      const logged = await world.api('POST', `/clients/${clientId}/deals`, w.manager, {
        date: `${lastMonth}-06`,
        amount: 500_000,
        profit: 100_000,
      });
      expect(logged.status).toBe(201);
    }
    addon.call('menuRefreshMyClients');
    const line = addon.spreadsheet.grid(w.myClients).find((l) => l[col.clientId - 1] === onCard)!;
    expect(String(line[col.payHint - 1])).toContain(w.locale === 'en_US' ? '1 deal awaiting confirmation' : '1 сделка ждёт подтверждения');

    // 2. On the statement it is awaiting confirmation: neither payable nor pending.
    await world.awaitJob(await world.api('POST', `/admin/bonus/${lastMonth}/compute`, 'head', {}), 'head');
    addon.ui.nextPrompt.push({ text: lastMonth });
    addon.call('menuShowMyBonus');
    const bonus = addon.spreadsheet.grid(w.myBonus);
    const dealIdColumn = bonus[3]!.indexOf(w.dealId);
    const cardLine = bonus.find((l) => l[dealIdColumn] === cardDeal.id)!;
    // People read the deal by its day and amount; the id sits in the hidden last column.
    expect(cardLine[1]).toBe(`${lastMonth}-05 · ${w.dealAmount}`);
    expect(addon.spreadsheet.sheet(w.myBonus).isColumnHiddenByUser(dealIdColumn + 1)).toBe(true);
    expect(cardLine[5]).toBe(w.awaitingLine);
    expect(bonus[1]![7]).toBeGreaterThan(0);

    // 3. The head of sales loads the deals awaiting confirmation and marks all three.
    const head = await world.open({ as: 'head', locale: w.locale });
    head.call('menuDealsLoad');
    const rowsOf = () => head.spreadsheet.grid(w.sheet);
    const mine = () => rowsOf().flatMap((l, i) => (l[1] === w.managerName ? [i + 1] : []));
    expect(mine()).toHaveLength(3);
    for (const row of mine()) head.spreadsheet.userEdit(w.sheet, `G${row}`, w.confirm);

    // 4. Meanwhile the deputy rejects one of them through the API.
    const reviewed = rowsOf()[mine()[2]! - 1]!;
    const rejected = await world.api('POST', '/admin/deals/review', 'deputy', {
      rows: [{ dealId: reviewed[8], version: reviewed[9], decision: 'reject', reason: 'not a real deal' }],
    });
    expect(rejected.body.rows[0].status).toBe('applied');

    head.ui.nextButton.push('OK');
    head.call('menuDealsSend');
    expect(head.ui.alerts.at(-1)?.prompt).toBe(w.sent);
    // The two confirmed left the sheet; the one reviewed meanwhile stays with the decision typed, and a note.
    expect(mine()).toHaveLength(1);
    const left = rowsOf()[mine()[0]! - 1]!;
    expect(left[8]).toBe(reviewed[8]);
    expect(left[6]).toBe(w.confirm);
    expect(head.spreadsheet.cell(w.sheet, `G${mine()[0]}`).note).toMatch(w.reviewedBy);
    const stored = await world.db.collection('deals').doc(String(reviewed[8])).get();
    expect(stored.get('reason')).toBe('not a real deal');

    // 5. The recomputed statement pays the confirmed deal.
    await world.awaitJob(await world.api('POST', `/admin/bonus/${lastMonth}/compute`, 'head', {}), 'head');
    addon.ui.nextPrompt.push({ text: lastMonth });
    addon.call('menuShowMyBonus');
    const paid = addon.spreadsheet.grid(w.myBonus).find((l) => l[dealIdColumn] === cardDeal.id)!;
    expect(paid[5]).toBe(w.payable);
    expect(paid[4]).toBeGreaterThan(0);
    const statement = (await world.api('GET', `/statements/${lastMonth}`, w.manager)).body.statement;
    expect(statement.lines.filter((l: { dealId: string }) => l.dealId === reviewed[8]).map((l: { status: string }) => l.status)).toEqual([
      'not-paid',
    ]);
  });
});
