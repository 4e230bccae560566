import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppsScriptException, enumOf, gas, notImplemented } from './gas-types.ts';
import { describeDouble } from './vm-bridge.ts';

// Test doubles of HtmlService: HTML outputs keep their content, title and size; templates evaluate
// `<?= ?>` (escaped), `<?!= ?>` (raw) and `<? ?>` (code) scriptlets in the bundle's own context, as
// Apps Script does, so they can call the bundle's functions (an `include()` helper, say).

type H = typeof GoogleAppsScript.HTML;
export const SandboxMode = enumOf<H['SandboxMode']>('SandboxMode', ['EMULATED', 'IFRAME', 'NATIVE']);
export const XFrameOptionsMode = enumOf<H['XFrameOptionsMode']>('XFrameOptionsMode', ['ALLOWALL', 'DEFAULT']);

type OutputApi = GoogleAppsScript.HTML.HtmlOutput;

export class HtmlOutputDouble
  implements
    Pick<
      OutputApi,
      | 'addMetaTag'
      | 'append'
      | 'appendUntrusted'
      | 'clear'
      | 'getContent'
      | 'getFaviconUrl'
      | 'getHeight'
      | 'getTitle'
      | 'getWidth'
      | 'setContent'
      | 'setFaviconUrl'
      | 'setHeight'
      | 'setSandboxMode'
      | 'setTitle'
      | 'setWidth'
      | 'setXFrameOptionsMode'
    >
{
  _content: string;
  _title = '';
  _width = 600;
  _height = 400;
  _faviconUrl: string | null = null;
  readonly _metaTags: { name: string; content: string }[] = [];
  constructor(content = '') {
    this._content = content;
  }
  addMetaTag(name: string, content: string): OutputApi {
    this._metaTags.push({ name, content });
    return gas(this);
  }
  append(addedContent: string): OutputApi {
    this._content += String(addedContent);
    return gas(this);
  }
  appendUntrusted(addedContent: string): OutputApi {
    this._content += escapeHtml(String(addedContent));
    return gas(this);
  }
  clear(): OutputApi {
    this._content = '';
    return gas(this);
  }
  getContent(): string {
    return this._content;
  }
  getFaviconUrl(): string {
    return this._faviconUrl ?? '';
  }
  getHeight(): number {
    return this._height;
  }
  getTitle(): string {
    return this._title;
  }
  getWidth(): number {
    return this._width;
  }
  setContent(content: string): OutputApi {
    this._content = String(content);
    return gas(this);
  }
  setFaviconUrl(iconUrl: string): OutputApi {
    this._faviconUrl = iconUrl;
    return gas(this);
  }
  setHeight(height: number): OutputApi {
    this._height = height;
    return gas(this);
  }
  setSandboxMode(): OutputApi {
    return gas(this);
  }
  setTitle(title: string): OutputApi {
    this._title = String(title);
    return gas(this);
  }
  setWidth(width: number): OutputApi {
    this._width = width;
    return gas(this);
  }
  setXFrameOptionsMode(): OutputApi {
    return gas(this);
  }
}
describeDouble(HtmlOutputDouble, { type: 'HtmlOutput', service: 'HtmlService' });

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The template's JavaScript: a function evaluated with `this` = the template's variables. */
export function compileTemplate(source: string): string {
  const parts: string[] = ['var __out = [];'];
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let at = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m.index > at) parts.push(`__out.push(${JSON.stringify(source.slice(at, m.index))});`);
    const code = m[2]!.trim();
    if (m[1] === '=') parts.push(`__out.push(__escape(${code}));`);
    else if (m[1] === '!=') parts.push(`__out.push(String(${code}));`);
    else parts.push(code);
    at = re.lastIndex;
  }
  if (at < source.length) parts.push(`__out.push(${JSON.stringify(source.slice(at))});`);
  const escapeHelper =
    `function __escape(v) { return String(v).replace(/[&<>"']/g, function (c) { ` +
    `return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); }`;
  return `(function () { ${escapeHelper} with (this) { ${parts.join('\n')} } return __out.join(''); })`;
}

/** Runs compiled template code in the bundle's context, `this` being the template's variables. */
export type TemplateRunner = (code: string, variables: object) => string;

export class HtmlTemplateDouble
  implements Pick<GoogleAppsScript.HTML.HtmlTemplate, 'evaluate' | 'getCode' | 'getCodeWithComments' | 'getRawContent'>
{
  readonly #source: string;
  readonly #run: TemplateRunner;
  constructor(source: string, run: TemplateRunner) {
    this.#source = source;
    this.#run = run;
  }
  evaluate(): OutputApi {
    return gas(new HtmlOutputDouble(this.#run(compileTemplate(this.#source), this)));
  }
  getCode(): string {
    return compileTemplate(this.#source);
  }
  getCodeWithComments(): string {
    return compileTemplate(this.#source);
  }
  getRawContent(): string {
    return this.#source;
  }
}
describeDouble(HtmlTemplateDouble, { type: 'HtmlTemplate', service: 'HtmlService', openProperties: true });

/** Test double of Apps Script's HtmlService, reading the bundle's HTML files from its folder. */
export class HtmlServiceDouble
  implements
    Pick<
      GoogleAppsScript.HTML.HtmlService,
      'SandboxMode' | 'XFrameOptionsMode' | 'createHtmlOutput' | 'createHtmlOutputFromFile' | 'createTemplate' | 'createTemplateFromFile'
    >
{
  SandboxMode = SandboxMode;
  XFrameOptionsMode = XFrameOptionsMode;
  readonly #bundleDir: string;
  readonly #run: TemplateRunner;
  constructor(bundleDir: string, run: TemplateRunner) {
    this.#bundleDir = bundleDir;
    this.#run = run;
  }
  #file(filename: string): string {
    const name = String(filename).endsWith('.html') ? String(filename) : `${filename}.html`;
    const path = join(this.#bundleDir, name);
    if (!existsSync(path)) throw new AppsScriptException(`No HTML file named ${filename} was found.`);
    return readFileSync(path, 'utf8');
  }
  createHtmlOutput(html?: unknown): OutputApi {
    if (html instanceof HtmlTemplateDouble) return html.evaluate();
    return gas(new HtmlOutputDouble(html === undefined ? '' : String(html)));
  }
  createHtmlOutputFromFile(filename: string): OutputApi {
    return gas(new HtmlOutputDouble(this.#file(filename)));
  }
  createTemplate(html: string | GoogleAppsScript.Base.BlobSource): GoogleAppsScript.HTML.HtmlTemplate {
    if (typeof html !== 'string') notImplemented('HtmlService.createTemplate from a blob');
    return gas(new HtmlTemplateDouble(html, this.#run));
  }
  createTemplateFromFile(filename: string): GoogleAppsScript.HTML.HtmlTemplate {
    return gas(new HtmlTemplateDouble(this.#file(filename), this.#run));
  }
}
describeDouble(HtmlServiceDouble, { type: 'HtmlService', service: 'HtmlService' });
