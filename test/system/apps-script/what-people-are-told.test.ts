import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyToday } from '../../../functions/src/core/calendar.ts';
import { scopes } from '../../support/apps-script/index.ts';
import { startFrontEnd } from '../../support/front-end-stand-in.ts';
import { seedBook } from '../../support/manager-book.ts';
import { startAddonWorld, type AddonWorld } from './addon-world.ts';

// Everything that can stand between a manager and the base, as the manager meets it in the
// spreadsheet: which permission is missing, who is not on the roster, whose access ended, a network
// or a front end that will not answer, and the base refusing a row (with the field it names).
let world: AddonWorld;
const today = companyToday('Europe/Moscow');
const allScopes = [scopes.currentSpreadsheet, scopes.containerUi, scopes.externalRequest, scopes.email, scopes.openid];
const lastAlert = (addon: { ui: { alerts: Array<{ prompt: string }> } }) => addon.ui.alerts.at(-1)?.prompt ?? '';

beforeAll(async () => {
  world = await startAddonWorld('addon-told');
  await world.addManager({ id: 'anna' });
  await world.addManager({ id: 'gone', active: false, deactivatedAt: '2026-01-01' });
  await seedBook(world.db, { managerId: 'anna', count: 5, today, contactKeys: true });
  await seedBook(world.db, { managerId: 'gone', prefix: 'other', count: 1, today, contactKeys: true });
}, 60_000);
afterAll(() => world?.close());

describe('what a manager is told when something stands in the way', () => {
  it('names a missing permission and where to grant it, before calling the base', async () => {
    for (const missing of [scopes.openid, scopes.email]) {
      const addon = await world.open({ as: 'anna', grantedScopes: allScopes.filter((s) => s !== missing) });
      addon.call('menuRefreshMyClients');
      expect(lastAlert(addon)).toMatch(/some permissions were not granted|not allowed to see your e-mail/);
      expect(addon.fetches).toHaveLength(0);
    }
  });

  it('tells someone not on the roster to ask the head of sales, naming their e-mail', async () => {
    const addon = await world.open({ as: 'stranger' });
    addon.call('menuRefreshMyClients');
    expect(lastAlert(addon)).toContain('stranger@example.com is not on the staff roster');
  });

  it('tells a deactivated manager their access has ended', async () => {
    const addon = await world.open({ as: 'gone' });
    addon.call('menuRefreshMyClients');
    expect(lastAlert(addon)).toContain('Your access to the client base has ended');
  });

  it('retries a read when the network is down, then says to try again in a minute', async () => {
    const addon = await world.open({ as: 'anna' });
    addon.setNetworkDown(true);
    addon.call('menuRefreshMyClients');
    expect(lastAlert(addon)).toBe('The client base could not be reached. Check your connection and try again in a minute.');
    expect(addon.fetches).toHaveLength(4);
    expect(addon.sleptMs()).toBe(7000);
  });

  it('waits as long as a 429 asks, and tells the manager to wait when it persists', async () => {
    const busy = await startFrontEnd('429', '', '5');
    try {
      const addon = await world.open({ as: 'anna', apiUrl: busy.url });
      addon.call('menuRefreshMyClients');
      expect(lastAlert(addon)).toBe('The base is busy right now. Wait 5 seconds and try again.');
      expect(addon.sleptMs()).toBe(15_000);
    } finally {
      busy.stop();
    }
    const once = await startFrontEnd('429-once', world.apiUrl, '2');
    try {
      const addon = await world.open({ as: 'anna', apiUrl: once.url });
      addon.call('menuRefreshMyClients');
      expect(addon.ui.toasts.at(-1)?.message).toBe('5 clients loaded; 5 new.');
      expect(addon.sleptMs()).toBe(2000);
    } finally {
      once.stop();
    }
  });

  it('says the base is unavailable on a 503 from the front end', async () => {
    const down = await startFrontEnd('503');
    try {
      const addon = await world.open({ as: 'anna', apiUrl: down.url });
      addon.call('menuRefreshMyClients');
      expect(lastAlert(addon)).toBe('The base is temporarily unavailable. Try again in a few minutes.');
    } finally {
      down.stop();
    }
  });

  it('puts the base\'s refusal on the cell it concerns, and a duplicate gets "already in the base" only', async () => {
    const addon = await world.open({ as: 'anna' });
    addon.call('menuRefreshMyClients');
    const sheet = 'My clients';
    addon.spreadsheet.userEdit(sheet, `D2`, '12345');
    addon.spreadsheet.userEdit(sheet, `A7`, 'Copycat Ltd');
    addon.spreadsheet.userEdit(sheet, `B7`, 'Company');
    // A colleague's client: the base knows its phone, the manager must learn nothing else about it.
    const colleagues = (await world.db.collection('clients').doc('other-00000').get()).get('phones') as string[];
    addon.spreadsheet.userEdit(sheet, `D7`, colleagues[0]);
    addon.call('menuSaveMyClients');
    const told = lastAlert(addon);
    expect(told).toContain('1 row has errors');
    expect(told).toContain('1 new client is already in the base');
    const phone = addon.spreadsheet.cell(sheet, 'D2');
    expect(phone.note).toBe('clientbase · Not saved: not a valid phone number');
    expect(phone.background).toBe('#f4c7c3');
    expect(phone.value).toBe('12345');
    const duplicate = addon.spreadsheet.cell(sheet, 'A7');
    expect(duplicate.note).toBe(
      'clientbase · Not added: this client is already in the base. If it should be yours, ask the head of sales.',
    );
    expect(duplicate.note).not.toContain('other-');
  });

  it('speaks Russian in a Russian spreadsheet', async () => {
    const addon = await world.open({ as: 'anna', locale: 'ru_RU' });
    addon.call('menuRefreshMyClients');
    expect(addon.ui.toasts.at(-1)?.message).toBe('Загружено: 5 клиентов; новых: 5.');
    expect(addon.spreadsheet.grid('Мои клиенты')[0]!.slice(0, 3)).toEqual(['Имя / название', 'Тип', 'Размер']);
    addon.setNetworkDown(true);
    addon.call('menuRefreshMyClients');
    expect(lastAlert(addon)).toBe('Не удалось связаться с базой. Проверьте подключение и повторите через минуту.');
  });
});
