import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddonHarness } from '../../support/apps-script/index.ts';
import { startAddonWorld, type AddonWorld } from './addon-world.ts';

// The head of sales' audit sheet checks the hash chains and shows the alerts; the admin menu
// restores a wiped client from its history. The built add-on, the real API, the real emulator.
let world: AddonWorld;
let head: AddonHarness;

const alerts = (h: AddonHarness) => h.ui.alerts.at(-1)?.prompt ?? '';

beforeAll(async () => {
  world = await startAddonWorld('addon-oversight');
  await world.addManager({ id: 'head', name: 'Olga Head', role: 'admin', level: 9 });
  await world.addManager({ id: 'anna', name: 'Anna Orlova' });
  const created = await world.api('POST', '/clients', 'anna', {
    id: 'c1',
    name: 'Acme',
    kind: 'company',
    phones: ['+79160000001'],
    emails: ['acme@example.com'],
  });
  expect(created.status).toBe(201);
  const wiped = await world.api('PATCH', '/clients/c1', 'anna', { version: created.body.client.version, changes: { phones: [] } });
  expect(wiped.status).toBe(200);
  head = await world.open({ as: 'head' });
}, 120_000);
afterAll(() => world?.close());

describe("the head of sales' oversight in the add-on", () => {
  it('shows the audit log with the hash chain checked, and names an entry edited behind the base', async () => {
    await world.api('PATCH', '/clients/c1', 'head', { version: 2, changes: { name: 'Acme Ltd' } });
    head.call('menuAuditLog');
    expect(head.spreadsheet.grid('Audit')[1]![0]).toMatch(/^Hash chain checked: \d+ entries, none changed or missing\.$/);

    const edit = (await world.db.collection('audit').where('action', '==', 'edit client').get()).docs[0]!;
    await edit.ref.update({ 'details.holder': 'nobody' });
    head.call('menuAuditLog');
    const grid = head.spreadsheet.grid('Audit');
    expect(grid[1]![0]).toBe('Hash chain checked: 1 problem: the log was changed behind the base; see below.');
    const problems = grid.findIndex((l) => l[0] === 'Problems in the audit trail');
    expect(problems).toBeGreaterThan(0);
    expect(grid[problems + 2]!.slice(0, 2)).toEqual([expect.stringContaining(`audit entry ${edit.id} was changed`), edit.id]);
    expect(head.ui.toasts.at(-1)?.message).toMatch(/1 problem/);
  });

  it('restores a wiped client from its history from the admin menu, naming the fields put back', async () => {
    const history = await world.db.collection('clients').doc('c1').collection('history').where('type', '==', 'edit').orderBy('at').get();
    const wipe = history.docs[0]!;
    head.ui.nextPrompt.push({ text: 'c1', button: 'OK' }, { text: wipe.id, button: 'OK' });
    head.call('menuRestoreClient');
    expect(alerts(head)).toMatch(/^Client c1: name, phones put back \(2 edits undone\)\./);
    expect((await world.db.collection('clients').doc('c1').get()).get('phones')).toEqual(['+79160000001']);
    head.ui.nextPrompt.push({ text: 'c1', button: 'OK' }, { text: 'last tuesday', button: 'OK' });
    head.call('menuRestoreClient');
    expect(alerts(head)).toBe('"last tuesday" is neither a date and time (YYYY-MM-DD HH:MM) nor a history entry id.');
  });
});
