import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddonHarness } from '../../support/apps-script/index.ts';
import { columnLetters } from '../../support/apps-script/a1-notation.ts';
import { startAddonWorld, type AddonWorld } from './addon-world.ts';

// A manager questions a line of their statement on My bonus; the head of sales answers on the
// Disputes sheet; the accepted amount arrives as an adjustment in the next month, the rejection
// shows its reason; a closed month is acknowledged; the payroll lands on a sheet. In both languages.
let world: AddonWorld;

beforeAll(async () => {
  world = await startAddonWorld('addon-disputes');
  await world.addManager({ id: 'anna', name: 'Anna Orlova' });
  await world.addManager({ id: 'boris', name: 'Борис Петров' });
  await world.addManager({ id: 'head', name: 'Olga Head', role: 'admin', level: 9 });
  for (const [id, as] of [
    ['c1', 'anna'],
    ['c2', 'boris'],
  ] as const)
    expect(
      (await world.api('POST', '/clients', as, { id, name: `Buyer ${id}`, kind: 'company', phones: [`+7916000000${id.slice(1)}`] })).status,
    ).toBe(201);
}, 90_000);
afterAll(async () => {
  await world?.close();
});

const deal = async (id: string, client: string, managerId: string, date: string, profit: number) =>
  expect((await world.api('POST', `/clients/${client}/deals`, 'head', { id, date, amount: 100_000, profit, managerId })).status).toBe(201);
const compute = async (month: string) => {
  const done = await world.awaitJob(await world.api('POST', `/admin/bonus/${month}/compute`, 'head', {}), 'head');
  expect(done.status).toBe('done');
};
const close = async (month: string) => expect((await world.api('POST', `/admin/bonus/${month}/close`, 'head', {})).status).toBe(200);

const bonusSheetOf = (addon: AddonHarness) => (addon.spreadsheet.sheetNames().includes('Мой бонус') ? 'Мой бонус' : 'My bonus');

/** The My bonus sheet's rows below its header, and a cell by the header's name. */
function myBonus(addon: AddonHarness) {
  const grid = addon.spreadsheet.grid(bonusSheetOf(addon));
  const header = grid[3]!.map(String);
  const at = (name: string) => header.indexOf(name);
  const rows = grid.slice(4).filter((r) => r.some((v) => v !== ''));
  return { grid, at, rows, rowOf: (lineId: string, line: string) => grid.findIndex((r) => r[at(line)] === lineId) + 1 };
}

/** The manager's row of the head of sales' Statements sheet for the month, a cell by the header's name. */
function statementsRow(head: AddonHarness, w: Words, month: string, manager: string) {
  expect(head.call('bonusShow', month)).toMatchObject({ ok: true });
  const grid = head.spreadsheet.grid(w.statements.sheet);
  const header = grid.find((r) => r[1] === w.payroll.id)!.map(String);
  const row = grid.find((r) => r[1] === manager)!;
  return (name: string) => row[header.indexOf(name)];
}

function show(addon: AddonHarness, month: string) {
  addon.ui.nextPrompt.push({ text: month });
  addon.call('menuShowMyBonus');
}

type Words = {
  locale?: string;
  line: string;
  dispute: string;
  missing: string;
  sent: (m: string) => string;
  open: string;
  accepted: (month: string) => string;
  rejected: string;
  cardDispute: string;
  cardReason: string;
  decide: { id: string; decision: string; amount: string; why: string; accept: string; reject: string };
  resolved: string;
  acknowledged: (month: string) => string;
  notClosed: (month: string) => string;
  payroll: { sheet: string; payable: string; id: string; disputes: string; button: string; shown: string };
  statements: { sheet: string; acknowledged: string; open: string };
};

const en: Words = {
  line: 'Line',
  dispute: 'Dispute',
  missing: 'Missing deal',
  sent: (m) => `Dispute sent for ${m}. The head of sales answers it; its status is on the My bonus sheet.`,
  open: 'open',
  accepted: (month) => `accepted: 50.00\u00a0₽ paid in ${month}`,
  rejected: 'rejected: That deal was in January.',
  cardDispute: 'Dispute',
  cardReason: 'wrong amount',
  decide: { id: 'Dispute id', decision: 'Decision', amount: 'Amount', why: 'Why rejected', accept: 'accept', reject: 'reject' },
  resolved: '2 disputes resolved.',
  acknowledged: (month) => `Statement for ${month} acknowledged`,
  notClosed: (month) => `${month} is not closed yet: a statement is acknowledged once its month is closed.`,
  payroll: {
    sheet: 'Payroll',
    payable: 'Payable',
    id: 'Manager id',
    disputes: 'Accepted disputes',
    button: 'Payroll sheet',
    shown: 'Payroll for MONTH: 1 manager on the Payroll sheet.',
  },
  statements: { sheet: 'Statements', acknowledged: 'Acknowledged', open: 'Open disputes' },
};

const ru: Words = {
  locale: 'ru_RU',
  line: 'Строка',
  dispute: 'Оспаривание',
  missing: 'Нет сделки',
  sent: (m) => `Оспаривание за ${m} отправлено. Ответит руководитель отдела; статус — на листе «Мой бонус».`,
  open: 'открыто',
  accepted: (month) => `принято: 50,00\u00a0₽, выплата в ${month}`,
  rejected: 'отклонено: That deal was in January.',
  cardDispute: 'Оспаривание',
  cardReason: 'неверная сумма',
  decide: { id: 'ID оспаривания', decision: 'Решение', amount: 'Сумма', why: 'Причина отказа', accept: 'принять', reject: 'отклонить' },
  resolved: 'Решено: 2 оспаривания.',
  acknowledged: (month) => `Расчёт за ${month} подтверждён`,
  notClosed: (month) => `Месяц ${month} ещё не закрыт: расчёт подтверждают после закрытия месяца.`,
  payroll: {
    sheet: 'Ведомость',
    payable: 'К выплате',
    id: 'ID менеджера',
    disputes: 'Принятых оспариваний',
    button: 'Ведомость на лист',
    shown: 'Ведомость за MONTH: 1 менеджер на листе «Ведомость».',
  },
  statements: { sheet: 'Расчёты бонусов', acknowledged: 'Подтвердил', open: 'Открытых оспариваний' },
};

describe.each([
  ['en', en, 'anna', 'c1', '2026-02', '2026-03'],
  ['ru', ru, 'boris', 'c2', '2026-05', '2026-06'],
] as const)('a dispute walked through the add-on (%s)', (_lang, w, manager, client, month, next) => {
  let addon: AddonHarness;
  let head: AddonHarness;

  it('goes from My bonus to the Disputes sheet', async () => {
    await deal(`${manager}-d1`, client, manager, `${month}-10`, 40_000);
    await deal(`${manager}-d2`, client, manager, `${next}-10`, 20_000);
    await compute(month);
    await close(month);
    addon = await world.open({ as: manager, ...(w.locale ? { locale: w.locale } : {}) });
    show(addon, month);
    const sheet = myBonus(addon);
    const row = sheet.rowOf(`normal:${manager}-d1`, w.line);
    expect(row).toBeGreaterThan(4);
    addon.spreadsheet.userSelect(bonusSheetOf(addon), `A${row}`);
    addon.ui.nextPrompt.push({ text: '1' }, { text: 'The profit was 50 000.' });
    addon.call('menuDisputeLine');
    expect(addon.ui.toasts.at(-1)?.message).toBe(w.sent(month));
    expect(myBonus(addon).grid[row - 1]![sheet.at(w.dispute)]).toBe(w.open);
    // A deal missing from the statement: no line selected.
    addon.spreadsheet.userSelect(bonusSheetOf(addon), 'A1');
    addon.ui.nextPrompt.push({ text: 'Deal of the 14th' });
    addon.call('menuDisputeLine');
    const missing = myBonus(addon).rows.find((r) => r[2] === w.missing)!;
    expect(missing[sheet.at(w.dispute)]).toBe(w.open);

    head = await world.open({ as: 'head', ...(w.locale ? { locale: w.locale } : {}) });
    // The Statements sheet counts the manager's open disputes of the month; not acknowledged yet.
    const waiting = statementsRow(head, w, month, manager);
    expect(waiting(w.statements.open)).toBe(2);
    expect(waiting(w.statements.acknowledged)).toBe('');
    head.call('menuDisputesLoad');
    const grid = head.spreadsheet.grid(w.locale ? 'Оспаривания' : 'Disputes');
    const headerRow = grid.findIndex((r) => r[0] === w.decide.id);
    const cols = (name: string) => columnLetters(grid[headerRow]!.indexOf(name) + 1);
    const listed = grid.slice(headerRow + 1).filter((r) => r[0] !== '');
    expect(listed).toHaveLength(2);
    const sheetName = w.locale ? 'Оспаривания' : 'Disputes';
    const lineRow = headerRow + 1 + listed.findIndex((r) => r.includes(`normal:${manager}-d1`)) + 1;
    const missingRow = headerRow + 1 + listed.findIndex((r) => r.includes('Deal of the 14th')) + 1;
    head.spreadsheet.userEdit(sheetName, `${cols(w.decide.decision)}${lineRow}`, w.decide.accept);
    head.spreadsheet.userEdit(sheetName, `${cols(w.decide.amount)}${lineRow}`, 50);
    head.spreadsheet.userEdit(sheetName, `${cols(w.decide.decision)}${missingRow}`, w.decide.reject);
    head.call('menuDisputesSend');
    // A rejection without its reason is not sent, nor anything with it.
    expect(head.ui.alerts.at(-1)?.prompt).toContain(`${missingRow}`);
    expect((await world.api('GET', '/admin/disputes?status=open', 'head')).body.disputes).toHaveLength(2);
    head.spreadsheet.userEdit(sheetName, `${cols(w.decide.why)}${missingRow}`, 'That deal was in January.');
    head.call('menuDisputesSend');
    expect(head.ui.toasts.at(-1)?.message).toBe(w.resolved);
    expect(
      head.spreadsheet
        .grid(sheetName)
        .slice(headerRow + 1)
        .filter((r) => r[0] !== ''),
    ).toEqual([]);
  }, 120_000);

  it("pays the accepted one in the next month's statement and shows the rejection's reason", async () => {
    await compute(next);
    show(addon, next);
    const shown = myBonus(addon);
    const adjustment = shown.rows.find((r) => String(r[shown.at(w.line)]).startsWith('dispute:'))!;
    expect(adjustment[4]).toBe(50);
    const mine = (await world.api('GET', '/disputes', manager)).body.disputes;
    expect(adjustment[7]).toContain(`accepted dispute ${mine[0].id}`);
    show(addon, month);
    const before = myBonus(addon);
    expect(before.grid[before.rowOf(`normal:${manager}-d1`, w.line) - 1]![before.at(w.dispute)]).toBe(w.accepted(next));
    expect(before.rows.find((r) => r[before.at(w.dispute)] === w.rejected)).toBeDefined();
    // The card of the client concerned says where the dispute about its line stands.
    const opened = addon.call('cardLoad', client) as { ok: boolean; card: { facts: { label: string; value: string }[] } };
    expect(opened.ok).toBe(true);
    expect(opened.card.facts).toContainEqual({ label: `${w.cardDispute} ${month}`, value: `${w.cardReason}: ${w.accepted(next)}` });
  });

  it('acknowledges the closed month shown, and refuses an open one in its own words', async () => {
    addon.call('menuAcknowledgeStatement');
    expect(addon.ui.alerts.at(-1)?.prompt).toContain(w.acknowledged(month));
    // The head of sales sees when, and that none of the manager's disputes of it is open any more.
    const settled = statementsRow(head, w, month, manager);
    expect(settled(w.statements.acknowledged)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(settled(w.statements.open)).toBe(0);
    show(addon, next);
    addon.call('menuAcknowledgeStatement');
    expect(addon.ui.alerts.at(-1)?.prompt).toBe(w.notClosed(next));
  });

  it("puts the closed month's payroll on a sheet from the bonus dialog, equal to the statement", async () => {
    await close(next);
    head.call('menuBonuses');
    expect(head.ui.dialogs.at(-1)?.content).toContain(w.payroll.button);
    const answer = head.call('bonusPayroll', next) as { ok: boolean; text: string };
    expect(answer).toMatchObject({ ok: true, text: w.payroll.shown.replace('MONTH', next) });
    const grid = head.spreadsheet.grid(w.payroll.sheet);
    const header = grid.findIndex((r) => r[1] === w.payroll.id);
    const row = grid[header + 1]!;
    const statement = (await world.api('GET', `/statements/${next}`, manager)).body.statement;
    expect(row[1]).toBe(manager);
    expect(row[grid[header]!.indexOf(w.payroll.payable)]).toBe(statement.totals.payable / 100);
    expect(row[grid[header]!.indexOf(w.payroll.disputes)]).toBe(1);
  });
});
