import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPlan } from '../../../functions/src/deploy/deploy-runner.ts';
import { parseOrThrow } from '../../../functions/src/errors.ts';
import { deployConfigSchema } from '../../../functions/src/schema/deploy-config.ts';
import { forEachConcurrently } from '../../../functions/src/worker-pool.ts';

/**
 * The dry run's gcloud lines through the real Google Cloud CLI's own parser, offline: with an empty
 * configuration (no account), gcloud parses the whole command line first, then stops for want of
 * credentials (exit 1, "no active account") before any network call; a command or flag it does not
 * know, or a value a flag refuses, ends at parsing (exit 2). Each line runs through bash, so its quoting is checked too.
 */
const root = new URL('../../../', import.meta.url);
const example = JSON.parse(readFileSync(new URL('docs/deploy.example.json', root), 'utf8'));
const organisation = parseOrThrow(deployConfigSchema, { ...example, publicAccess: 'no-invoker-iam-check' }, 'example');
const printed = renderPlan({
  config: organisation,
  sourceDigest: undefined,
  rulesSource: readFileSync(new URL('firestore.rules', root), 'utf8'),
  indexes: JSON.parse(readFileSync(new URL('firestore.indexes.json', root), 'utf8')),
});

/** Every gcloud command a printed line runs: the line itself, or the gcloud end of a pipe. */
const gcloudLines = [
  ...new Set(
    printed.flatMap((line) =>
      line.startsWith('gcloud ') ? [line] : line.includes('| gcloud ') ? [line.slice(line.indexOf('| gcloud ') + 2)] : [],
    ),
  ),
];
/** What the real run puts where the dry run names a value it computes then (`<digest of …>`): a value of that kind. */
const filled = (line: string) => line.replace(/<digest of [^>]*>/g, '0f3a9c2e7b1d4a6f8e0c5b2a9d7e4f1c');

const config = mkdtempSync(join(tmpdir(), 'gcloud-config-'));
afterAll(() => rmSync(config, { recursive: true, force: true }));

type Parsed = { line: string; parsed: boolean; said: string };
function parse(line: string): Promise<Parsed> {
  const env: NodeJS.ProcessEnv = {};
  // No account, no project, no credentials of the machine: nothing can reach Google Cloud.
  for (const [name, value] of Object.entries(process.env))
    if (!name.startsWith('CLOUDSDK_') && name !== 'GOOGLE_APPLICATION_CREDENTIALS') env[name] = value;
  Object.assign(env, { CLOUDSDK_CONFIG: config, CLOUDSDK_CORE_DISABLE_PROMPTS: '1' });
  return new Promise((resolve) =>
    execFile('bash', ['-c', `${line} </dev/null`], { env, timeout: 120_000 }, (error, _out, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      // Parsed: refused only for want of an account (or, for a command needing none, done).
      resolve({
        line,
        parsed: code === 0 || (code === 1 && /active account|gcloud auth login/.test(stderr)),
        said: stderr.trim().slice(0, 400),
      });
    }),
  );
}

function gcloudInstalled(): Promise<string | undefined> {
  return new Promise((resolve) => execFile('gcloud', ['--version'], (error, out) => resolve(error ? undefined : out.split('\n')[0])));
}

describe('the dry run of docs/deploy.example.json with publicAccess: no-invoker-iam-check', () => {
  it('prints gcloud lines, none binding allUsers', () => {
    expect(gcloudLines.length).toBeGreaterThan(50);
    expect(printed.join('\n')).not.toContain('allUsers');
  });

  it("parses with the installed gcloud, line by line, and gcloud's parser refuses a flag that does not exist", {
    timeout: 900_000,
  }, async () => {
    const version = await gcloudInstalled();
    if (version === undefined)
      throw new Error('gcloud (the Google Cloud CLI) is not on the PATH: this test checks the deploy commands with its parser; install it');
    console.log(`${version}: parsing ${gcloudLines.length} gcloud lines of the dry run`);
    const known = await parse('gcloud run services update api --region=europe-west1 --no-such-flag --project=p');
    expect(known.parsed, 'a line with an unknown flag must be judged unparsed').toBe(false);
    const results: Parsed[] = [];
    await forEachConcurrently(gcloudLines, 3, async (line) => {
      results.push(await parse(filled(line)));
    });
    expect(results.filter((r) => !r.parsed).map((r) => `${r.line}\n  → ${r.said}`)).toEqual([]);
    expect(results).toHaveLength(gcloudLines.length);
  });
});
