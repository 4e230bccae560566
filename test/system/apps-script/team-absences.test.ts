import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDay, companyToday } from '../../../functions/src/core/calendar.ts';
import type { AddonHarness } from '../../support/apps-script/index.ts';
import { seedBook } from '../../support/manager-book.ts';
import { startAddonWorld, type AddonWorld } from './addon-world.ts';

// The head of sales keeps everyone's leaves in the Team sheet's Away column, in English and in
// Russian; the rotation plan sheet then says who is away and what that changed.
const today = companyToday('Europe/Moscow');
let world: AddonWorld;
let head: AddonHarness;
let deputy: AddonHarness;

const letter = (index: number) => String.fromCharCode(65 + index);
/** A cell of the Team sheet found by its header and the row's id (never by a fixed letter). */
function teamCell(h: AddonHarness, sheet: string, header: string, id: string): string {
  const grid = h.spreadsheet.grid(sheet);
  const column = grid[0]!.indexOf(header);
  const row = grid.findIndex((l) => l[0] === id);
  expect(column).toBeGreaterThanOrEqual(0);
  expect(row).toBeGreaterThan(0);
  return `${letter(column)}${row + 1}`;
}
const roster = async () =>
  new Map(
    ((await world.api('GET', '/admin/managers', 'head')).body.managers as Array<{ id: string; absences?: unknown }>).map((m) => [
      m.id,
      m.absences,
    ]),
  );

beforeAll(async () => {
  world = await startAddonWorld('addon-team-absences');
  await world.addManager({ id: 'head', name: 'Olga Head', role: 'admin', level: 9 });
  await world.addManager({ id: 'deputy', name: 'Pavel Deputy', role: 'admin', level: 9 });
  await world.addManager({ id: 'anna', name: 'Anna Orlova' });
  await world.addManager({ id: 'boris', name: 'Boris Petrov' });
  await world.addManager({ id: 'vera', name: 'Vera Sokolova' });
  await seedBook(world.db, { managerId: 'anna', count: 3, today, stale: 2 });
  await seedBook(world.db, { managerId: 'boris', count: 3, today, stale: 1 });
  await seedBook(world.db, { managerId: 'vera', count: 3, today, stale: 1 });
  head = await world.open({ as: 'head' });
  deputy = await world.open({ as: 'deputy', locale: 'ru_RU' });
}, 120_000);
afterAll(async () => {
  await world?.close();
});

describe("the Team sheet's absences", () => {
  it('writes and reads leaves in English, and refuses a leave ending before it starts on its cell', async () => {
    head.call('menuTeamLoad');
    expect(head.spreadsheet.grid('Team')[0]).toContain('Away');
    const back = addDaysToDay(today, 5);
    head.spreadsheet.userEdit('Team', teamCell(head, 'Team', 'Away', 'anna'), `${today} .. ${back}; 2030-03-01..2030-03-05`);
    head.spreadsheet.userEdit('Team', teamCell(head, 'Team', 'Away', 'boris'), '2030-02-10..2030-02-01');
    head.ui.nextButton.push('OK');
    head.call('menuTeamSave');
    expect(head.ui.alerts.at(-1)?.prompt).toBe('1 row saved; 1 row has errors (tinted red: the note says what to fix).');
    const bad = head.spreadsheet.cell('Team', teamCell(head, 'Team', 'Away', 'boris'));
    expect(bad.note).toBe('clientbase · Not saved: must not be before from');
    const stored = await roster();
    expect(stored.get('anna')).toEqual([
      { from: today, to: back },
      { from: '2030-03-01', to: '2030-03-05' },
    ]);
    expect(stored.get('boris')).toBeUndefined();
    // Loaded afresh, the cell reads as the base keeps it.
    head.spreadsheet.userEdit('Team', teamCell(head, 'Team', 'Away', 'boris'), '');
    head.call('menuTeamLoad');
    expect(head.spreadsheet.cell('Team', teamCell(head, 'Team', 'Away', 'anna')).value).toBe(`${today}..${back}; 2030-03-01..2030-03-05`);
  });

  it('writes and reads leaves in Russian: a day alone is one day, a cleared cell clears them', async () => {
    deputy.call('menuTeamLoad');
    const sheet = 'Команда';
    expect(deputy.spreadsheet.grid(sheet)[0]).toContain('Отсутствует');
    expect(deputy.spreadsheet.cell(sheet, teamCell(deputy, sheet, 'Отсутствует', 'anna')).value).toBe(
      `${today}..${addDaysToDay(today, 5)}; 2030-03-01..2030-03-05`,
    );
    deputy.spreadsheet.userEdit(sheet, teamCell(deputy, sheet, 'Отсутствует', 'vera'), '2030-04-01');
    deputy.spreadsheet.userEdit(sheet, teamCell(deputy, sheet, 'Отсутствует', 'boris'), '2030-02-30..2030-03-02');
    deputy.ui.nextButton.push('OK');
    deputy.call('menuTeamSave');
    expect(deputy.spreadsheet.cell(sheet, teamCell(deputy, sheet, 'Отсутствует', 'boris')).note).toMatch(/^clientbase · Не сохранено: /);
    expect((await roster()).get('vera')).toEqual([{ from: '2030-04-01', to: '2030-04-01' }]);
    deputy.spreadsheet.userEdit(sheet, teamCell(deputy, sheet, 'Отсутствует', 'vera'), '');
    deputy.spreadsheet.userEdit(sheet, teamCell(deputy, sheet, 'Отсутствует', 'boris'), '');
    deputy.call('menuTeamSave');
    expect((await roster()).get('vera')).toBeUndefined();
  });

  it('the rotation plan sheet says who is away and what that changed, in both languages', async () => {
    for (const [h, sheet, block, row] of [
      [head, 'Rotation preview', 'Away (1): what their leave changed', ['Anna Orlova', addDaysToDay(today, 5), 2, 0, 0]],
      [deputy, 'План ротации', 'Отсутствуют (1): что изменил отпуск', ['Anna Orlova', addDaysToDay(today, 5), 2, 0, 0]],
    ] as const) {
      const answer = h.call('rotationPreview') as { ok: boolean };
      expect(answer.ok).toBe(true);
      const grid = h.spreadsheet.grid(sheet);
      const at = grid.findIndex((l) => l[0] === block);
      expect(at).toBeGreaterThan(0);
      expect(grid[at + 2]!.slice(0, 5)).toEqual(row);
    }
  });
});
