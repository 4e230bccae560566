import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInContext, createContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddon, htmlPages, maxScriptBytes, normaliseApiUrl, type BuildResult } from '../../../apps-script/build.ts';
import { rulesLimits } from '../../../apps-script/src/config/rules-limits.ts';

// The bundle as clasp would push it: one script whose top level declares every entry point,
// pages with everything inlined, and a manifest with the narrow scopes and the API in its whitelist.
let out: string;
let built: BuildResult;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'addon-build-'));
  built = await buildAddon({ outDir: out, apiUrl: 'https://europe-west1-acme.cloudfunctions.net/api' });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const scopes = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.external_request',
  'https://www.googleapis.com/auth/userinfo.email',
  'openid',
];

describe('the add-on bundle', () => {
  it('has the manifest an editor add-on needs: V8, narrow scopes, the API in the fetch whitelist', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'appsscript.json'), 'utf8'));
    expect(manifest).toMatchObject({ runtimeVersion: 'V8', timeZone: expect.any(String), exceptionLogging: 'STACKDRIVER' });
    expect([...manifest.oauthScopes].sort()).toEqual([...scopes].sort());
    expect(manifest.urlFetchWhitelist).toEqual(['https://europe-west1-acme.cloudfunctions.net/api/']);
    expect(manifest.addOns).toBeUndefined();
  });

  it('runs its top level with no Apps Script service at hand, and replaces every stub with the real function', () => {
    const code = readFileSync(join(out, 'Code.js'), 'utf8');
    const stubs = [...code.matchAll(/^function ([A-Za-z_$][\w$]*)\(/gm)].map((m) => m[1]!);
    expect(stubs).toEqual(built.entryPoints);
    expect(stubs).toEqual(
      expect.arrayContaining(['onOpen', 'onInstall', 'menuRefreshMyClients', 'menuSaveMyClients', 'cardLoad', 'tasksLoad']),
    );
    const context = createContext({});
    runInContext(code, context);
    for (const name of stubs) {
      expect(typeof context[name], name).toBe('function');
      expect(String(context[name]), name).not.toMatch(/^function [\w$]+\([^)]*\) \{\s*\}$/);
    }
  });

  it('calls from its pages only functions declared at the top level of the script', () => {
    const called = new Set<string>();
    for (const page of htmlPages) {
      const html = readFileSync(join(out, `${page.name}.html`), 'utf8');
      for (const m of html.matchAll(/\brun\(\s*["']([A-Za-z_$][\w$]*)["']/g)) called.add(m[1]!);
    }
    expect([...called].sort()).toEqual([
      ...['adminJob', 'bonusClose', 'bonusCompute', 'bonusShow'],
      ...[
        'cardAddNote',
        'cardEstimate',
        'cardFileReport',
        'cardLoad',
        'cardLogContact',
        'cardLogDeal',
        'cardMarkLost',
        'cardRecordConsent',
        'cardSetNextContact',
        'cardVerifyContact',
      ],
      ...[
        'configGoTo',
        'configPublishAgain',
        'mailingExport',
        'offboardingApply',
        'offboardingPreview',
        'rotationApply',
        'rotationPreview',
      ],
      'saveErrorsGoTo',
      ...['tasksFileReport', 'tasksLoad', 'tasksOpenCard'],
    ]);
    // Every page target is an entry point, and every entry point other than the menus and triggers is some page's target.
    const menusAndTriggers = built.entryPoints.filter((f) => /^(menu|on)[A-Z]/.test(f));
    expect([...built.entryPoints].filter((f) => !menusAndTriggers.includes(f)).sort()).toEqual([...called].sort());
    for (const name of called) expect(built.entryPoints).toContain(name);
  });

  it("inlines each page's script and style, and starts it from a template variable", () => {
    for (const page of htmlPages) {
      const html = readFileSync(join(out, `${page.name}.html`), 'utf8');
      expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/);
      expect(html).toContain('<style>');
      expect(html).toContain('var BOOT = <?!= boot ?>;');
      expect(html).not.toContain('inline:');
    }
  });

  it('takes the API URL as a build setting and refuses one that is not', () => {
    expect(normaliseApiUrl('https://api.example.com/v1')).toBe('https://api.example.com/v1/');
    expect(() => normaliseApiUrl('api.example.com')).toThrow(/not a URL/);
    expect(() => normaliseApiUrl('ftp://api.example.com/')).toThrow(/https/);
    expect(readFileSync(join(out, 'Code.js'), 'utf8')).toContain('https://europe-west1-acme.cloudfunctions.net/api/');
  });

  it("keeps Code.js small and plain: no zod, no globalThis, no Intl; the rules' limits as data, read at build time", () => {
    const code = readFileSync(join(out, 'Code.js'), 'utf8');
    expect(built.scriptBytes).toBe(Buffer.byteLength(code));
    expect(built.scriptBytes).toBeLessThan(maxScriptBytes);
    expect(code.match(/globalThis|\bIntl\b|_zod|ZodError/g)).toBeNull();
    // A tier field's path is named nowhere else in the add-on: only the limits read at build time hold it.
    expect(code.includes('"bonus.cohortTiers.rate"')).toBe(true);
    expect(rulesLimits.fields).toContainEqual({ path: 'bonus.newClientMultiplier', required: false, number: { min: 2, max: 3 } });
  });
});
