import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { types } from 'node:util';
import vm from 'node:vm';
import ts from 'typescript';
import type { DevIdentity } from '../../../functions/src/local/dev-identity.ts';
import type { CallCounts } from './call-counts.ts';
import { ChartsDouble } from './chart-double.ts';
import { HtmlServiceDouble, type TemplateRunner } from './html-double.ts';
import { LockServiceDouble } from './lock-double.ts';
import { CacheServiceDouble, PropertiesServiceDouble, PropertyStores } from './properties-double.ts';
import { AppsScriptRuntime, scopes, type AuthModeName, type ExecutionRecord, type LockKind } from './runtime-double.ts';
import { AuthMode, ScriptAppDouble, SessionDouble } from './script-app-double.ts';
import { createScriptRealm, loadScript } from './script-realm.ts';
import { SpreadsheetAppDouble, SpreadsheetDouble } from './spreadsheet-double.ts';
import { UiDouble } from './ui-double.ts';
import { newFetchLog, UrlFetchAppDouble, type FetchLog } from './url-fetch-double.ts';
import { ConsoleDouble, LoggerDouble, UtilitiesDouble } from './utilities-double.ts';
import { hostError, RealmBridge } from './vm-bridge.ts';

/**
 * Loads the BUILT add-on bundle (`bundleDir/Code.js`, a classic script) the way Apps Script runs it:
 * every execution (a menu item, a google.script.run call, a trigger) evaluates the whole script in a
 * fresh `vm` context whose globals are the test doubles, then calls one top-level function; global
 * variables do not survive from one execution to the next, as in Apps Script. The doubles' state (the
 * spreadsheet, properties, cache) does.
 */
export type LoadAddonOptions = {
  bundleDir: string;
  /** Set as the Script Property API_URL (the bundle honours it over its built-in URL). */
  apiUrl: string;
  /** ScriptApp.getIdentityToken() mints a fresh token from it per call. */
  identity: DevIdentity;
  /** Session.getActiveUser().getEmail() and the token's e-mail. */
  userEmail: string;
  /** Spreadsheet locale, default 'en_US' ('ru_RU' for Russian). */
  locale?: string;
  /** Spreadsheet time zone, default 'Europe/Moscow'. */
  timeZone?: string;
  /** Default: every scope in appsscript.json. */
  grantedScopes?: string[];
  /** "Today" for the spreadsheet's TODAY() and relative dates (the clock by default). */
  today?: () => Date;
};

export type Manifest = { timeZone?: string; oauthScopes?: string[]; urlFetchWhitelist?: string[]; [key: string]: unknown };

export type AddonHarness = {
  /** Calls a top-level function as a menu item or google.script.run does: arguments and result travel as JSON. */
  call: (fn: string, ...args: unknown[]) => unknown;
  /** Runs a trigger (onOpen, onInstall…) with its event object, in an authorization mode (onOpen: LIMITED by default). */
  trigger: (fn: string, options?: { authMode?: AuthModeName; event?: Record<string, unknown> }) => unknown;
  /** Names of the functions declared at the top level of the bundle. */
  topLevelFunctions: () => string[];
  spreadsheet: SpreadsheetDouble;
  ui: UiDouble;
  counts: CallCounts;
  fetches: FetchLog;
  properties: { script: Map<string, string>; user: Map<string, string>; document: Map<string, string> };
  cache: CacheServiceDouble;
  manifest: Manifest;
  /** Logger and console output of the bundle. */
  logs: string[];
  executions: ExecutionRecord[];
  /** Identity tokens ScriptApp handed to the bundle so far. */
  identityTokens: () => readonly string[];
  /** Milliseconds the bundle slept (Utilities.sleep returns at once in the double). */
  sleptMs: () => number;
  setUser: (email: string) => void;
  setGrantedScopes: (granted: string[]) => void;
  setNetworkDown: (down: boolean) => void;
  /** Another execution holds this lock: waitLock times out, tryLock answers false. */
  holdLockElsewhere: (kind: LockKind, held: boolean) => void;
  close: () => Promise<void>;
};

/** Names of the functions a classic script declares at its top level (what Apps Script can call). */
export function declaredFunctions(source: string): string[] {
  const file = ts.createSourceFile('Code.js', source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
  return file.statements.filter(ts.isFunctionDeclaration).flatMap((f) => (f.name ? [f.name.text] : []));
}

/** google.script.run refuses what JSON cannot carry: a Date, a function, a class instance. */
export function checkTransportable(value: unknown, key: string): void {
  if (value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value)) return;
  if (typeof value !== 'object' || types.isDate(value)) throw new TypeError(`Failed due to illegal value in property: ${key}`);
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkTransportable(v, String(i)));
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) throw new TypeError(`Failed due to illegal value in property: ${key}`);
  for (const [k, v] of Object.entries(value)) checkTransportable(v, k);
}

function containsDate(value: unknown): boolean {
  if (types.isDate(value)) return true;
  if (value && typeof value === 'object') return Object.values(value).some(containsDate);
  return false;
}

/** A server function's result as google.script.run delivers it: JSON, and null when it holds a Date. */
export function transported(result: unknown): unknown {
  if (result === undefined) return undefined;
  if (containsDate(result)) return null;
  return JSON.parse(JSON.stringify(result) ?? 'null');
}

const defaultScopes = [scopes.currentSpreadsheet, scopes.containerUi, scopes.externalRequest, scopes.email, scopes.openid];

export async function loadAddon(options: LoadAddonOptions): Promise<AddonHarness> {
  const codePath = join(options.bundleDir, 'Code.js');
  if (!existsSync(codePath)) throw new Error(`no add-on bundle at ${codePath}: build it first (npm run addon:build)`);
  const source = readFileSync(codePath, 'utf8');
  const manifestPath = join(options.bundleDir, 'appsscript.json');
  const manifest: Manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};
  const script = new vm.Script(source, { filename: codePath });
  const declared = declaredFunctions(source);
  const callable = new Set(declared.filter((f) => !f.endsWith('_')));

  const runtime = new AppsScriptRuntime({
    user: options.userEmail,
    grantedScopes: options.grantedScopes ?? manifest.oauthScopes ?? defaultScopes,
    manifestScopes: manifest.oauthScopes ?? defaultScopes,
  });
  const fetches = newFetchLog();
  let networkDown = false;
  let current: { context: vm.Context; bridge: RealmBridge } | undefined;

  const scriptApp = new ScriptAppDouble(runtime, options.identity);
  const leaked = (html: string) => scriptApp._minted.some((t) => html.includes(t));
  const ui = new UiDouble({
    inspectHtml: (html) => {
      if (leaked(html)) throw new Error('the add-on put an identity token into sidebar/dialog HTML: tokens must stay on the server side');
    },
  });
  const spreadsheet = new SpreadsheetDouble({
    ui,
    owner: () => runtime.user,
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.today ? { today: options.today } : {}),
  });
  const properties = new PropertyStores(runtime);
  properties.script.set('API_URL', options.apiUrl);
  const cache = new CacheServiceDouble(runtime);

  const runTemplate: TemplateRunner = (code, variables) => {
    if (!current) throw new Error('a template was evaluated outside an execution');
    const fn = vm.runInContext(code, current.context) as (this: unknown) => string;
    const vars = vm.runInContext('({})', current.context) as Record<string, unknown>;
    for (const [k, v] of Object.entries(variables)) vars[k] = v;
    return String(fn.call(vars));
  };

  const services: Record<string, object> = {
    SpreadsheetApp: new SpreadsheetAppDouble(spreadsheet, (s) => runtime.isGranted(s)),
    PropertiesService: new PropertiesServiceDouble(properties),
    CacheService: cache,
    LockService: new LockServiceDouble(runtime),
    HtmlService: new HtmlServiceDouble(options.bundleDir, runTemplate),
    Session: new SessionDouble(runtime, () => spreadsheet._where.locale, manifest.timeZone ?? 'Europe/Moscow'),
    ScriptApp: scriptApp,
    UrlFetchApp: new UrlFetchAppDouble({
      runtime,
      log: fetches,
      whitelist: manifest.urlFetchWhitelist ? [...manifest.urlFetchWhitelist, options.apiUrl] : undefined,
      isNetworkDown: () => networkDown,
    }),
    Utilities: new UtilitiesDouble(runtime),
    Logger: new LoggerDouble(runtime),
    console: new ConsoleDouble(runtime),
    Charts: new ChartsDouble(),
  };
  const plainGlobals = {
    MimeType: Object.freeze({
      CSV: 'text/csv',
      PLAIN_TEXT: 'text/plain',
      JSON: 'application/json',
      HTML: 'text/html',
      PDF: 'application/pdf',
    }),
  };

  function execute(fn: string, authMode: AuthModeName, makeArgs: (bridge: RealmBridge) => unknown[]): unknown {
    if (!callable.has(fn)) throw new Error(`Script function not found: ${fn}`);
    const started = performance.now();
    let loadMs = 0;
    let error: string | undefined;
    runtime.begin(authMode);
    try {
      const context = createScriptRealm();
      const bridge = new RealmBridge(context, runtime.guard);
      current = { context, bridge };
      for (const [name, double] of Object.entries(services)) context[name] = bridge.toVm(double);
      for (const [name, value] of Object.entries(plainGlobals)) context[name] = bridge.toVm(value);
      loadScript(script, context, declared);
      loadMs = performance.now() - started;
      context.__harnessArgs = bridge.toVm(makeArgs(bridge));
      // Run through the context so promise jobs of an async function drain before we read the result.
      vm.runInContext(
        `(function () { var r = globalThis[${JSON.stringify(fn)}].apply(undefined, globalThis.__harnessArgs);
          if (r && typeof r.then === 'function')
            r.then(function (v) { globalThis.__harnessSettled = { value: v }; },
                   function (e) { globalThis.__harnessSettled = { error: e }; });
          else globalThis.__harnessSettled = { value: r }; })()`,
        context,
      );
      const settled = context.__harnessSettled as { value?: unknown; error?: unknown } | undefined;
      if (!settled) throw new Error(`${fn} returned a promise that never settled within the execution`);
      if ('error' in settled) throw settled.error;
      return bridge.fromVm(settled.value);
    } catch (e) {
      const err = hostError(e);
      error = err.message;
      throw err;
    } finally {
      runtime.end();
      current = undefined;
      runtime.executions.push({
        fn,
        authMode,
        loadMs: Math.round(loadMs),
        ms: Math.round(performance.now() - started),
        ...(error ? { error } : {}),
      });
    }
  }

  return {
    call(fn, ...args) {
      args.forEach((a, i) => checkTransportable(a, String(i)));
      const wire = JSON.parse(JSON.stringify(args)) as unknown[];
      return transported(execute(fn, 'FULL', () => wire));
    },
    trigger(fn, opts = {}) {
      const authMode = opts.authMode ?? (fn === 'onOpen' ? 'LIMITED' : 'FULL');
      return execute(fn, authMode, () => [
        { authMode: (AuthMode as unknown as Record<string, unknown>)[authMode], source: spreadsheet, ...(opts.event ?? {}) },
      ]);
    },
    topLevelFunctions: () => [...declared],
    spreadsheet,
    ui,
    counts: runtime.counts,
    fetches,
    properties,
    cache,
    manifest,
    logs: runtime.logs,
    executions: runtime.executions,
    identityTokens: () => scriptApp._minted,
    sleptMs: () => runtime.sleptMs,
    setUser: (email) => {
      runtime.user = email;
    },
    setGrantedScopes: (granted) => {
      runtime.granted.clear();
      for (const s of granted) runtime.granted.add(s);
    },
    setNetworkDown: (down) => {
      networkDown = down;
    },
    holdLockElsewhere: (kind, held) => {
      if (held) runtime.heldElsewhere.add(kind);
      else runtime.heldElsewhere.delete(kind);
    },
    close: async () => {},
  };
}
