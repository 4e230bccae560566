import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanInput } from '../../../functions/src/deploy/deploy-plan.ts';
import { runDeploy } from '../../../functions/src/deploy/deploy-runner.ts';
import { runVerify } from '../../../functions/src/deploy/verify-runner.ts';
import { parseOrThrow } from '../../../functions/src/errors.ts';
import { deployConfigSchema, type DeployConfig } from '../../../functions/src/schema/deploy-config.ts';
import { firebaseRulesApiDouble } from '../../support/firebase-rules-api-double.ts';
import type { GcloudDoubleState } from '../../support/gcloud-double.ts';

/**
 * `--verify` and `publicAccess: "no-invoker-iam-check"` against the gcloud double: a project deployed
 * by the real runner, then checked; the functions and the Sheets API answer through a fetch double.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'clientbase-verify-'));
const gcloud = join(dir, 'gcloud');
const example = JSON.parse(readFileSync(join(root, 'docs/deploy.example.json'), 'utf8'));
const configOf = (extra: object): DeployConfig => parseOrThrow(deployConfigSchema, { ...example, ...extra }, 'example');
const inputOf = (config: DeployConfig): PlanInput => ({
  config,
  sourceDigest: 'source-v1',
  rulesSource: readFileSync(join(root, 'firestore.rules'), 'utf8'),
  indexes: JSON.parse(readFileSync(join(root, 'firestore.indexes.json'), 'utf8')),
});
const statePath = (name: string) => join(dir, `${name}.json`);
const state = (name: string): GcloudDoubleState => JSON.parse(readFileSync(statePath(name), 'utf8'));
const setState = (name: string, change: (s: GcloudDoubleState) => void) => {
  const s = state(name);
  change(s);
  writeFileSync(statePath(name), JSON.stringify(s));
};

beforeAll(() => {
  writeFileSync(
    gcloud,
    `#!/bin/sh\nNODE_COMPILE_CACHE="${join(dir, 'node-cache')}" ` +
      `exec "${process.execPath}" "${join(root, 'test/support/gcloud-double.ts')}" "$@"\n`,
  );
  chmodSync(gcloud, 0o755);
  process.env.GCLOUD_DOUBLE_CALLS = join(dir, 'calls.jsonl');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function deployed(name: string, config: DeployConfig): Promise<void> {
  process.env.GCLOUD_DOUBLE_STATE = statePath(name);
  const rules = firebaseRulesApiDouble(config.project);
  await runDeploy(inputOf(config), { out: () => undefined, fetch: rules.fetch, gcloud, servicePauseMs: 1 });
}

/** The deployed functions and the Sheets API: each health answers ok; the spreadsheet opens for `sharedWith`. */
function installation(answers: { health?: Record<string, number>; sharedWith?: string } = {}) {
  const seen: Array<{ url: string; authorization?: string }> = [];
  const fetchDouble = (async (url: string | URL, init?: RequestInit) => {
    const authorization = (init?.headers as Record<string, string> | undefined)?.authorization;
    seen.push({ url: String(url), ...(authorization ? { authorization } : {}) });
    const health = /cloudfunctions\.net\/(\w+)\/health$/.exec(String(url));
    if (health) {
      const status = answers.health?.[health[1]!] ?? 200;
      return Response.json(status === 200 ? { status: 'ok' } : { title: 'refused' }, { status });
    }
    if (String(url).startsWith('https://sheets.googleapis.com/'))
      return Response.json({}, { status: authorization === `Bearer double-access-token-as:${answers.sharedWith}` ? 200 : 403 });
    return Response.json({}, { status: 404 });
  }) as typeof fetch;
  return { fetch: fetchDouble, seen };
}

describe('npm run deploy -- --verify', () => {
  const config = configOf({});
  const jobs = `clientbase-jobs@${config.project}.iam.gserviceaccount.com`;

  it('says every check is right on a working installation, calling the job functions with your identity token', async () => {
    await deployed('working', config);
    const { fetch, seen } = installation({ sharedWith: jobs });
    const out: string[] = [];
    const result = await runVerify(config, { out: (l) => out.push(l), gcloud, fetch, pollMs: 1 });
    expect(result.problems).toEqual([]);
    expect(out.every((l) => l.startsWith('ok '))).toBe(true);
    expect(out).toHaveLength(8);
    expect(seen.filter((s) => s.url.endsWith('/health')).map((s) => s.url.split('/').at(-2))).toEqual([
      'api',
      'rotation',
      'bonuses',
      'overdueReports',
      'signup',
      'unsubscribe',
    ]);
    expect(seen.find((s) => s.url.endsWith('/rotation/health'))?.authorization).toBe('Bearer double-identity-token');
    expect(seen.find((s) => s.url.endsWith('/api/health'))?.authorization).toBeUndefined();
    // The scheduler ran the overdue check once, and its job record shows the attempt.
    expect(state('working').schedulerJobs['overdue-reports-daily']?.lastAttemptTime).toBeDefined();
  });

  it('says in plain words what is not right: a function down, the job refused, the spreadsheet not shared', async () => {
    setState('working', (s) => {
      s.schedulerRunStatus = { code: 16, message: 'UNAUTHENTICATED' };
    });
    const { fetch } = installation({ health: { signup: 503 } });
    const out: string[] = [];
    const { problems } = await runVerify(config, { out: (l) => out.push(l), gcloud, fetch, pollMs: 1 });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe('signup answered 503 at /health: see its logs');
    expect(problems[1]).toMatch(/^overdueReports refused the scheduler's token \(401\)/);
    expect(problems[2]).toBe(`the reports spreadsheet is not shared with ${jobs}: share it with that address as an editor`);
    expect(out.filter((l) => l.startsWith('NOT '))).toHaveLength(3);
  });
});

describe('publicAccess: no-invoker-iam-check', () => {
  it('leaves no allUsers binding and turns the invoker check off on the public functions only', async () => {
    await deployed('organisation', configOf({ publicAccess: 'no-invoker-iam-check' }));
    const services = state('organisation').runServices;
    for (const [name, service] of Object.entries(services)) {
      const members = service.policy.bindings.flatMap((b) => b.members);
      expect(members, name).not.toContain('allUsers');
      const off = service.metadata.annotations?.['run.googleapis.com/invoker-iam-disabled'] === 'true';
      expect(off, name).toBe(['api', 'signup', 'unsubscribe'].includes(name));
    }
    expect(services.api?.spec.template.metadata.annotations['run.googleapis.com/cpu-throttling']).toBe('false');
  });

  it('turns the check back on for a job function where someone turned it off', async () => {
    setState('organisation', (s) => {
      s.runServices.rotation!.metadata.annotations = { 'run.googleapis.com/invoker-iam-disabled': 'true' };
    });
    await deployed('organisation', configOf({ publicAccess: 'no-invoker-iam-check' }));
    expect(state('organisation').runServices.rotation?.metadata.annotations?.['run.googleapis.com/invoker-iam-disabled']).toBeUndefined();
  });
});
