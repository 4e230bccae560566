import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPlan, type PlanInput } from '../../../functions/src/deploy/deploy-plan.ts';
import { runDeploy } from '../../../functions/src/deploy/deploy-runner.ts';
import { parseOrThrow } from '../../../functions/src/errors.ts';
import { deployConfigSchema } from '../../../functions/src/schema/deploy-config.ts';
import { firebaseRulesApiDouble } from '../../support/firebase-rules-api-double.ts';
import type { GcloudDoubleState } from '../../support/gcloud-double.ts';

/**
 * The real deploy runner against a project kept by test doubles: `gcloud` on the PATH is the gcloud
 * double (test/support/gcloud-double.ts), the Firebase Rules API a fetch double.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'clientbase-deploy-'));
const statePath = join(dir, 'project.json');
const callsPath = join(dir, 'calls.jsonl');
const config = parseOrThrow(deployConfigSchema, JSON.parse(readFileSync(join(root, 'docs/deploy.example.json'), 'utf8')), 'example');
const input: PlanInput = {
  config,
  sourceDigest: 'source-v1',
  rulesSource: readFileSync(join(root, 'firestore.rules'), 'utf8'),
  indexes: JSON.parse(readFileSync(join(root, 'firestore.indexes.json'), 'utf8')),
};

type Call = { args: string[]; stdinLength: number };
const calls = (): Call[] =>
  readFileSync(callsPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const state = (): GcloudDoubleState => JSON.parse(readFileSync(statePath, 'utf8'));
const setState = (change: (s: GcloudDoubleState) => void) => {
  const s = state();
  change(s);
  writeFileSync(statePath, JSON.stringify(s));
};
const isRead = (args: string[]) => ['describe', 'list', 'get-iam-policy', 'print-access-token'].some((verb) => args.includes(verb));

let savedPath: string | undefined;
beforeAll(() => {
  const gcloud = join(dir, 'gcloud');
  // The compile cache halves the double's start-up; a deploy calls gcloud dozens of times.
  writeFileSync(
    gcloud,
    `#!/bin/sh\nNODE_COMPILE_CACHE="${join(dir, 'node-cache')}" ` +
      `exec "${process.execPath}" "${join(root, 'test/support/gcloud-double.ts')}" "$@"\n`,
  );
  chmodSync(gcloud, 0o755);
  savedPath = process.env.PATH;
  process.env.PATH = `${dir}:${process.env.PATH}`;
  process.env.GCLOUD_DOUBLE_STATE = statePath;
  process.env.GCLOUD_DOUBLE_CALLS = callsPath;
});
afterAll(() => {
  process.env.PATH = savedPath;
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run deploy against the gcloud double', () => {
  const rules = firebaseRulesApiDouble(config.project);
  const lines: string[] = [];
  const deploy = () => runDeploy(input, { out: (l) => lines.push(l), fetch: rules.fetch, servicePauseMs: 1 });

  it('on an empty project runs the whole planned sequence, in order, and leaves it configured', async () => {
    writeFileSync(callsPath, '');
    const summary = await deploy();
    const changes = calls().filter((c) => !isRead(c.args));
    // Exactly the dry run's commands, but with the real function digests and the real alert channel.
    const comparable = (args: string[]) =>
      args.map((a) => a.replace(/clientbase-spec=.*$/, 'clientbase-spec=*').replace(/^--policy=.*$/, '--policy=*'));
    // A public function's deploy (--allow-unauthenticated) already lets anyone call it, so the run,
    // reading after the deploys, needs no separate grant for those three.
    const grantedByDeploy = (args: string[]) => args[2] === 'add-iam-policy-binding' && args.includes('--member=allUsers');
    const planned = freshPlan(input)
      .flatMap((p) => p.steps)
      .filter((s) => s.kind === 'gcloud' && !grantedByDeploy(s.args))
      .map((s) => comparable((s as { args: string[] }).args));
    expect(planned).toHaveLength(
      freshPlan(input)
        .flatMap((p) => p.steps)
        .filter((s) => s.kind === 'gcloud').length - 3,
    );
    expect(changes.map((c) => comparable(c.args))).toEqual(planned);
    const policy = JSON.parse(
      changes
        .at(-1)!
        .args.find((a) => a.startsWith('--policy='))!
        .slice('--policy='.length),
    );
    expect(policy.notificationChannels).toEqual([state().channels[0]!.name]);
    expect(summary.changes).toBe(planned.length + 2);
    expect(state().runServices.signup!.policy.bindings).toEqual([{ role: 'roles/run.invoker', members: ['allUsers'] }]);
    expect(rules.calls.filter((c) => c.method !== 'GET').map((c) => c.method)).toEqual(['POST', 'POST']);
    expect(rules.released()).toBe(input.rulesSource);

    // Secret values went in on stdin only: no argument of any call carries one.
    expect(changes.filter((c) => c.args[0] === 'secrets' && c.args[2] === 'add').map((c) => c.stdinLength)).toEqual([43, 43, 43]);
    const s = state();
    expect(Object.keys(s.functions).sort()).toEqual(['api', 'bonuses', 'overdueReports', 'rotation', 'signup', 'unsubscribe']);
    expect(s.runServices.api!.spec.template.metadata.annotations['run.googleapis.com/cpu-throttling']).toBe('false');
    expect(s.runServices.rotation!.policy.bindings).toEqual([
      { role: 'roles/run.invoker', members: ['serviceAccount:clientbase-scheduler@acme-clientbase.iam.gserviceaccount.com'] },
    ]);
    expect(s.schedulerJobs['rotation-monthly']).toMatchObject({
      timeZone: 'Europe/Moscow',
      httpTarget: { oidcToken: { serviceAccountEmail: 'clientbase-scheduler@acme-clientbase.iam.gserviceaccount.com' } },
    });
    expect(s.database).toMatchObject({ pointInTimeRecoveryEnablement: 'POINT_IN_TIME_RECOVERY_ENABLED' });
    expect(s.backupSchedules).toEqual([{ name: expect.any(String), retention: '1209600s', dailyRecurrence: {} }]);
  });

  it('run again, only reads: nothing that is already right is changed', async () => {
    writeFileSync(callsPath, '');
    const before = readFileSync(statePath, 'utf8');
    const rulesCallsBefore = rules.calls.length;
    const summary = await deploy();
    expect(summary.changes).toBe(0);
    expect(calls().filter((c) => !isRead(c.args))).toEqual([]);
    // Every read but the two rules GETs is a gcloud call, plus the access token for those GETs.
    expect(calls().length).toBe(summary.reads - 2 + 1);
    expect(rules.calls.slice(rulesCallsBefore).map((c) => c.method)).toEqual(['GET', 'GET']);
    expect(readFileSync(statePath, 'utf8')).toBe(before);
  });

  it('puts back exactly what drifted, updating what exists rather than creating it again', async () => {
    setState((s) => {
      s.schedulerJobs['rotation-monthly']!.schedule = '0 7 1 * *';
      s.runServices.rotation!.policy.bindings[0]!.members.push('allUsers');
      s.projectPolicy.bindings.push({
        role: 'roles/editor',
        members: ['serviceAccount:clientbase-jobs@acme-clientbase.iam.gserviceaccount.com'],
      });
      s.backupSchedules[0]!.retention = '604800s';
    });
    writeFileSync(callsPath, '');
    await deploy();
    expect(
      calls()
        .filter((c) => !isRead(c.args))
        .map((c) => c.args.slice(0, 4).join(' ')),
    ).toEqual([
      'firestore backups schedules update',
      'projects remove-iam-policy-binding acme-clientbase --member=serviceAccount:clientbase-jobs@acme-clientbase.iam.gserviceaccount.com',
      'run services remove-iam-policy-binding rotation',
      'scheduler jobs update http',
    ]);
    expect(state().schedulerJobs['rotation-monthly']!.schedule).toBe('0 6 1 * *');
  });

  it("redeploys the functions when the source changes, and then restores the api's CPU setting the redeploy dropped", async () => {
    writeFileSync(callsPath, '');
    await runDeploy({ ...input, sourceDigest: 'source-v2' }, { out: () => undefined, fetch: rules.fetch, servicePauseMs: 1 });
    expect(
      calls()
        .filter((c) => !isRead(c.args))
        .map((c) => c.args.slice(0, 3).join(' ')),
    ).toEqual([
      'functions deploy api',
      'functions deploy rotation',
      'functions deploy bonuses',
      'functions deploy overdueReports',
      'functions deploy signup',
      'functions deploy unsubscribe',
      'run services update',
    ]);
  });

  it('after a secret rotation (a new version), redeploys exactly the functions that read that secret', async () => {
    const added = spawnSync('gcloud', ['secrets', 'versions', 'add', 'unsubscribe-secret', '--data-file=-', '--project=acme-clientbase'], {
      input: 'n'.repeat(43),
      encoding: 'utf8',
    });
    expect(added.status).toBe(0);
    writeFileSync(callsPath, '');
    await runDeploy({ ...input, sourceDigest: 'source-v2' }, { out: () => undefined, fetch: rules.fetch, servicePauseMs: 1 });
    expect(
      calls()
        .filter((c) => !isRead(c.args))
        .map((c) => c.args.slice(0, 3).join(' ')),
    ).toEqual(['functions deploy api', 'functions deploy unsubscribe', 'run services update']);
  });

  it('waits for an API that was only just turned on, and goes on', async () => {
    setState((s) => {
      s.schedulerWarmingUp = 2;
      s.schedulerJobs['bonuses-monthly']!.timeZone = 'Europe/Kaliningrad';
    });
    writeFileSync(callsPath, '');
    const out: string[] = [];
    await runDeploy({ ...input, sourceDigest: 'source-v2' }, { out: (l) => out.push(l), fetch: rules.fetch, servicePauseMs: 1 });
    expect(
      calls()
        .filter((c) => c.args[0] === 'scheduler')
        .map((c) => c.args.slice(0, 3).join(' ')),
    ).toEqual(['scheduler jobs list', 'scheduler jobs list', 'scheduler jobs list', 'scheduler jobs update']);
    expect(out.filter((l) => l.includes('still being turned on'))).toHaveLength(2);
    expect(state().schedulerJobs['bonuses-monthly']!.timeZone).toBe('Europe/Moscow');
  });

  it('stops at a failing command, says so, and the next run picks up from there', async () => {
    setState((s) => {
      delete s.schedulerJobs['overdue-reports-daily'];
    });
    const broken = join(dir, 'broken-calls.jsonl');
    process.env.GCLOUD_DOUBLE_CALLS = broken;
    writeFileSync(broken, '');
    // A gcloud that refuses the scheduler create (as a missing permission would).
    const gcloud = join(dir, 'gcloud');
    const real = readFileSync(gcloud, 'utf8');
    writeFileSync(
      gcloud,
      '#!/bin/sh\ncase "$*" in *"jobs create"*) echo "ERROR: PERMISSION_DENIED: cloudscheduler.jobs.create" >&2; exit 1;; esac\n' +
        real.split('\n').slice(1).join('\n'),
    );
    const current = { ...input, sourceDigest: 'source-v2' };
    await expect(runDeploy(current, { out: () => undefined, fetch: rules.fetch, servicePauseMs: 1 })).rejects.toThrow(
      /PERMISSION_DENIED[\s\S]*run the deploy again/,
    );
    writeFileSync(gcloud, real);
    process.env.GCLOUD_DOUBLE_CALLS = callsPath;
    writeFileSync(callsPath, '');
    await runDeploy(current, { out: () => undefined, fetch: rules.fetch, servicePauseMs: 1 });
    expect(
      calls()
        .filter((c) => !isRead(c.args))
        .map((c) => c.args.slice(0, 5).join(' ')),
    ).toEqual(['scheduler jobs create http overdue-reports-daily']);
  });
});

describe('npm run deploy --dry-run', () => {
  it('prints the pinned plan for docs/deploy.example.json without calling anything', () => {
    const result = spawnSync(
      process.execPath,
      [join(root, 'functions/src/deploy/main.ts'), '--dry-run', '--config', join(root, 'docs/deploy.example.json')],
      { encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(root, 'test/unit/deploy/deploy.example.dry-run.txt'), 'utf8'));
  });

  it('refuses a bad config naming each field, and runs nothing', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...config, region: 'moon', backups: { retentionDays: 0 } }));
    const result = spawnSync(process.execPath, [join(root, 'functions/src/deploy/main.ts'), '--config', bad], {
      encoding: 'utf8',
      env: { ...process.env, PATH: '/nonexistent' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`invalid deploy config in ${bad}`);
    expect(result.stderr).toContain('  region: must be a Cloud Run region such as europe-west1');
    expect(result.stderr).toContain('  backups.retentionDays: must be at least 1');
  });
});
