import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fairnessSheetRows, seedFairnessCompany } from '../../support/fairness-company.ts';
import { startAddonWorld, type AddonWorld } from './addon-world.ts';

// The head of sales asks from the admin menu whether rotation is fair: the built add-on, the real
// API, the real emulator, a company with two rotations whose figures were computed by hand.
let world: AddonWorld;

beforeAll(async () => {
  world = await startAddonWorld('addon-fairness');
  await seedFairnessCompany(world.db);
}, 120_000);
afterAll(() => world?.close());

const languages = [
  {
    locale: 'en_US',
    sheet: 'Rotation fairness',
    heading: 'Rotation fairness, 2026-01-01 to 2026-12-31: 2 rotations (2026-03-02: 4 moved, 2026-06-01: 2 moved).',
    firstColumns: ['Manager', 'Manager id', 'Given', 'Given, large', 'Received'],
    shown: 'Rotation fairness: 2 managers.',
    bad: '"last year" is not a period: type two dates, e.g. 2026-01-01 2026-12-31.',
  },
  {
    locale: 'ru_RU',
    sheet: 'Справедливость ротации',
    heading: 'Справедливость ротации с 2026-01-01 по 2026-12-31: 2 ротации (2026-03-02: передано 4, 2026-06-01: передано 2).',
    firstColumns: ['Менеджер', 'ID менеджера', 'Отдал', 'Отдал, крупных', 'Получил'],
    shown: 'Справедливость ротации: 2 менеджера.',
    bad: '«last year» — не период: введите две даты, например 2026-01-01 2026-12-31.',
  },
] as const;

describe.each(languages)('the Rotation fairness sheet ($locale)', (words) => {
  it('writes the hand-computed figures, one line per manager, in one write', async () => {
    const head = await world.open({ as: 'head', locale: words.locale });
    head.ui.nextPrompt.push({ text: '2026-01-01 2026-12-31', button: 'OK' });
    head.counts.reset();
    head.call('menuRotationFairness');
    const grid = head.spreadsheet.grid(words.sheet);
    expect(grid[0]![0]).toBe(words.heading);
    const header = grid.findIndex((row) => row[0] === words.firstColumns[0]);
    expect(grid[header]!.slice(0, 5)).toEqual(words.firstColumns);
    expect(grid.slice(header + 1, header + 3)).toEqual(fairnessSheetRows);
    expect(head.counts.get('setValues')).toBe(1);
    expect(head.ui.toasts.at(-1)?.message).toBe(words.shown);
  });

  it('refuses a period it cannot read, and the base refuses one backwards, naming to', async () => {
    const head = await world.open({ as: 'head', locale: words.locale });
    head.ui.nextPrompt.push({ text: 'last year', button: 'OK' });
    head.call('menuRotationFairness');
    expect(head.ui.alerts.at(-1)?.prompt).toBe(words.bad);
    head.ui.nextPrompt.push({ text: '2026-06-01 2026-05-01', button: 'OK' });
    head.call('menuRotationFairness');
    expect(head.ui.alerts.at(-1)?.prompt).toContain('to: must not be before from (2026-06-01)');
  });
});

it('tells a manager the fairness sheet is for the head of sales', async () => {
  const anna = await world.open({ as: 'anna' });
  anna.ui.nextPrompt.push({ text: '2026-01-01 2026-12-31', button: 'OK' });
  anna.call('menuRotationFairness');
  expect(anna.ui.alerts.at(-1)?.prompt).toBe('Only the head of sales (admin) can do this.');
  expect(anna.spreadsheet.getSheetByName('Rotation fairness')).toBeNull();
});
