import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevIdentity, type DevIdentity } from '../../../functions/src/local/dev-identity.ts';
import { testFirestore } from '../../support/firestore.ts';
import { buildFixtureBundle } from '../../support/apps-script/fixtures/fixture-bundle.ts';
import { createScriptRealm, loadScript } from '../../support/apps-script/script-realm.ts';
import {
  closeSidebarBrowser,
  loadAddon,
  openSidebar,
  scopes,
  startApiProcess,
  type AddonHarness,
  type ApiProcess,
} from '../../support/apps-script/index.ts';

// The harness itself, end to end: a small add-on bundle (built like the real one) loaded in the vm
// context, calling the real API in a child process on the real emulator through the synchronous
// UrlFetchApp double, and its sidebar in headless Chromium.

const audience = 'clientbase-addon-harness-test';
let bundleDir: string;
let identity: DevIdentity;
let api: ApiProcess;
let harness: AddonHarness;

beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), 'addon-fixture-'));
  const { db, projectId, host } = testFirestore('addon-doubles');
  identity = await startDevIdentity({ audience });
  await Promise.all([
    buildFixtureBundle(bundleDir),
    db
      .collection('managers')
      .doc('anna')
      .set({ id: 'anna', name: 'Anna Orlova', email: 'anna@example.com', level: 1, active: true, role: 'manager' }),
  ]);
  api = await startApiProcess({ emulatorHost: host, projectId, audience, certsUrl: identity.certsUrl });
  harness = await loadAddon({ bundleDir, apiUrl: api.url, identity, userEmail: 'anna@example.com' });
});

afterAll(async () => {
  await closeSidebarBrowser();
  await api?.stop();
  await identity?.close();
  rmSync(bundleDir, { recursive: true, force: true });
});

describe('the add-on harness', () => {
  it('calls the real API synchronously with a fresh identity token per call', () => {
    const before = harness.identityTokens().length;
    expect(harness.call('whoAmI')).toMatchObject({ id: 'anna', email: 'anna@example.com', role: 'manager' });
    expect(harness.call('whoAmI')).toMatchObject({ id: 'anna' });
    expect(harness.identityTokens().length).toBe(before + 2);
    const last = harness.fetches.at(-1)!;
    expect(last).toMatchObject({ url: `${api.url}me`, method: 'GET', status: 200, authorized: true });
  });

  it('throws like Apps Script on a 401 unless muteHttpExceptions is set', () => {
    expect(() => harness.call('whoAmIAnonymously', false)).toThrow(
      new RegExp(
        `^Request failed for ${api.url.slice(0, -1).replace(/\./g, '\\.')} returned code 401\\. ` +
          `Truncated server response: .*unauthenticated.* \\(use muteHttpExceptions option to examine full response\\)$`,
      ),
    );
    expect(harness.call('whoAmIAnonymously', true)).toBe(401);
  });

  it('says the address is unavailable when the network is down', () => {
    harness.setNetworkDown(true);
    try {
      expect(() => harness.call('whoAmI')).toThrow(`Address unavailable: ${api.url}me`);
    } finally {
      harness.setNetworkDown(false);
    }
    expect(harness.fetches.at(-1)).toMatchObject({ status: null, error: 'network down' });
  });

  it('gives no identity token without the openid scope, and reports the missing scope', () => {
    harness.setGrantedScopes(harness.manifest.oauthScopes!.filter((s) => s !== scopes.openid));
    try {
      expect(harness.call('hasIdentityToken')).toBe(false);
      expect(harness.call('authorizationStatus')).toBe('REQUIRED');
    } finally {
      harness.setGrantedScopes(harness.manifest.oauthScopes!);
    }
    expect(harness.call('authorizationStatus')).toBe('NOT_REQUIRED');
  });

  it('counts every spreadsheet call, and the writes made without the document lock', () => {
    harness.counts.reset();
    harness.call(
      'writeRows',
      [
        ['c1', 'Vera'],
        ['c2', 'Anna'],
      ],
      true,
    );
    expect(harness.counts.get('Range.setValues')).toBe(1);
    expect(harness.counts.get('Spreadsheet.insertSheet')).toBe(1);
    expect(harness.counts.unlockedWrites).toBe(0);
    harness.call(
      'writeRows',
      [
        ['c1', 'Vera'],
        ['c2', 'Anna'],
        ['c3', 'Boris'],
      ],
      false,
    );
    expect(harness.counts.get('setValues')).toBe(2);
    expect(harness.counts.unlockedWriteCalls).toEqual(['Range.setValues']);
    const spreadsheetCalls = Object.entries(harness.counts.snapshot()).filter(([k]) =>
      /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./.test(k),
    );
    expect(harness.counts.total).toBe(spreadsheetCalls.reduce((s, [, n]) => s + n, 0));
    expect(harness.counts.get('Lock.waitLock')).toBe(1);
    expect(harness.spreadsheet.grid('Data')).toEqual([
      ['', ''],
      ['c1', 'Vera'],
      ['c2', 'Anna'],
      ['c3', 'Boris'],
    ]);
    harness.counts.reset();
    expect(harness.counts.total).toBe(0);
  });

  it('refuses a Date argument as google.script.run does, and delivers a Date result as null', () => {
    expect(() => harness.call('echo', new Date())).toThrow('Failed due to illegal value in property: 0');
    expect(() => harness.call('echo', { when: new Date() })).toThrow('Failed due to illegal value in property: when');
    expect(harness.call('today')).toBeNull();
    expect(harness.call('echo', { a: [1, 'x', null] })).toEqual({ a: [1, 'x', null] });
  });

  it('hands the bundle Dates of its own realm from the sheet', () => {
    harness.spreadsheet.userEdit('Sheet1', 'A1', '2025-01-10');
    harness.spreadsheet.userEdit('Sheet1', 'A2', '2025-01-10 text');
    expect(harness.call('cellIsDate', 'Sheet1!A1')).toBe(true);
    expect(harness.call('cellIsDate', 'Sheet1!A2')).toBe(false);
  });

  it('fails loudly on a method the doubles do not implement', () => {
    expect(() => harness.call('useBanding')).toThrow('not implemented in the test double: Range.getBandings');
  });

  it('lists the top-level functions and calls only those Apps Script could', () => {
    expect(harness.topLevelFunctions()).toEqual(expect.arrayContaining(['onOpen', 'whoAmI', 'echo', 'privateHelper_']));
    expect(() => harness.call('privateHelper_')).toThrow('Script function not found: privateHelper_');
    expect(() => harness.call('noSuchFunction')).toThrow('Script function not found: noSuchFunction');
  });

  it('refuses time-zone names from Intl, as Apps Script may, while Utilities.formatDate gives the zone its time', () => {
    expect(() => harness.call('zoneOffset', 'intl')).toThrow(/timeZoneName is not available/);
    expect(harness.call('zoneOffset', 'utilities')).toBe('2026-01-01 17:00');
  });

  it('refuses a script that sets a global of its own when loaded, beyond its functions and `global`', () => {
    const script = (code: string) => new vm.Script(code);
    expect(() =>
      loadScript(script('var global = this; function run() {}; global.run = function () {};'), createScriptRealm(), ['run']),
    ).not.toThrow();
    expect(() => loadScript(script('function run() {}; globalThis.__zod_globalRegistry = {};'), createScriptRealm(), ['run'])).toThrow(
      /set __zod_globalRegistry on the global object/,
    );
  });

  it('runs every execution in a fresh global scope, as Apps Script does', () => {
    expect(harness.call('bumpCounter')).toBe(1);
    expect(harness.call('bumpCounter')).toBe(1);
  });

  it('builds the menu in onOpen under LIMITED authorization but refuses a fetch there', () => {
    harness.trigger('onOpen');
    expect(harness.ui.menus).toEqual([
      {
        caption: 'Add-on',
        addon: true,
        items: [
          { kind: 'item', caption: 'Who am I', functionName: 'whoAmI' },
          { kind: 'separator' },
          { kind: 'item', caption: 'Write rows', functionName: 'writeRows' },
        ],
      },
    ]);
    expect(harness.ui.menuFunctions().every((f) => harness.topLevelFunctions().includes(f))).toBe(true);
    expect(() => harness.trigger('whoAmI', { authMode: 'LIMITED' })).toThrow(
      /You do not have permission to call (ScriptApp\.getIdentityToken|UrlFetchApp\.fetch)/,
    );
  });

  it('evaluates templates in the bundle context, escaping <?= ?> and not <?!= ?>', () => {
    expect(harness.call('templated', '<b>Anna</b>')).toBe('<p>&lt;b&gt;Anna&lt;/b&gt;</p><i>raw</i>');
  });

  it('refuses an identity token handed to HTML', async () => {
    const sidebar = await openSidebar(
      harness,
      '<p>leak</p>' +
        '<script>google.script.run.withFailureHandler(function (e) { document.body.dataset.error = e.message; }).leakToken();</script>',
    );
    try {
      await sidebar.settle();
      expect(await sidebar.page.getAttribute('body', 'data-error')).toMatch(/handed an identity token to the sidebar/);
    } finally {
      await sidebar.close();
    }
  });

  it('renders the sidebar in Chromium, round-trips a form and surfaces a failure to withFailureHandler', async () => {
    harness.call('showSidebar');
    const shown = harness.ui.lastSidebar!;
    expect(shown.title).toBe('Fixture');
    const sidebar = await openSidebar(harness, shown.content);
    try {
      await sidebar.page.fill('input[name=value]', 'hello');
      await sidebar.page.click('button[type=submit]');
      await sidebar.settle();
      expect(await sidebar.page.textContent('#result')).toBe('fixture: {"value":"hello"}');
      await sidebar.page.fill('input[name=value]', 'boom');
      await sidebar.page.click('button[type=submit]');
      await sidebar.settle();
      expect(await sidebar.page.textContent('#error')).toBe('fixture: the server said no');
      expect(sidebar.calls.map((c) => [c.fn, c.ok])).toEqual([
        ['echo', true],
        ['fail', false],
      ]);
      const refused = await sidebar.page.evaluate(
        "(() => { try { google.script.run.echo(new Date()); return 'sent'; } catch (e) { return e.message; } })()",
      );
      expect(refused).toBe('Failed due to illegal value in property: 0');
      expect(sidebar.blockedRequests).toEqual(['https://ssl.gstatic.com/docs/script/css/add-ons1.css']);
      expect(sidebar.errors).toEqual([]);
      expect(await sidebar.inkRatio()).toBeGreaterThan(0.005);
    } finally {
      await sidebar.close();
    }
  });

  it('measures a blank page as blank', async () => {
    const sidebar = await openSidebar(harness, '<html><body></body></html>');
    try {
      expect(await sidebar.inkRatio()).toBe(0);
    } finally {
      await sidebar.close();
    }
  });
});
