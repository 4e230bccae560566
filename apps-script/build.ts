// `npm run addon:build` bundles the add-on into apps-script/dist/ (what clasp pushes and what the
// tests load): Code.js (one plain script whose top level declares every entry point Apps Script
// calls), the sidebar HTML with its script and style inlined, and appsscript.json with the API URL
// in urlFetchWhitelist. `npm run addon:push` builds, checks .clasp.json, then runs the pinned clasp.
//
//   node apps-script/build.ts [--api-url https://…/] [--push]      (or ADDON_API_URL=…)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);
const { generate } = require('gas-entry-generator') as {
  generate: (code: string, options: { comment: boolean }) => { entryPointFunctions: string };
};

/** Where the API is when nobody says: a reserved name, so a push with it is refused. */
export const placeholderApiUrl = 'https://clientbase-api.invalid/';

/** The sidebars and dialogs: `src/sidebar/<source>.ts` in the one page template (`page.html`) becomes `dist/<name>.html`. */
export const htmlPages = [
  { name: 'ClientCard', source: 'client-card' },
  { name: 'MyTasks', source: 'my-tasks' },
  { name: 'PublishErrors', source: 'publish-errors' },
  { name: 'SaveErrors', source: 'save-errors' },
  { name: 'Rotation', source: 'rotation' },
  { name: 'Offboarding', source: 'offboarding' },
  { name: 'BonusMonth', source: 'bonus-month' },
  { name: 'Mailing', source: 'mailing' },
] as const;

export type BuildOptions = { apiUrl?: string; outDir?: string };
/** `scriptBytes`: Code.js in UTF-8, what Apps Script parses on every execution. */
export type BuildResult = { outDir: string; apiUrl: string; entryPoints: string[]; bytes: number; scriptBytes: number };

/** Every execution parses the whole script: the add-on bench fails a Code.js above this. */
export const maxScriptBytes = 250 * 1024;

/** `https://host/path` → `https://host/path/`: the whitelist matches prefixes, so end on a slash. */
export function normaliseApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`--api-url: "${raw}" is not a URL; give the API's address, e.g. https://europe-west1-PROJECT.cloudfunctions.net/api/`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`--api-url: must start with https:// (got ${url.protocol})`);
  if (url.search !== '' || url.hash !== '') throw new Error('--api-url: give the base address without ?query or #fragment');
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

// Modules that must never reach Apps Script: the server's database and Node's built-ins; and what
// Apps Script would parse on every call for nothing: zod (the base validates; it also writes
// `globalThis` when loaded), phone metadata, time-zone code (the add-on formats with Utilities).
const forbiddenInputs = [
  /node_modules\/firebase-admin\//,
  /node_modules\/@google-cloud\//,
  /node_modules\/google-auth-library\//,
  /node_modules\/zod\//,
  /node_modules\/libphonenumber-js\//,
  /node_modules\/@date-fns\//,
  /node_modules\/date-fns\//,
  /^node:/,
];

function checkInputs(metafile: Metafile, what: string): void {
  const bad = Object.keys(metafile.inputs).filter((input) => forbiddenInputs.some((re) => re.test(input)));
  if (bad.length > 0) throw new Error(`${what} pulls in modules it must not hold: ${bad.join(', ')}`);
}

/** Modules evaluated here, at build time: the bundle holds their exported values as plain data. */
export const buildTimeModules = [join(here, 'src/config/rules-limits.ts'), join(here, 'src/deals/review-limits.ts')];

const evaluatedAtBuild: Plugin = {
  name: 'evaluated-at-build',
  setup(b) {
    const filter = new RegExp(`^(${buildTimeModules.map((f) => f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    b.onLoad({ filter }, async (args) => {
      const values = (await import(pathToFileURL(args.path).href)) as Record<string, unknown>;
      const contents = Object.entries(values)
        .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
        .join('\n');
      return { contents, loader: 'js' };
    });
  },
};

async function bundleServerScript(apiUrl: string): Promise<{ code: string; entryPoints: string[] }> {
  const result = await build({
    plugins: [evaluatedAtBuild],
    minifyWhitespace: true,
    minifySyntax: true,
    // Local names only: the entry points stay reachable as `global.x` property names.
    minifyIdentifiers: true,
    entryPoints: [join(here, 'src/main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    // Apps Script's V8 runtime: modern syntax, but no Node and no DOM.
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['import', 'default'],
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'none',
    metafile: true,
    define: { __API_URL__: JSON.stringify(apiUrl) },
    logLevel: 'silent',
  });
  checkInputs(result.metafile, 'Code.js');
  const code = result.outputFiles[0]!.text;
  // The stubs make the entry points visible to Apps Script, which only sees top-level function
  // declarations; at run time the bundle's `global.x = x` replaces each stub with the real one.
  const stubs = generate(code, { comment: false }).entryPointFunctions;
  const entryPoints = [...stubs.matchAll(/^function ([A-Za-z_$][\w$]*)\(/gm)].map((m) => m[1]!);
  return { code: `var global = this;\n${stubs}\n${code}`, entryPoints };
}

async function bundlePage(source: string): Promise<string> {
  const result = await build({
    entryPoints: [join(here, `src/sidebar/${source}.ts`)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    charset: 'utf8',
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
  });
  checkInputs(result.metafile, `${source}.html`);
  const script = result.outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script');
  const style = readFileSync(join(here, 'src/sidebar/sidebar.css'), 'utf8');
  const template = readFileSync(join(here, 'src/sidebar/page.html'), 'utf8');
  if (!template.includes('<!-- inline:style -->') || !template.includes('<!-- inline:script -->')) {
    throw new Error('src/sidebar/page.html must hold <!-- inline:style --> and <!-- inline:script -->');
  }
  // HtmlService cannot load files of the project by URL: everything goes into the one page.
  return template
    .replace('<!-- inline:style -->', () => `<style>\n${style}</style>`)
    .replace('<!-- inline:script -->', () => `<script>\n${script}</script>`);
}

function manifest(apiUrl: string): string {
  const base = JSON.parse(readFileSync(join(here, 'appsscript.json'), 'utf8')) as Record<string, unknown>;
  return `${JSON.stringify({ ...base, urlFetchWhitelist: [apiUrl] }, null, 2)}\n`;
}

export async function buildAddon(options: BuildOptions = {}): Promise<BuildResult> {
  const apiUrl = normaliseApiUrl(options.apiUrl ?? process.env.ADDON_API_URL ?? placeholderApiUrl);
  const outDir = options.outDir ?? join(here, 'dist');
  const server = await bundleServerScript(apiUrl);
  const pages = await Promise.all(htmlPages.map(async (p) => ({ name: p.name, html: await bundlePage(p.source) })));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'Code.js'), server.code);
  for (const page of pages) writeFileSync(join(outDir, `${page.name}.html`), page.html);
  writeFileSync(join(outDir, 'appsscript.json'), manifest(apiUrl));
  const bytes = server.code.length + pages.reduce((n, p) => n + p.html.length, 0);
  return { outDir, apiUrl, entryPoints: server.entryPoints, bytes, scriptBytes: Buffer.byteLength(server.code) };
}

/** Refuses a push that would leave the add-on pointing nowhere or at a test server. */
function checkPushable(apiUrl: string): void {
  const clasp = join(here, '.clasp.json');
  if (!existsSync(clasp))
    throw new Error('apps-script/.clasp.json is missing: copy .clasp.json.example and put your script id in it (see docs/addon.md)');
  const config = JSON.parse(readFileSync(clasp, 'utf8')) as { scriptId?: string; rootDir?: string };
  if (!config.scriptId || config.scriptId.includes('YOUR_SCRIPT_ID'))
    throw new Error('apps-script/.clasp.json: set scriptId to your Apps Script project id');
  if (config.rootDir !== 'dist') throw new Error('apps-script/.clasp.json: rootDir must be "dist" (only the bundle is pushed)');
  if (apiUrl === placeholderApiUrl || !apiUrl.startsWith('https://'))
    throw new Error('set the API URL for a push: ADDON_API_URL=https://… npm run addon:push (or --api-url)');
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  try {
    const apiUrl = argValue(args, '--api-url');
    const result = await buildAddon(apiUrl !== undefined ? { apiUrl } : {});
    console.log(
      `addon: built ${result.outDir} (${(result.bytes / 1024).toFixed(0)} KB, Code.js ${(result.scriptBytes / 1024).toFixed(0)} KB) ` +
        `for ${result.apiUrl}; entry points: ` +
        `${result.entryPoints.join(', ')}`,
    );
    if (args.includes('--push')) {
      checkPushable(result.apiUrl);
      const claspBin = join(here, '../node_modules/.bin/clasp');
      const pushed = spawnSync(claspBin, ['push', '--force'], { cwd: here, stdio: 'inherit' });
      process.exit(pushed.status ?? 1);
    }
  } catch (e) {
    console.error(`addon: ${(e as Error).message}`);
    process.exit(1);
  }
}
