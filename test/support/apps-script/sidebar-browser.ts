import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AddonHarness } from './bundle-loader.ts';

/**
 * Sidebar and dialog HTML in headless Debian Chromium (playwright-core), with a stand-in for the
 * client side of Apps Script's HTML service: `google.script.run` (withSuccessHandler,
 * withFailureHandler, withUserObject, one method per callable top-level function of the bundle),
 * `google.script.host` and `google.script.url`. Calls go to `harness.call`, so arguments and results
 * travel as JSON, a Date argument throws "Failed due to illegal value in property: 0" at once, a
 * server error reaches the failure handler as an Error with the message, and a result holding a Date
 * arrives as null — as with the real one. The page cannot reach the network: every request other
 * than the sidebar itself is refused and listed in `blockedRequests`.
 */
export const chromiumPath = '/usr/bin/chromium';
const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const sidebarUrl = 'https://sidebar.apps-script-double.test/userCodeAppPanel';

let browser: Promise<Browser> | undefined;

/** One browser per test process (each sidebar gets its own fresh context). */
function sharedBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium is missing at ${chromiumPath}: apt-get install -y chromium (.ci/run does it)`);
  browser ??= chromium.launch({ executablePath: chromiumPath, headless: true, args: launchArgs });
  return browser;
}

/** Closes the shared browser (call it in afterAll). */
export async function closeSidebarBrowser(): Promise<void> {
  const b = browser;
  browser = undefined;
  if (b) await (await b).close();
}

export type SidebarCall = { fn: string; args: unknown[]; ok: boolean; error?: string; ms: number };

export type SidebarPage = {
  page: Page;
  /** Every google.script.run call the page made, answered or refused. */
  calls: SidebarCall[];
  /** Uncaught page errors, console errors, and failures nobody handled. */
  errors: string[];
  /** Requests the page tried to make (none can leave the machine). */
  blockedRequests: string[];
  /** google.script.host calls: 'close', 'focus', 'setHeight:300'… */
  hostCalls: string[];
  /** Waits until every google.script.run call made so far was answered and its handler ran. */
  settle: () => Promise<void>;
  screenshot: (path?: string) => Promise<Buffer>;
  /** The share (0…1) of a screenshot's pixels that are not white: a blank page gives 0. */
  inkRatio: () => Promise<number>;
  close: () => Promise<void>;
};

type Answer = { ok: true; json?: string } | { ok: false; message: string };

/** The page-side stand-in (plain browser JavaScript, installed before the sidebar's own scripts). */
const standIn = readFileSync(fileURLToPath(new URL('./google-script-stand-in.js', import.meta.url)), 'utf8');

export async function openSidebar(
  harness: AddonHarness,
  html: string,
  options: { width?: number; height?: number } = {},
): Promise<SidebarPage> {
  const context = await (await sharedBrowser()).newContext({ viewport: { width: options.width ?? 300, height: options.height ?? 700 } });
  const page = await context.newPage();
  const calls: SidebarCall[] = [];
  const errors: string[] = [];
  const blockedRequests: string[] = [];
  const hostCalls: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // Our own refusals of outside resources are listed in blockedRequests, not as errors.
    if (m.type() === 'error' && !m.text().includes('ERR_BLOCKED_BY_CLIENT')) errors.push(m.text());
  });
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === sidebarUrl) await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    else {
      blockedRequests.push(url);
      await route.abort('blockedbyclient');
    }
  });
  await page.exposeFunction('__appsScriptDoubleRun', (fn: string, argsJson: string): Answer => {
    const started = performance.now();
    const args = JSON.parse(argsJson) as unknown[];
    try {
      const result = harness.call(fn, ...args);
      const json = result === undefined ? undefined : JSON.stringify(result);
      if (json !== undefined && harness.identityTokens().some((t) => json.includes(t))) {
        throw new Error(`${fn} handed an identity token to the sidebar: tokens must stay on the server side`);
      }
      calls.push({ fn, args, ok: true, ms: Math.round(performance.now() - started) });
      return json === undefined ? { ok: true } : { ok: true, json };
    } catch (e) {
      const message = (e as Error).message;
      calls.push({ fn, args, ok: false, error: message, ms: Math.round(performance.now() - started) });
      return { ok: false, message };
    }
  });
  await page.exposeFunction('__appsScriptDoubleHost', (action: string) => void hostCalls.push(action));
  const callable = harness.topLevelFunctions().filter((f) => !f.endsWith('_'));
  await page.addInitScript({ content: `${standIn}\ninstallGoogleScriptStandIn(${JSON.stringify(callable)});` });
  await page.goto(sidebarUrl, { waitUntil: 'load' });

  const screenshot = (path?: string) => page.screenshot({ fullPage: true, ...(path ? { path } : {}) });
  return {
    page,
    calls,
    errors,
    blockedRequests,
    hostCalls,
    settle: async () => {
      await page.waitForFunction('window.__appsScriptDoublePending.count === 0');
    },
    screenshot,
    inkRatio: async () => {
      const png = (await screenshot()).toString('base64');
      return (await page.evaluate(`appsScriptDoubleInkRatio(${JSON.stringify(png)})`)) as number;
    },
    close: () => context.close(),
  };
}
