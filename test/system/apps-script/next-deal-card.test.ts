import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonthsToDay, companyToday } from '../../../functions/src/core/calendar.ts';
import { closeSidebarBrowser, type AddonHarness, type SidebarPage } from '../../support/apps-script/index.ts';
import { seedBook } from '../../support/manager-book.ts';
import { openCardOf, startAddonWorld, type AddonWorld } from './addon-world.ts';

// What the next deal earns, in My clients and on the card, and the card's estimator: the built
// bundle in the doubles, its sidebar in headless Chromium, the real API behind both.
const sheet = 'My clients';
const today = companyToday('Europe/Moscow');
const gate = addMonthsToDay(today, 3);
let world: AddonWorld;
let addon: AddonHarness;
let card: SidebarPage;
let fresh: string;

/** The cell of `header` on the client's row, found by the header the add-on wrote, never by letter. */
function cell(harness: AddonHarness, header: string, clientId: string, name = sheet): unknown {
  const grid = harness.spreadsheet.grid(name);
  const at = grid[0]!.map(String).indexOf(header);
  expect(at).toBeGreaterThanOrEqual(0);
  return grid.find((line) => line.includes(clientId))![at];
}

beforeAll(async () => {
  world = await startAddonWorld('addon-next-deal');
  await world.addManager({ id: 'anna', name: 'Anna Orlova' });
  const ids = await seedBook(world.db, { managerId: 'anna', count: 3, today, contactKeys: true });
  // A person attracted by Anna with no deal yet: the next deal is the first, at the raised rate.
  fresh = ids[1]!;
  await world.db.collection('clients').doc(fresh).update({ dealCount: 0, firstDealAt: null, lastDealAt: null, createdAt: today });
  addon = await world.open({ as: 'anna' });
  card = (await openCardOf(addon, fresh)).card;
}, 90_000);
afterAll(async () => {
  await card?.close();
  await closeSidebarBrowser();
  await world?.close();
});

const page = () => card.page;
const text = async (selector: string) => ((await page().textContent(selector)) ?? '').trim();

async function estimate(fields: Record<string, string>): Promise<void> {
  const form = 'form[data-action="estimate"]';
  if (!(await page().locator(form).isVisible())) await page().locator(`details:has(${form}) > summary`).click();
  for (const [name, value] of Object.entries(fields)) await page().locator(`${form} [name="${name}"]`).fill(value);
  await page().locator(`${form} button[type="submit"]`).click();
  await card.settle();
}

describe('what the next deal earns', () => {
  it('shows in My clients beside Pay, in English and in Russian', async () => {
    const header = addon.spreadsheet.grid(sheet)[0]!.map(String);
    expect(header.indexOf('Next deal earns')).toBe(header.indexOf('Pay') + 1);
    expect(cell(addon, 'Next deal earns', fresh)).toBe(`10\u00a0% (5\u00a0% after ${gate} if kept)`);
    const ru = await world.open({ as: 'anna', locale: 'ru_RU' });
    ru.call('menuRefreshMyClients');
    expect(cell(ru, 'Следующая сделка даст', fresh, 'Мои клиенты')).toBe(`10\u00a0% (5\u00a0% после ${gate}, если останется)`);
  });

  it('shows on the card, whose estimator gives the lines a deal would make and records nothing', async () => {
    expect(await text('.next-deal')).toBe(`Next deal earns: 10\u00a0% (5\u00a0% after ${gate} if kept)`);
    // A negative amount reads as money: the base refuses it, its words beside the field.
    await estimate({ amount: '-5', profit: '1' });
    expect(await text('form[data-action="estimate"] [data-error-for="amount"]')).toBe(
      'must be more than 0 (a deal of nothing is not a deal)',
    );
    addon.fetches.reset();
    await estimate({ amount: 'lots', profit: '1' });
    expect(await text('form[data-action="estimate"] [data-error-for="amount"]')).not.toBe('');
    expect(addon.fetches.filter((f) => f.method === 'POST')).toHaveLength(0);

    await estimate({ amount: '1 000', profit: '400' });
    expect(await text('#status')).toBe('Estimated: nothing was recorded.');
    const shown = await text('#estimate');
    // 5 % of 400 ₽ payable now, the 5 % above normal held until the gate.
    expect(shown).toContain('Normal rate 5\u00a0%');
    expect(shown).toContain('20.00\u00a0₽ · Payable');
    expect(shown).toContain('New-client rate 5\u00a0%');
    expect(shown).toContain(`20.00\u00a0₽ · Pending ${gate}`);
    expect(shown).toContain('Once the head of sales confirms the deal.');
    expect((await world.db.collection('deals').where('clientId', '==', fresh).get()).size).toBe(0);
    expect(card.errors).toEqual([]);
  });
});
