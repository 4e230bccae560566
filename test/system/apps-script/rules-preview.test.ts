import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonthsToMonth, companyToday } from '../../../functions/src/core/calendar.ts';
import type { AddonHarness } from '../../support/apps-script/index.ts';
import { startAddonWorld, type AddonWorld } from './addon-world.ts';

// The head of sales edits the rules on the Config sheet and chooses Preview effect: the built
// add-on in the Sheets doubles asks the real API what the edited rules would have paid on the
// closed months of the real emulator, and lays it beside what was paid. Nothing is published.
const today = companyToday('Europe/Moscow');
const thisMonth = today.slice(0, 7);
const closed = [addMonthsToMonth(thisMonth, -2), addMonthsToMonth(thisMonth, -1)] as const;
const baseRules = { bonus: { normalRate: 0.05, newClientMultiplier: 3, retentionMonths: 3, attractionBonus: 50_000 } };
let world: AddonWorld;
let head: AddonHarness;

const alerts = (h: AddonHarness) => h.ui.alerts.at(-1)?.prompt ?? '';
const configRow = (h: AddonHarness, sheet: string, key: string) => h.spreadsheet.grid(sheet).findIndex((line) => line[5] === key) + 1;
const whatIfCalls = (h: AddonHarness) => h.fetches.filter((f) => f.url.includes('/admin/rules/what-if'));
/** The preview's rows as [manager, id, month, paid, would be, difference], the total line last. */
const previewRows = (h: AddonHarness, sheet = 'Rules preview') => {
  const grid = h.spreadsheet.grid(sheet);
  const header = grid.findIndex((l) => l[3] === (sheet === 'Rules preview' ? 'Paid' : 'Выплачено'));
  return grid
    .slice(header + 1)
    .filter((l) => l[0] !== '')
    .map((l) => l.slice(0, 6));
};

/** Managers, each with a new client and a deal on `day`; the month computed and closed through the API. */
async function closeMonthWith(month: string, managers: string[]): Promise<void> {
  for (const [i, id] of managers.entries()) {
    await world.addManager({ id, name: `Manager ${id}` });
    const client = `${id}-${month}`;
    const phone = `+7916${String(Number(month.replace('-', '')) % 1000).padStart(3, '0')}${String(i).padStart(4, '0')}`;
    const body = { id: client, name: `Client ${client}`, kind: 'person', phones: [phone], managerId: id, attractedBy: id };
    const made = await world.api('POST', '/clients', 'head', body);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    await world.db
      .collection('clients')
      .doc(client)
      .update({ assignedAt: `${closed[0]}-01`, createdAt: `${closed[0]}-01` });
    const deal = { id: `${client}-d1`, date: `${month}-10`, amount: 100_000 + 10_000 * i, profit: 40_000 + 1_000 * i, managerId: id };
    const recorded = await world.api('POST', `/clients/${client}/deals`, 'head', deal);
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
  }
  expect((await world.awaitJob(await world.api('POST', `/admin/bonus/${month}/compute`, 'head'), 'head')).status).toBe('done');
  expect((await world.api('POST', `/admin/bonus/${month}/close`, 'head')).status).toBe(200);
}

/** The API's own answer for the rules as the sheet holds them, as the sheet would show it. */
function expectedRows(answer: {
  managers: Array<{ managerId: string; name: string | null; months: Array<{ month: string; paid: number; wouldBe: number }> }>;
  totalDifference: number;
}) {
  const rows: unknown[][] = answer.managers.flatMap((m) =>
    m.months.map((x) => [m.name ?? m.managerId, m.managerId, x.month, x.paid / 100, x.wouldBe / 100, (x.wouldBe - x.paid) / 100]),
  );
  const sum = (k: 'paid' | 'wouldBe') => answer.managers.flatMap((m) => m.months).reduce((n, x) => n + x[k], 0) / 100;
  return [...rows, ['Total difference', '', '', sum('paid'), sum('wouldBe'), answer.totalDifference / 100]];
}

beforeAll(async () => {
  world = await startAddonWorld('addon-rules-preview');
  await world.addManager({ id: 'head', name: 'Olga Head', role: 'admin', level: 9 });
  expect((await world.api('PUT', '/admin/rules', 'head', { rules: baseRules })).status).toBe(200);
  await closeMonthWith(closed[0], ['anna', 'boris']);
  head = await world.open({ as: 'head' });
}, 120_000);
afterAll(() => world?.close());

describe('Preview effect on the Config sheet', () => {
  it('is on the head of sales menu, between loading and publishing the rules', () => {
    head.trigger('onOpen');
    const adminMenu = head.ui.menus[0]!.items.find((i) => i.kind === 'submenu');
    const captions = adminMenu?.kind === 'submenu' ? adminMenu.menu.items.map((i) => ('caption' in i ? i.caption : '')) : [];
    expect(captions.slice(0, 3)).toEqual(['Config: load the rules in force', 'Config: preview effect', 'Config: publish the rules']);
    expect(head.topLevelFunctions()).toContain('menuRulesPreview');
  });

  it('shows no difference for the rules as loaded', async () => {
    head.call('menuConfigLoad');
    head.fetches.reset();
    head.call('menuRulesPreview');
    expect(whatIfCalls(head)).toHaveLength(1);
    const current = (await world.api('GET', '/admin/rules', 'head')).body.rules;
    const answer = (await world.api('POST', '/admin/rules/what-if', 'head', { rules: current, months: 12 })).body;
    expect(answer.totalDifference).toBe(0);
    expect(previewRows(head)).toEqual(expectedRows(answer));
    expect(previewRows(head).at(-1)).toEqual(['Total difference', '', '', expect.any(Number), expect.any(Number), 0]);
  });

  it('lays paid beside would-be per manager and month for an edited rate, exactly as the base answers; nothing is published', async () => {
    const before = (await world.api('GET', '/admin/rules', 'head')).body;
    head.spreadsheet.userEdit('Config', `C${configRow(head, 'Config', 'bonus.normalRate')}`, '7');
    head.fetches.reset();
    head.call('menuRulesPreview');
    expect(whatIfCalls(head)).toHaveLength(1);
    expect(head.fetches.filter((f) => f.method === 'put')).toHaveLength(0);
    const raised = { ...before.rules, bonus: { ...before.rules.bonus, normalRate: 0.07 } };
    const answer = (await world.api('POST', '/admin/rules/what-if', 'head', { rules: raised, months: 12 })).body;
    expect(answer.months).toEqual([closed[0]]);
    expect(answer.totalDifference).not.toBe(0);
    const rows = previewRows(head);
    expect(rows).toEqual(expectedRows(answer));
    expect(rows.map((r) => r[1])).toEqual(['anna', 'boris', '']);
    expect(rows.at(-1)![5]).toBe(answer.totalDifference / 100);
    const grid = head.spreadsheet.grid('Rules preview');
    expect(grid[0]![0]).toBe(
      'Rules preview: 1 closed month recomputed under the rules as edited on the Config sheet, beside what was paid.',
    );
    expect(grid[1]![0]).toBe('A preview only: nothing was stored or published, and the rules in force did not change. Read-only.');
    expect(head.spreadsheet.cell('Rules preview', 'D5').numberFormat).toBe('#,##0.00 "₽"');
    expect(head.spreadsheet.cell('Rules preview', 'A5').protections).toEqual([
      { description: 'clientbase: written by the add-on; it is rewritten on each refresh', warningOnly: true },
    ]);
    expect(head.ui.toasts.at(-1)?.message).toBe('Rules preview: 1 closed month recomputed. Nothing was published.');
    const after = (await world.api('GET', '/admin/rules', 'head')).body;
    expect(after.version).toBe(before.version);
    expect(after.rules.bonus.normalRate).toBe(0.05);
    // The edit is still on the Config sheet, unpublished.
    expect(head.spreadsheet.cell('Config', `C${configRow(head, 'Config', 'bonus.normalRate')}`).value).toBe(7);
  });

  it('refuses an invalid cell by naming it, marks it, and asks the base nothing', async () => {
    const cell = `C${configRow(head, 'Config', 'bonus.newClientMultiplier')}`;
    head.spreadsheet.userEdit('Config', cell, '4');
    head.fetches.reset();
    head.call('menuRulesPreview');
    expect(whatIfCalls(head)).toHaveLength(0);
    expect(head.ui.alerts.at(-1)?.title).toBe('Preview effect: errors');
    expect(alerts(head)).toBe(
      'No preview was made: these cells of the Config sheet are not valid (red, with a note):\n' +
        `• New-client multiplier · ${cell}: must be between 2 and 3\n` +
        'Fix them and choose Config: preview effect again.',
    );
    expect(head.spreadsheet.cell('Config', cell).note).toBe('clientbase · Not saved: must be between 2 and 3');
    expect((await world.api('GET', '/admin/rules', 'head')).body.version).toBe(1);
    head.spreadsheet.userEdit('Config', cell, '3');
  });

  it('costs the same Spreadsheet calls and one API call for a larger team over more closed months', async () => {
    head.call('menuRulesPreview');
    head.counts.reset();
    head.call('menuRulesPreview');
    const few = head.counts.snapshot();
    const rowsBefore = previewRows(head).length;
    await closeMonthWith(closed[1], ['anna', 'boris', 'vera', 'gleb', 'dina']);
    head.counts.reset();
    head.fetches.reset();
    head.call('menuRulesPreview');
    expect(head.counts.snapshot()).toEqual(few);
    expect(head.fetches).toHaveLength(1);
    expect(previewRows(head).length).toBeGreaterThan(rowsBefore);
    expect(head.spreadsheet.grid('Rules preview')[0]![0]).toMatch(/^Rules preview: 2 closed months recomputed/);
  }, 120_000);

  it('speaks Russian in a Russian spreadsheet', () => {
    return world.open({ as: 'head', locale: 'ru_RU' }).then((ru) => {
      ru.call('menuConfigLoad');
      ru.spreadsheet.userEdit('Правила', `C${configRow(ru, 'Правила', 'bonus.normalRate')}`, '7');
      ru.call('menuRulesPreview');
      const grid = ru.spreadsheet.grid('Предпросмотр правил');
      expect(grid[0]![0]).toBe(
        'Предпросмотр правил: пересчёт за 2 закрытых месяца по правилам, изменённым на листе «Правила», рядом с тем, что выплачено.',
      );
      expect(grid[1]![0]).toMatch(/^Только предпросмотр: ничего не сохранено и не опубликовано/);
      expect(grid.find((l) => l[3] === 'Выплачено')!.slice(0, 6)).toEqual(['Менеджер', 'Код', 'Месяц', 'Выплачено', 'Было бы', 'Разница']);
      expect(previewRows(ru, 'Предпросмотр правил').at(-1)![0]).toBe('Итого разница');
      expect(ru.ui.toasts.at(-1)?.message).toBe('Предпросмотр правил: пересчёт за 2 закрытых месяца. Ничего не опубликовано.');
    });
  });
});
