import { describe, expect, it } from 'vitest';
import { settingKeys } from '../../../../apps-script/src/config/config-layout.ts';
import {
  canonical,
  canonicalRows,
  configRows,
  convertCell,
  readConfig,
  shiftDecimal,
  type SheetConfigRow,
} from '../../../../apps-script/src/config/config-values.ts';
import { cellOfPath, checkRules } from '../../../../apps-script/src/config/config-problems.ts';
import { describeChange, mergeNewerRules } from '../../../../apps-script/src/config/config-versions.ts';
import { messagesFor } from '../../../../apps-script/src/messages.ts';
import { rulesConfigSchema } from '../../../../functions/src/schema/rules-config.ts';

const en = messagesFor('en');
const ru = messagesFor('ru');
const formatDay = (d: Date) => d.toISOString().slice(0, 10);
const cell = (value: unknown, display = String(value)) => ({ value: value as string, display });
const defaults = {
  version: 0,
  rules: rulesConfigSchema.parse({ bonus: { attractionTiers: [{ minClients: 3, amount: 100_000 }] } }),
  publishedAt: null,
  publishedBy: null,
};

/** The sheet as loaded: every row's cells as `configRows` writes them. */
function sheetOf(over: Record<string, { setting?: unknown; value?: unknown; display?: string }> = {}): SheetConfigRow[] {
  return configRows(defaults, en, '').map((r, i) => {
    const o = over[r.key] ?? {};
    const value = 'value' in o ? o.value : r.cells.value;
    const setting = 'setting' in o ? o.setting : r.cells.setting;
    return {
      key: r.key,
      row: i + 2,
      setting: cell(setting),
      value: cell(value, o.display ?? String(value)),
      loaded: String(r.cells.loaded),
    };
  });
}

describe('units people type in', () => {
  it('moves a decimal point exactly: 7.5 % is 0.075, never 0.07500000000000001', () => {
    expect(shiftDecimal('7.5', -2)).toBe('0.075');
    expect(shiftDecimal('0.075', 2)).toBe('7.5');
    expect(shiftDecimal('1000.5', 2)).toBe('100050');
    expect(shiftDecimal('5', -2)).toBe('0.05');
    expect(shiftDecimal('-3', -2)).toBe('-0.03');
  });

  it('reads a rate typed as 5, "7,5", "5 %" or as 5 % that Sheets keeps as 0.05', () => {
    expect(convertCell('percent', cell(5), en, formatDay)).toEqual({ ok: true, value: 0.05 });
    expect(convertCell('percent', cell('7,5'), en, formatDay)).toEqual({ ok: true, value: 0.075 });
    expect(convertCell('percent', cell('5 %'), en, formatDay)).toEqual({ ok: true, value: 0.05 });
    expect(convertCell('percent', cell(0.05, '5%'), en, formatDay)).toEqual({ ok: true, value: 0.05 });
    expect(convertCell('percent', cell('five'), en, formatDay)).toEqual({ ok: false, message: 'must be a percentage, e.g. 5 or 7.5' });
  });

  it('reads roubles into kopecks, whole numbers, days and choices in either language', () => {
    expect(convertCell('money', cell(1500.5), en, formatDay)).toEqual({ ok: true, value: 150_050 });
    expect(convertCell('money', cell('1 500,50'), en, formatDay)).toEqual({ ok: true, value: 150_050 });
    expect(convertCell('money', cell(10.555), en, formatDay)).toMatchObject({ ok: false });
    expect(convertCell('integer', cell('six'), en, formatDay)).toEqual({ ok: false, message: 'must be a whole number' });
    expect(convertCell('integer', cell(4.5), ru, formatDay)).toEqual({ ok: false, message: 'нужно целое число' });
    expect(convertCell('day', cell(new Date('2026-03-01T00:00:00Z')), en, formatDay)).toEqual({ ok: true, value: '2026-03-01' });
    expect(convertCell('choice', cell('Сумма'), en, formatDay, 'base')).toEqual({ ok: true, value: 'amount' });
    expect(convertCell('choice', cell('никто: учитывать сразу'), en, formatDay, 'dealConfirmation')).toEqual({
      ok: true,
      value: 'not-required',
    });
    expect(convertCell('choice', cell('Profit'), en, formatDay, 'dealConfirmation')).toEqual({
      ok: false,
      message: expect.stringContaining('The head of sales, Nobody: count at once'),
    });
    expect(convertCell('integer', cell(''), en, formatDay)).toEqual({ ok: true, value: undefined });
  });
});

describe('the Config sheet', () => {
  it('shows every setting of the rules once, and the tier tables with room for more', () => {
    const rows = configRows(defaults, en, 'published …');
    expect(rows.filter((r) => r.role === 'setting').map((r) => r.key)).toEqual([...settingKeys]);
    expect(rows.filter((r) => r.key.startsWith('bonus.attractionTiers#')).map((r) => [r.cells.setting, r.cells.value])).toEqual([
      [3, 1000],
      ['', ''],
      ['', ''],
    ]);
    expect(rows.find((r) => r.key === 'bonus.normalRate')!.cells).toMatchObject({ value: 5, unit: '%', loaded: '0.05' });
  });

  it('reads back exactly the rules it was loaded with', () => {
    const read = readConfig(sheetOf(), en, formatDay);
    expect(read.problems).toEqual([]);
    expect(rulesConfigSchema.parse(read.rules)).toEqual(defaults.rules);
    for (const r of sheetOf()) if (read.now.has(r.key)) expect(read.now.get(r.key), r.key).toBe(r.loaded);
  });

  it("puts each problem on its cell: the add-on's own, the schema's in the cell's units, and the base's by path", () => {
    const read = readConfig(
      sheetOf({ 'bonus.normalRate': { value: 150 }, 'rotation.holdMonths': { value: '' }, 'bonus.attractionTiers#1': { setting: 5 } }),
      en,
      formatDay,
    );
    expect(read.problems).toEqual([{ key: 'rotation.holdMonths', column: 'value', message: 'is required' }]);
    expect(checkRules(read.rules, read.sent, en)).toEqual([
      { key: 'bonus.normalRate', column: 'value', message: 'must be between 0 % and 100 %' },
      { key: 'bonus.attractionTiers#1', column: 'value', message: 'is required' },
    ]);
    expect(cellOfPath('rules.bonus.attractionTiers[1].minClients', read.sent)).toEqual({
      key: 'bonus.attractionTiers#1',
      column: 'setting',
    });
    expect(cellOfPath('rules.intake.managerId', read.sent)).toEqual({ key: 'intake.managerId', column: 'value' });
    expect(cellOfPath('rules.bonus.campaign', read.sent)).toEqual({ key: 'bonus.campaign.from', column: 'value' });
    expect(cellOfPath('rules', read.sent)).toBeNull();
  });

  it('merges a newer version: what I left alone takes theirs, what only I changed stays, what both changed is a conflict', () => {
    const loaded = canonicalRows(defaults.rules, new Map());
    const theirs = canonicalRows(
      rulesConfigSchema.parse({
        rotation: { reportDays: 10, holdMonths: 5 },
        bonus: { attractionTiers: [{ minClients: 3, amount: 100_000 }] },
      }),
      new Map(),
    );
    const now = new Map(loaded);
    now.set('rotation.holdMonths', canonical(4));
    now.set('mailing.smsCadenceDays', canonical(14));
    expect(mergeNewerRules({ now, loaded, theirs })).toEqual({ take: ['rotation.reportDays'], conflicts: ['rotation.holdMonths'] });
  });

  it('describes a change in the units and the words people use', () => {
    expect(describeChange({ path: 'bonus.normalRate', before: 0.05, after: 0.075 }, en)).toBe('Normal rate: 5 % → 7.5 %');
    expect(describeChange({ path: 'bonus.attractionTiers[0].amount', before: 100_000, after: null }, en)).toBe(
      'Attraction tiers 1: Bonus per client: 1,000.00\u00a0₽ → (not set)',
    );
    expect(describeChange({ path: 'intake.rule', before: 'round-robin', after: 'fixed' }, ru)).toBe(
      'Новые заявки: По очереди в уровне → Одному менеджеру по приёму',
    );
    expect(describeChange({ path: 'bonus.dealConfirmation', before: 'required', after: 'not-required' }, en)).toBe(
      'Deals confirmed by: The head of sales → Nobody: count at once',
    );
    expect(describeChange({ path: 'rotation.minDealAmount', before: 100, after: 50_000 }, ru)).toBe(
      'Минимальная сделка для ротации: 1,00\u00a0₽ → 500,00\u00a0₽',
    );
  });
});
