import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDay, addMonthsToMonth, companyMonth, companyToday } from '../../../functions/src/core/calendar.ts';
import { closeSidebarBrowser, openSidebar, type AddonHarness } from '../../support/apps-script/index.ts';
import { registerSignup } from '../../../functions/src/store/signup-store.ts';
import { seedBook } from '../../support/manager-book.ts';
import { col, startAddonWorld, type AddonWorld } from './addon-world.ts';

// The head of sales' month with the built add-on in a Sheets double, on the real API and the real
// emulator: rules published after three refused cells, a colleague's publish merged in, the team
// kept, a rotation previewed and applied (and refused a second time), a manager offboarded, a
// month computed and closed with a correction coming back as an adjustment, a mailing list, the
// oversight sheets, and a dashboard whose charts sit over the right numbers.
const today = companyToday('Europe/Moscow');
const thisMonth = today.slice(0, 7);
const lastMonth = addMonthsToMonth(thisMonth, -1);
let world: AddonWorld;
let head: AddonHarness;
let anna: AddonHarness;
let vera: AddonHarness;

const alerts = (h: AddonHarness) => h.ui.alerts.at(-1)?.prompt ?? '';
const toasts = (h: AddonHarness) => h.ui.toasts.at(-1)?.message ?? '';
const marked = (h: AddonHarness, sheet: string) =>
  h.spreadsheet
    .notes(sheet)
    .flatMap((line, r) => line.map((note, c) => ({ a1: `${String.fromCharCode(65 + c)}${r + 1}`, note })))
    .filter((n) => n.note.startsWith('clientbase ·'));
/** The Config sheet row (1-based) of a setting, found by its hidden key column. */
const configRow = (key: string) => head.spreadsheet.grid('Config').findIndex((line) => line[5] === key) + 1;
const configCell = (key: string, column: 'B' | 'C' = 'C') => `${column}${configRow(key)}`;

/** The rotation dialog as the README shows it (written when UPDATE_DOC_SCREENSHOTS=1). */
async function saveDocScreenshot(page: { screenshot: (path?: string) => Promise<Buffer> }): Promise<void> {
  if (process.env.UPDATE_DOC_SCREENSHOTS === '1')
    await page.screenshot(fileURLToPath(new URL('../../../docs/img/rotation-preview.png', import.meta.url)));
}

/** Follows a job through the dialog's own polling target until it ends. */
function followJob(h: AddonHarness, jobId: string): { status: string; text: string; alreadyApplied: boolean } {
  for (let i = 0; i < 600; i++) {
    const answer = h.call('adminJob', jobId) as { ok: boolean; job: { status: string; text: string; alreadyApplied: boolean } };
    expect(answer.ok).toBe(true);
    if (answer.job.status !== 'running') return answer.job;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  throw new Error('the job did not finish');
}

beforeAll(async () => {
  process.env.UNSUBSCRIBE_SECRET = 'admin-month-secret-0123456789-abcdefghij';
  process.env.UNSUBSCRIBE_URL = 'https://example.test/unsubscribe';
  world = await startAddonWorld('addon-admin-month');
  await world.addManager({ id: 'head', name: 'Olga Head', role: 'admin', level: 9 });
  await world.addManager({ id: 'deputy', name: 'Pavel Deputy', role: 'admin', level: 9 });
  await world.addManager({ id: 'anna', name: 'Anna Orlova' });
  await world.addManager({ id: 'boris', name: 'Boris Petrov' });
  await world.addManager({ id: 'vera', name: 'Vera Sokolova' });
  await world.addManager({ id: 'gleb', name: 'Gleb Senior', level: 2 });
  await world.addManager({ id: 'oleg', name: 'Oleg Back', active: false, deactivatedAt: '2025-06-01' });
  await seedBook(world.db, { managerId: 'anna', count: 6, today, stale: 2 });
  await seedBook(world.db, { managerId: 'boris', count: 6, today, stale: 2 });
  await seedBook(world.db, { managerId: 'vera', count: 4, today });
  await seedBook(world.db, { managerId: 'gleb', count: 3, today });
  head = await world.open({ as: 'head' });
  anna = await world.open({ as: 'anna' });
  vera = await world.open({ as: 'vera' });
}, 120_000);
afterAll(async () => {
  await closeSidebarBrowser();
  await world?.close();
});

describe("an admin's month", () => {
  it('shows the head of sales their menu, every item a function of the bundle', () => {
    head.trigger('onOpen');
    const adminMenu = head.ui.menus[0]!.items.find((i) => i.kind === 'submenu');
    expect(adminMenu?.kind === 'submenu' && adminMenu.menu.caption).toBe('Head of sales');
    for (const fn of head.ui.menuFunctions()) expect(head.topLevelFunctions()).toContain(fn);
  });

  it('loads the rules onto the Config sheet: labelled rows by section, units, explanations, typed and validated cells', () => {
    head.call('menuConfigLoad');
    expect(toasts(head)).toBe('Config loaded: the defaults (never published).');
    const grid = head.spreadsheet.grid('Config');
    expect(grid[0]!.slice(0, 5)).toEqual(['Section', 'Setting', 'Value', 'Unit', 'What it sets']);
    const rate = grid[configRow('bonus.normalRate') - 1]!;
    expect(rate.slice(0, 4)).toEqual(['Bonus', 'Normal rate', 5, '%']);
    expect(rate[4]).toMatch(/share of each deal/);
    expect(grid[configRow('bonus.attractionBonus') - 1]!.slice(1, 4)).toEqual(['Attraction bonus', 0, '₽ per client']);
    expect(head.spreadsheet.cell('Config', configCell('rotation.holdMonths')).validation).toEqual({
      criteria: 'NUMBER_BETWEEN',
      values: [1, 120],
      allowInvalid: true,
    });
    expect(head.spreadsheet.cell('Config', configCell('bonus.normalRate')).validation).toMatchObject({
      criteria: 'NUMBER_BETWEEN',
      values: [0, 100],
    });
    expect(head.spreadsheet.cell('Config', configCell('bonus.base')).validation).toMatchObject({
      criteria: 'VALUE_IN_LIST',
      values: [['Profit', 'Amount'], true],
    });
    expect(grid[configRow('bonus.dealConfirmation') - 1]!.slice(1, 4)).toEqual(['Deals confirmed by', 'The head of sales', 'rule']);
    expect(head.spreadsheet.cell('Config', configCell('bonus.dealConfirmation')).validation).toMatchObject({
      criteria: 'VALUE_IN_LIST',
      values: [['The head of sales', 'Nobody: count at once'], true],
    });
    expect(grid[configRow('bonus.minDealAmount') - 1]!.slice(1, 4)).toEqual(['Minimum deal for new-client pay', 1, '₽']);
    expect(grid[configRow('rotation.minDealAmount') - 1]!.slice(0, 4)).toEqual(['Rotation', 'Minimum deal for rotation', 1, '₽']);
    expect(head.spreadsheet.cell('Config', configCell('bonus.attractionTiers#0', 'B')).validation).toMatchObject({
      criteria: 'NUMBER_BETWEEN',
    });
    expect(head.spreadsheet.cell('Config', configCell('bonus.normalRate', 'B')).protections).toEqual([
      { description: 'clientbase: config labels', warningOnly: true },
    ]);
    expect(grid.some((line) => line[0] === 'Attraction tiers' && line[1] === 'From, new clients a month')).toBe(true);
  });

  it('refuses three invalid cells: exactly those are marked with messages and listed in a sidebar; the rules in force stay', async () => {
    head.spreadsheet.userEdit('Config', configCell('bonus.normalRate'), '150');
    head.spreadsheet.userEdit('Config', configCell('rotation.holdMonths'), 'six');
    head.spreadsheet.userEdit('Config', configCell('bonus.newClientMultiplier'), '4');
    head.fetches.reset();
    head.call('menuConfigPublish');
    expect(toasts(head)).toBe('Not published: 3 errors (red cells). The rules in force did not change.');
    expect(head.fetches.filter((f) => f.method === 'put')).toHaveLength(0);
    expect(marked(head, 'Config')).toEqual([
      { a1: configCell('rotation.holdMonths'), note: 'clientbase · Not saved: must be a whole number' },
      { a1: configCell('bonus.normalRate'), note: 'clientbase · Not saved: must be between 0 % and 100 %' },
      { a1: configCell('bonus.newClientMultiplier'), note: 'clientbase · Not saved: must be between 2 and 3' },
    ]);
    for (const { a1 } of marked(head, 'Config')) expect(head.spreadsheet.cell('Config', a1).background).toBe('#f4c7c3');
    expect((await world.api('GET', '/admin/rules', 'head')).body).toMatchObject({
      version: 0,
      rules: { rotation: { holdMonths: 6 }, bonus: { normalRate: 0.05 } },
    });

    // The sidebar lists them; "go to cell" finds the row by its key wherever it is now.
    const shown = head.ui.lastSidebar!;
    expect(shown.title).toBe('Config: errors');
    const page = await openSidebar(head, shown.content);
    try {
      await page.settle();
      const items = page.page.locator('li.problem');
      expect(await items.allTextContents()).toEqual([
        `Hold months · ${configCell('rotation.holdMonths')}must be a whole numberGo to cell`,
        `Normal rate · ${configCell('bonus.normalRate')}must be between 0 % and 100 %Go to cell`,
        `New-client multiplier · ${configCell('bonus.newClientMultiplier')}must be between 2 and 3Go to cell`,
      ]);
      head.spreadsheet.userSelect('Config', 'A1');
      await items.nth(1).locator('button').click();
      await page.settle();
      expect(head.spreadsheet.activeSelection()).toBe(`Config!${configCell('bonus.normalRate')}`);
      expect(await page.page.locator('#status').textContent()).toBe(`Selected cell ${configCell('bonus.normalRate')}`);
      expect(page.errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("puts the base's own refusal on its cell too, and publishes once everything is fixed, clearing every mark", () => {
    head.spreadsheet.userEdit('Config', configCell('bonus.normalRate'), '6');
    head.spreadsheet.userEdit('Config', configCell('rotation.holdMonths'), '4');
    head.spreadsheet.userEdit('Config', configCell('bonus.newClientMultiplier'), '3');
    head.spreadsheet.userEdit('Config', configCell('intake.rule'), 'One intake manager');
    head.spreadsheet.userEdit('Config', configCell('intake.managerId'), 'nobody');
    head.call('menuConfigPublish');
    expect(marked(head, 'Config')).toEqual([
      { a1: configCell('intake.managerId'), note: 'clientbase · Not saved: nobody is not on the roster' },
    ]);

    head.spreadsheet.userEdit('Config', configCell('intake.managerId'), 'anna');
    head.spreadsheet.userEdit('Config', configCell('bonus.attractionTiers#0', 'B'), '2');
    head.spreadsheet.userEdit('Config', configCell('bonus.attractionTiers#0'), '1 500');
    head.call('menuConfigPublish');
    expect(toasts(head)).toBe('Published: version 1 is now in force.');
    expect(marked(head, 'Config')).toEqual([]);
    expect(
      head.spreadsheet
        .backgrounds('Config')
        .flat()
        .filter((b) => b === '#f4c7c3'),
    ).toEqual([]);
    expect(head.spreadsheet.cell('Config', configCell('_status')).value).toMatch(/^published \d{4}-\d{2}-\d{2} \d{2}:\d{2} by Olga Head$/);
  });

  it('merges a version another admin published meanwhile instead of overwriting it, and says what changed', async () => {
    const theirs = await world.api('PUT', '/admin/rules', 'deputy', {
      rules: {
        ...(await world.api('GET', '/admin/rules', 'deputy')).body.rules,
        rotation: { holdMonths: 4, noDealMonths: 12, noReturnRotations: 2, reportDays: 10, writesPerSecond: 500 },
        bonus: { ...(await world.api('GET', '/admin/rules', 'deputy')).body.rules.bonus, retentionMonths: 2 },
      },
      expectedVersion: 1,
    });
    expect(theirs.status).toBe(200);
    head.spreadsheet.userEdit('Config', configCell('bonus.retentionMonths'), '4');
    head.spreadsheet.userEdit('Config', configCell('mailing.smsCadenceDays'), '14');
    head.ui.nextButton.push('OK');
    head.call('menuConfigPublish');
    const told = alerts(head);
    expect(told).toContain('Pavel Deputy published version 2');
    expect(told).toContain('• Report days: 14 → 10');
    expect(told).toContain('• Retention months: 3 → 2');
    expect(told).toContain('1 setting you had not touched now shows the new value.');
    expect(told).toContain('1 setting you changed was changed by them too');
    expect((await world.api('GET', '/admin/rules', 'head')).body.version).toBe(2);
    expect(head.spreadsheet.cell('Config', configCell('rotation.reportDays')).value).toBe(10);
    const conflict = head.spreadsheet.cell('Config', configCell('bonus.retentionMonths'));
    expect(conflict).toMatchObject({ value: 4, background: '#fce8b2' });
    expect(conflict.note).toMatch(/^clientbase · Pavel Deputy published 2 here on .*Your value is kept/);

    head.call('menuConfigPublish');
    expect(toasts(head)).toBe('Published: version 3 is now in force.');
    // Loading again over an unpublished edit asks first; "No" keeps the sheet as it is.
    head.spreadsheet.userEdit('Config', configCell('rotation.reportDays'), '21');
    head.ui.nextButton.push('NO');
    head.call('menuConfigLoad');
    expect(head.ui.alerts.at(-1)).toMatchObject({
      prompt: expect.stringMatching(/^1 setting on the Config sheet was changed and not published/),
      answer: 'NO',
    });
    expect(head.spreadsheet.cell('Config', configCell('rotation.reportDays')).value).toBe(21);
    head.spreadsheet.userEdit('Config', configCell('rotation.reportDays'), '10');
    const rules = (await world.api('GET', '/admin/rules', 'head')).body;
    expect(rules).toMatchObject({
      version: 3,
      rules: {
        rotation: { holdMonths: 4, reportDays: 10 },
        bonus: { normalRate: 0.06, newClientMultiplier: 3, retentionMonths: 4, attractionTiers: [{ minClients: 2, amount: 150_000 }] },
        mailing: { smsCadenceDays: 14 },
        intake: { rule: 'fixed', managerId: 'anna' },
      },
    });
  });

  it('keeps the rules history: who published each version and what differs from the rules in force', () => {
    head.call('menuRulesHistory');
    const grid = head.spreadsheet.grid('Rules history');
    expect(grid[0]![0]).toBe('Rules history: version 3 is in force. Each version shows what differs from it.');
    const header = grid.findIndex((line) => line[0] === 'Version');
    const rows = grid.slice(header + 1).filter((l) => l[0] !== '');
    expect(rows.map((l) => [l[0], l[2]])).toEqual([
      [3, 'Olga Head'],
      [2, 'Pavel Deputy'],
      [1, 'Olga Head'],
    ]);
    expect(rows[0]![3]).toBe('in force');
    expect(String(rows[1]![3]).split('\n')).toEqual(['Retention months: 2 → 4', 'SMS cadence: 7 → 14']);
    expect(String(rows[2]![3]).split('\n')).toEqual(['Report days: 14 → 10', 'Retention months: 3 → 4', 'SMS cadence: 7 → 14']);
  });

  it("speaks Russian in a Russian spreadsheet, errors in the cell's units included", async () => {
    const ru = await world.open({ as: 'deputy', locale: 'ru_RU' });
    ru.call('menuConfigLoad');
    const grid = ru.spreadsheet.grid('Правила');
    expect(grid[0]!.slice(0, 5)).toEqual(['Раздел', 'Параметр', 'Значение', 'Единица', 'Что задаёт']);
    const row = grid.findIndex((l) => l[5] === 'bonus.normalRate') + 1;
    expect(grid[row - 1]!.slice(0, 4)).toEqual(['Бонусы', 'Обычная ставка', 6, '%']);
    ru.spreadsheet.userEdit('Правила', `C${row}`, '150');
    ru.call('menuConfigPublish');
    expect(ru.spreadsheet.cell('Правила', `C${row}`).note).toBe('clientbase · Не сохранено: должно быть от 0 % до 100 %');
    expect(toasts(ru)).toBe('Не опубликовано: ошибок — 1 (красные ячейки). Действующие правила не изменились.');
  });

  it('keeps the team: adds a manager, renames one, re-activates one, and refuses to let someone go from a cell', async () => {
    head.call('menuTeamLoad');
    expect(toasts(head)).toBe('Team loaded: 7 people, 7 new on the sheet.');
    const team = () => head.spreadsheet.grid('Team');
    expect(team()[0]!.slice(0, 7)).toEqual(['Id', 'Name', 'E-mail', 'Level', 'Role', 'Status', 'Left on']);
    expect(
      team()
        .slice(1, 8)
        .map((l) => l[0]),
    ).toEqual(['head', 'deputy', 'gleb', 'anna', 'boris', 'oleg', 'vera']);
    const rowOf = (id: string) => team().findIndex((l) => l[0] === id) + 1;
    expect(team()[rowOf('oleg') - 1]!.slice(5, 7)).toEqual(['Left', '2025-06-01']);
    head.spreadsheet.userEdit('Team', `B${rowOf('boris')}`, 'Boris P.');
    head.spreadsheet.userEdit('Team', `F${rowOf('oleg')}`, 'Active');
    head.spreadsheet.userEdit('Team', `F${rowOf('anna')}`, 'Left');
    for (const [c, v] of Object.entries({ A: 'dina', B: 'Dina New', C: 'dina@example.com', D: '1', E: 'Sales manager' }))
      head.spreadsheet.userEdit('Team', `${c}9`, v);
    head.ui.nextButton.push('OK');
    head.call('menuTeamSave');
    expect(alerts(head)).toBe('2 rows saved; 1 manager added; 1 row has errors (tinted red: the note says what to fix).');
    expect(head.spreadsheet.cell('Team', `F${rowOf('anna')}`).note).toBe(
      'clientbase · Not saved: to let someone go use Head of sales → Offboard a manager… (their clients must be handed on)',
    );
    const roster = (await world.api('GET', '/admin/managers', 'head')).body.managers as Array<{
      id: string;
      name: string;
      active: boolean;
      version: number;
    }>;
    expect(roster.find((x) => x.id === 'boris')).toMatchObject({ name: 'Boris P.', version: 1 });
    expect(roster.find((x) => x.id === 'oleg')).toMatchObject({ active: true });
    expect(roster.find((x) => x.id === 'dina')).toMatchObject({ name: 'Dina New', active: true, version: 1 });
    expect(roster.find((x) => x.id === 'anna')).toMatchObject({ active: true });
    expect(team()[8]!.slice(0, 7)).toEqual(['dina', 'Dina New', 'dina@example.com', 1, 'Sales manager', 'Active', '']);
    head.spreadsheet.userEdit('Team', `F${rowOf('anna')}`, 'Active');
    head.call('menuTeamSave');
    expect(marked(head, 'Team')).toEqual([]);
  });

  it('tells a manager who runs an admin item that it is for the head of sales, and the base audits the refusal', async () => {
    for (const item of ['menuConfigLoad', 'menuRotation', 'menuDashboard']) {
      anna.call(item);
      expect(alerts(anna)).toBe('Only the head of sales (admin) can do this.');
    }
    expect(anna.ui.dialogs).toHaveLength(0);
    const refused = (await world.db.collection('audit').where('actor', '==', 'anna').where('outcome', '==', 'refused').get()).docs.map(
      (d) => d.data(),
    );
    expect(refused.map((r) => r.action).sort()).toEqual(['GET /admin/dashboard', 'GET /admin/managers', 'GET /admin/rules']);
    expect(refused.every((r) => r.details.reason === 'role')).toBe(true);
  });

  it("previews the rotation in its dialog, the plan on a sheet matching the base's, and applies it", async () => {
    anna.call('menuRefreshMyClients');
    const before = new Set(
      anna.spreadsheet
        .grid('My clients')
        .slice(1)
        .map((l) => l[col.clientId - 1]),
    );
    expect(before.size).toBe(6);

    head.call('menuRotation');
    const dialog = head.ui.dialogs.at(-1)!;
    expect(dialog).toMatchObject({ kind: 'modal', title: `Rotation for ${today}` });
    const page = await openSidebar(head, dialog.content, { width: 560, height: 600 });
    try {
      await page.page.click('[data-action="preview"]');
      await page.settle();
      const rows = await page.page.locator('#plan table tbody tr').allTextContents();
      expect(rows).toEqual(['Anna Orlova122', 'Boris P.122']);
      expect(await page.page.locator('#plan .summary').textContent()).toContain('4 clients change hands.');
      await saveDocScreenshot(page);
      expect(await page.inkRatio()).toBeGreaterThan(0.02);

      // The sheet, client by client, is the base's own plan with names.
      const plan = (await world.api('POST', '/admin/rotation/preview', 'head', {})).body;
      const grid = head.spreadsheet.grid('Rotation preview');
      expect(grid[0]![0]).toBe(`Rotation for ${today}: the plan. Nothing has moved yet.`);
      const header = grid.findIndex((l) => l[0] === 'Client' && l[3] === 'To');
      const moves = grid.slice(header + 1, header + 1 + plan.moves.length).map((l) => l.slice(0, 6));
      const name = (id: string) => ({ anna: 'Anna Orlova', boris: 'Boris P.' })[id];
      expect(moves).toEqual(
        plan.moves.map((mv: { clientId: string; from: string; to: string; reportDue: string }) => [
          `Client ${mv.clientId}`,
          mv.clientId,
          name(mv.from),
          name(mv.to),
          'rotation: no deal since assigned',
          mv.reportDue,
        ]),
      );

      await page.page.click('[data-action="ask"]');
      await page.page.click('[data-action="confirm"]');
      await page.page.waitForSelector('.job.done', { timeout: 30_000 });
      expect(await page.page.locator('.job .progress-text').textContent()).toBe(
        'Done: 4 clients moved. The new managers owe their handover reports.',
      );
      expect(page.errors).toEqual([]);
    } finally {
      await page.close();
    }

    // The manager's own sheet follows on refresh.
    anna.call('menuRefreshMyClients');
    expect(alerts(anna)).toMatch(
      /^6 clients loaded; 2 new; 2 removed\.\n\n2 rows were removed: 2 handed to colleagues by the rotation of /,
    );
    const after = new Set(
      anna.spreadsheet
        .grid('My clients')
        .slice(1)
        .map((l) => l[col.clientId - 1]),
    );
    expect([...before].filter((id) => !after.has(id)).sort()).toEqual(['anna-00000', 'anna-00001']);
    expect([...after].filter((id) => !before.has(id)).sort()).toEqual(['boris-00000', 'boris-00001']);
  });

  it('says so when the day was already applied, and moves nothing', () => {
    const preview = head.call('rotationPreview') as { ok: true; plan: { alreadyApplied: boolean; appliedBy: string }; summary: string[] };
    expect(preview.plan).toMatchObject({ alreadyApplied: true, appliedBy: 'Olga Head' });
    expect(preview.summary[0]).toMatch(new RegExp(`^The rotation for ${today} was already applied on .* by Olga Head`));
    const again = head.call('rotationApply') as { ok: true; jobId: string };
    const job = followJob(head, again.jobId);
    expect(job.alreadyApplied).toBe(true);
    expect(job.text).toMatch(
      new RegExp(
        `^Already applied: the rotation for ${today} was applied on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} by Olga Head ` +
          `\\(4 clients moved then\\)\\. Nothing moved now\\.$`,
      ),
    );
  });

  it('offboards a manager from the dialog: the plan first, then their access ends at once and the hand-on runs to its end', async () => {
    head.call('menuOffboard');
    const page = await openSidebar(head, head.ui.dialogs.at(-1)!.content, { width: 560, height: 600 });
    try {
      expect(await page.page.locator('select[name="managerId"] option').allTextContents()).toContain('Vera Sokolova (vera, level 1)');
      await page.page.selectOption('select[name="managerId"]', 'vera');
      await page.page.click('[data-action="preview"]');
      await page.settle();
      expect(await page.page.locator('#plan .summary p').allTextContents()).toEqual([
        `Offboarding of Vera Sokolova on ${today}: where each client goes. Nothing has changed yet.`,
        '4 clients are handed on.',
      ]);
      // Evenly over the colleagues of her level; her large client to the nearest higher level.
      const receivers = (await page.page.locator('#plan table tbody tr').allInnerTexts()).map((r) => r.split('\t'));
      expect(receivers.map((r) => r[2])).toEqual(['1', '1', '1', '1']);
      expect(receivers.map((r) => r[0])).toContain('Gleb Senior');
      expect(head.spreadsheet.grid('Offboarding preview').filter((l) => /^Client vera-/.test(String(l[0])))).toHaveLength(4);

      await page.page.click('[data-action="ask"]');
      await page.page.click('[data-action="confirm"]');
      await page.page.waitForSelector('.job');
      vera.call('menuRefreshMyClients');
      expect(alerts(vera)).toBe(
        'Your access to the client base has ended: you are no longer active staff. If that is a mistake, talk to the head of sales.',
      );
      await page.page.waitForSelector('.job.done', { timeout: 30_000 });
      expect(await page.page.locator('.job .progress-text').textContent()).toBe(
        'Done: 4 clients handed on. The new managers owe their handover reports.',
      );
      expect(page.errors).toEqual([]);
    } finally {
      await page.close();
    }
    expect((await world.db.collection('clients').where('managerId', '==', 'vera').count().get()).data().count).toBe(0);
  });

  it("computes a month in the bonus dialog, shows every manager's totals with lines a click away, and closes it read-only", async () => {
    for (const [id, by, phone] of [
      ['fresh-1', 'anna', '+79160000101'],
      ['fresh-2', 'anna', '+79160000102'],
      ['fresh-3', 'boris', '+79160000103'],
    ] as const) {
      expect(
        (await world.api('POST', '/clients', by, { id, name: `Fresh ${id.slice(-1)}`, kind: 'company', phones: [phone] })).status,
      ).toBe(201);
      // Last month is before the client came to the base: the head of sales records it for its holder.
      expect(
        (
          await world.api('POST', `/clients/${id}/deals`, 'head', {
            id: `deal-${id}`,
            date: `${lastMonth}-05`,
            amount: 10_000_000,
            profit: 3_000_000,
            managerId: by,
          })
        ).status,
      ).toBe(201);
    }
    // The head of sales confirms the deals first: only deals of record pay.
    const rows = ['fresh-1', 'fresh-2', 'fresh-3'].map((id) => ({ dealId: `deal-${id}`, version: 1, decision: 'confirm' }));
    expect((await world.api('POST', '/admin/deals/review', 'head', { rows })).body.applied).toBe(3);
    head.call('menuBonuses');
    const page = await openSidebar(head, head.ui.dialogs.at(-1)!.content, { width: 480, height: 420 });
    try {
      await page.page.fill('input[name="month"]', lastMonth);
      await page.page.click('[data-action="compute"]');
      await page.page.waitForSelector('#result p.done', { timeout: 30_000 });
      expect(await page.page.locator('.job .progress-text').textContent()).toMatch(
        new RegExp(`^Statements for ${lastMonth} computed: 2 managers, [\\d,.]+\\s₽ payable in all\\.$`),
      );
      expect(await page.page.locator('#result p.done').textContent()).toBe(`${lastMonth}: 2 statements on the Statements sheet.`);

      const statements = head.spreadsheet.grid('Statements');
      expect(statements[0]![0]).toBe(`Bonus statements for ${lastMonth}: open (they may still change).`);
      const header = statements.findIndex((l) => l[1] === 'Manager id');
      for (const id of ['anna', 'boris']) {
        const line = statements.find((l) => l[1] === id)!;
        const api = (await world.api('GET', `/statements/${lastMonth}?managerId=${id}`, 'head')).body.statement;
        expect(line.slice(3, 8)).toEqual([
          api.totals.payable / 100,
          api.totals.pending / 100,
          api.totals.cancelled / 100,
          0,
          api.lines.length,
        ]);
      }
      // Drill-down: Anna's every line.
      head.spreadsheet.userSelect('Statements', `A${statements.findIndex((l) => l[1] === 'anna') + 1}`);
      head.call('menuStatementLines');
      const lines = head.spreadsheet.grid('Statement lines');
      const annaStatement = (await world.api('GET', `/statements/${lastMonth}?managerId=anna`, 'head')).body.statement;
      expect(lines[0]![0]).toBe(`Bonus statement for ${lastMonth} (open: may still change): Anna Orlova`);
      const linesHeader = lines.findIndex((l) => l[0] === 'Client' && l[2] === 'Rule');
      expect(lines.slice(linesHeader + 1).filter((l) => l[0] !== '')).toHaveLength(annaStatement.lines.length);
      expect(lines.slice(linesHeader + 1).map((l) => l[0])).toContain('Fresh 1');
      expect(header).toBeGreaterThan(0);

      await page.page.click('[data-action="ask"]');
      await page.page.click('[data-action="confirm"]');
      await page.page.waitForFunction("document.querySelectorAll('#result p.done').length === 2");
      expect(await page.page.locator('#result p.done').last().textContent()).toBe(
        `${lastMonth} (closed): 2 statements on the Statements sheet.`,
      );
      expect(page.errors).toEqual([]);
    } finally {
      await page.close();
    }
    expect(head.spreadsheet.grid('Statements')[0]![0]).toMatch(
      new RegExp(`^Bonus statements for ${lastMonth}: CLOSED on .* by Olga Head\\. Read-only`),
    );
    expect(head.spreadsheet.cell('Statements', 'A6').protections).toEqual([
      { description: `clientbase: closed month ${lastMonth}: read-only`, warningOnly: false },
    ]);
  });

  it('shows a correction to the closed month as an adjustment in the next one, the closed month unchanged', async () => {
    const closedBefore = (await world.api('GET', `/statements/${lastMonth}?managerId=anna`, 'head')).body.statement;
    expect(
      (
        await world.api('POST', '/clients/fresh-1/deals', 'head', {
          id: 'deal-late',
          date: `${lastMonth}-20`,
          amount: 2_000_000,
          profit: 1_000_000,
          managerId: 'anna',
        })
      ).status,
    ).toBe(201);
    const started = head.call('bonusCompute', thisMonth) as { ok: true; jobId: string };
    expect(followJob(head, started.jobId).status).toBe('done');
    expect(head.call('bonusShow', thisMonth)).toMatchObject({ ok: true, closed: false });
    const now = (await world.api('GET', `/statements/${thisMonth}?managerId=anna`, 'head')).body.statement;
    const adjustments = now.lines
      .filter((l: { kind: string }) => l.kind === 'adjustment')
      .reduce((n: number, l: { amount: number }) => n + l.amount, 0);
    expect(adjustments).toBeGreaterThan(0);
    expect(head.spreadsheet.grid('Statements').find((l) => l[1] === 'anna')![6]).toBe(adjustments / 100);
    expect((await world.api('GET', `/statements/${lastMonth}?managerId=anna`, 'head')).body.statement.totals).toEqual(closedBefore.totals);
    // A month that has not ended cannot be closed: the base's reason, not a word about clients.
    expect(head.call('bonusClose', thisMonth)).toMatchObject({
      ok: false,
      message: expect.stringMatching(new RegExp(`^The base did not do it: ${thisMonth} has not ended yet`)),
    });
  });

  it('exports a mailing list from the sidebar to a new sheet and a CSV, with the cadence applied, audit-logged', async () => {
    for (const [id, by] of [
      ['anna-00004', 'anna'],
      ['gleb-00000', 'gleb'],
    ] as const) {
      expect(
        (
          await world.api('POST', `/clients/${id}/consents`, by, {
            channel: 'email',
            status: 'granted',
            method: 'questionnaire',
            proof: { formId: 'Q-1' },
          })
        ).status,
      ).toBe(201);
    }
    head.call('menuMailing');
    const page = await openSidebar(head, head.ui.lastSidebar!.content);
    try {
      expect(await page.page.locator('label.choice').allTextContents()).toEqual([
        ' E-mail — at most once in (days): 7',
        ' SMS — at most once in (days): 14',
        ' the mailing list (contacts with consent)',
        ' confirmation requests to website sign-ups (double opt-in)',
      ]);
      await page.page.click('[data-action="export"]');
      await page.page.waitForSelector('#result p.done');
      const text = await page.page.locator('#result p.done').textContent();
      expect(text).toMatch(/^2 contacts on the sheet «Mailing E-mail \d{4}-\d{2}-\d{2} \d{2}:\d{2}» \(cadence 7 days\)\.$/);
      const csv = await page.page
        .locator('a.download')
        .evaluate(async (a) => (await fetch((a as unknown as { href: string }).href)).text());
      expect(csv.split('\r\n')[0]).toBe('client_id,name,channel,address,unsubscribe_url');
      expect(csv).toContain('anna-00004@example.com');
      const sheetName = /«(.*)»/.exec(text!)![1]!;
      const grid = head.spreadsheet.grid(sheetName);
      expect(grid[0]![0]).toMatch(/^E-mail list exported .*: 2 contacts/);
      expect(grid[1]![0]).toBe('Cadence applied: nobody listed for this channel within the last 7 days is on it.');
      expect(
        grid
          .filter((l) => /@example\.com$/.test(String(l[2])))
          .map((l) => l[1])
          .sort(),
      ).toEqual(['anna-00004', 'gleb-00000']);

      // Everybody was just listed: the second export finds nobody, says so and leaves no empty sheet.
      const sheetsBefore = head.spreadsheet.sheetNames();
      await page.page.click('[data-action="export"]');
      await page.page.waitForFunction("/^Nobody to export/.test(document.querySelector('#result p.done')?.textContent ?? '')");
      expect(await page.page.locator('#result p.done').textContent()).toBe(
        'Nobody to export for E-mail: no contact with consent who was not listed within the last 7 days. No sheet was created.',
      );
      expect(await page.page.locator('a.download').count()).toBe(0);
      expect(head.spreadsheet.sheetNames()).toEqual(sheetsBefore);
      expect(page.errors).toEqual([]);
    } finally {
      await page.close();
    }
    const exports = (await world.db.collection('audit').where('action', '==', 'mailing.export').get()).docs.map((d) => d.data());
    expect(exports.map((e) => [e.actor, e.details.count]).sort()).toEqual([
      ['head', 0],
      ['head', 2],
    ]);
  });

  it('exports the confirmation requests to web sign-ups from the same sidebar: a sheet and a CSV of confirm links', async () => {
    const form = { formId: 'site', consentTextVersion: 'v1', source: 'website' as const };
    const signup = await registerSignup(
      world.db,
      { ...form, name: 'Web Person', email: 'web.person@example.com', consents: { sms: false, email: true } },
      { at: new Date().toISOString(), ip: '198.51.100.7' },
    );
    const exportsBefore = (await world.db.collection('mailingExports').get()).size;
    expect(head.call('mailingExport', 'email', 'everyone')).toMatchObject({
      ok: false,
      message: 'Choose the mailing list or the confirmation requests.',
    });
    expect((await world.db.collection('mailingExports').get()).size).toBe(exportsBefore);
    head.call('menuMailing');
    const page = await openSidebar(head, head.ui.lastSidebar!.content);
    try {
      expect(await page.page.locator('input[name="list"]:checked').getAttribute('value')).toBe('mailing');
      await page.page.check('input[name="list"][value="confirmation"]');
      await page.page.click('[data-action="export"]');
      await page.page.waitForSelector('#result p.done');
      const text = await page.page.locator('#result p.done').textContent();
      expect(text).toMatch(/^1 confirmation request on the sheet «Confirmations E-mail [\d-]+ [\d:]+» \(cadence 7 days\)\.$/);
      const csv = await page.page
        .locator('a.download')
        .evaluate(async (a) => (await fetch((a as unknown as { href: string }).href)).text());
      expect(csv.split('\r\n')[0]).toBe('client_id,name,channel,address,confirm_url');
      expect(await page.page.locator('a.download').getAttribute('download')).toMatch(/^confirm-email-\d+\.csv$/);
      const grid = head.spreadsheet.grid(/«(.*)»/.exec(text!)![1]!);
      expect(grid[0]![0]).toMatch(/^E-mail confirmation requests exported .*: 1 contact who signed up on the website/);
      const row = grid.find((l) => l[2] === 'web.person@example.com')!;
      expect(row.slice(0, 2)).toEqual(['Web Person', signup.clientId]);
      expect(String(row[3])).toMatch(/\/confirm\?t=/);
      // The ordinary list still leaves the sign-up out (it has not confirmed): everybody else was just listed.
      await page.page.check('input[name="list"][value="mailing"]');
      await page.page.click('[data-action="export"]');
      await page.page.waitForFunction("/^Nobody to export/.test(document.querySelector('#result p.done')?.textContent ?? '')");
      expect(page.errors).toEqual([]);
    } finally {
      await page.close();
    }
    const audit = (await world.db.collection('audit').where('action', '==', 'mailing.confirmations').get()).docs.map((d) => d.data());
    expect(audit.map((e) => [e.actor, e.details.count])).toEqual([['head', 1]]);
  });

  it('lists overdue handover reports by manager, and the audit log newest first', async () => {
    const tasks = await world.db.collection('tasks').where('managerId', '==', 'anna').get();
    await tasks.docs[0]!.ref.update({ dueDate: addDaysToDay(today, -3) });
    head.call('menuOverdueReports');
    const grid = head.spreadsheet.grid('Overdue reports');
    expect(grid[0]![0]).toBe(`Handover reports past their day on ${today}: 1.`);
    expect(grid.find((l) => l[1] === 'anna')!.slice(0, 4)).toEqual(['Anna Orlova', 'anna', 1, addDaysToDay(today, -3)]);
    const task = tasks.docs[0]!.data();
    expect(grid.find((l) => l[2] === task.clientId)!.slice(0, 5)).toEqual([
      'Anna Orlova',
      `Client ${task.clientId}`,
      task.clientId,
      addDaysToDay(today, -3),
      3,
    ]);

    head.call('menuAuditLog');
    const audit = head.spreadsheet.grid('Audit');
    const header = audit.findIndex((l) => l[0] === 'When');
    const entries = audit.slice(header + 1).filter((l) => l[0] !== '');
    const when = entries.map((l) => String(l[0]));
    expect(when).toEqual([...when].sort().reverse());
    const actions = new Set(entries.map((l) => l[2]));
    for (const action of [
      'publish rules',
      'apply rotation',
      'offboard manager',
      'close bonus month',
      'export mailing list',
      'GET /admin/rules',
    ])
      expect(actions).toContain(action);
    expect(entries.find((l) => l[2] === 'GET /admin/rules')!.slice(1, 4)).toEqual(['Anna Orlova', 'GET /admin/rules', 'refused']);
    expect(audit[0]![0]).toMatch(/^Audit log, newest first: \d+ entries, all of them\.$/);
    head.call('menuAuditOlder');
    expect(alerts(head)).toBe('No older entries to show: choose Audit log first.');
  });

  it("draws the dashboard's charts over the right ranges, with the totals the base holds", async () => {
    head.call('menuDashboard');
    const grid = head.spreadsheet.grid('Dashboard');
    const charts = head.spreadsheet.charts('Dashboard');
    expect(charts.map((c) => [c.type, c.options.title, c.options.isStacked])).toEqual([
      ['COLUMN', 'Clients per manager, by level', true],
      ['COLUMN', 'New clients per month (first deal), by manager', true],
      ['COLUMN', 'Clients marked lost per month, by who marked them', true],
      ['COLUMN', 'Clients moved per month: rotation and offboarding', true],
      ['COLUMN', 'Bonuses per month: payable, pending, cancelled', false],
      ['BAR', 'Overdue handover reports per manager', false],
    ]);
    // Beside the tables, one under another, none drawn over the one above.
    const anchors = charts.map((c) => c.position.anchorRow);
    anchors.slice(1).forEach((row, i) => expect(row - anchors[i]!).toBeGreaterThanOrEqual(16));
    expect(new Set(charts.map((c) => c.position.anchorColumn)).size).toBe(1);
    /** The cells a chart is drawn over, with its header row. */
    const over = (title: string) => {
      const range = charts.find((c) => c.options.title === title)!.ranges;
      expect(range).toHaveLength(1);
      const [, from, to] = /^Dashboard!([A-Z]+\d+):([A-Z]+\d+)$/.exec(range[0]!)!;
      const [c1, r1] = [from!.charCodeAt(0) - 64, Number(from!.slice(1))];
      const [c2, r2] = [to!.charCodeAt(0) - 64, Number(to!.slice(1))];
      expect(grid[r1 - 2]![0]).toBe(title);
      return grid.slice(r1 - 1, r2).map((l) => l.slice(c1 - 1, c2));
    };
    const all = (await world.db.collection('clients').get()).docs.map((d) => d.data());
    const ids: Record<string, string> = {
      'Gleb Senior': 'gleb',
      'Anna Orlova': 'anna',
      'Boris P.': 'boris',
      'Dina New': 'dina',
      'Oleg Back': 'oleg',
      'Vera Sokolova': 'vera',
    };

    const clients = over('Clients per manager, by level');
    expect(clients[0]).toEqual(['Manager', 'Level 1', 'Level 2']);
    for (const line of clients.slice(1)) {
      const held = line.slice(1).reduce((n: number, v) => n + (typeof v === 'number' ? v : 0), 0);
      expect(held, String(line[0])).toBe(all.filter((c) => c.managerId === ids[String(line[0])]).length);
    }
    expect(clients.slice(1).map((l) => l[0])).toEqual(['Gleb Senior', 'Anna Orlova', 'Boris P.', 'Dina New', 'Oleg Back', 'Vera Sokolova']);

    const attracted = over('New clients per month (first deal), by manager');
    expect(attracted).toHaveLength(13);
    for (const line of attracted.slice(1)) {
      attracted[0]!.slice(1).forEach((name, i) => {
        const expected = all.filter(
          (c) =>
            c.attractedBy === ids[String(name)] &&
            typeof c.firstDealAt === 'string' &&
            companyMonth(c.firstDealAt, 'Europe/Moscow') === line[0],
        ).length;
        expect(line[i + 1], `${name} ${line[0]}`).toBe(expected);
      });
    }
    expect(attracted.find((l) => l[0] === lastMonth)![attracted[0]!.indexOf('Anna Orlova')]).toBe(2);

    const lostMarked = over('Clients marked lost per month, by who marked them');
    expect(lostMarked).toHaveLength(13);
    for (const line of lostMarked.slice(1)) {
      lostMarked[0]!.slice(1).forEach((name, i) => {
        const expected = all.filter((c) => c.lostMark?.by === ids[String(name)] && c.lostMark.month === line[0]).length;
        expect(line[i + 1], `${name} ${line[0]}`).toBe(expected);
      });
    }

    const moves = over('Clients moved per month: rotation and offboarding');
    const movedNow = async (prefix: string) =>
      (await world.db.collection('tasks').where('runId', '>=', prefix).where('runId', '<', `${prefix}\uf8ff`).get()).size;
    expect(moves.find((l) => l[0] === thisMonth)).toEqual([thisMonth, await movedNow('rotation-'), await movedNow('offboarding-')]);
    expect(moves.slice(1).reduce((n, l) => n + Number(l[1]) + Number(l[2]), 0)).toBe(8);

    const bonuses = over('Bonuses per month: payable, pending, cancelled');
    for (const month of [lastMonth, thisMonth]) {
      const totals = (await world.db.collection('statements').where('month', '==', month).get()).docs.map((d) => d.get('totals'));
      const sum = (k: string) => totals.reduce((n, t) => n + t[k], 0) / 100;
      expect(bonuses.find((l) => l[0] === month)).toEqual([month, sum('payable'), sum('pending'), sum('cancelled')]);
    }

    const overdue = over('Overdue handover reports per manager');
    expect(overdue.find((l) => l[0] === 'Anna Orlova')).toEqual(['Anna Orlova', 1]);
    expect(overdue.slice(1).reduce((n, l) => n + Number(l[1]), 0)).toBe(1);

    // A refresh redraws the same six charts in place.
    head.call('menuDashboard');
    expect(head.spreadsheet.charts('Dashboard').map((c) => c.id)).toEqual(charts.map((c) => c.id));
  });
});
