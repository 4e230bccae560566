import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  freshPlan,
  functionUrl,
  gcloudMap,
  identities,
  phases,
  serviceAccountEmail,
  type GcloudStep,
  type PlanInput,
} from '../../../functions/src/deploy/deploy-plan.ts';
import { functionNames, functionTable, scheduleTable } from '../../../functions/src/deploy/function-table.ts';
import { renderPlan } from '../../../functions/src/deploy/deploy-runner.ts';
import { parseOrThrow } from '../../../functions/src/errors.ts';
import { deployConfigSchema, type DeployConfig } from '../../../functions/src/schema/deploy-config.ts';

const root = new URL('../../../', import.meta.url);
const example = parseOrThrow(deployConfigSchema, JSON.parse(readFileSync(new URL('docs/deploy.example.json', root), 'utf8')), 'example');
const indexes = JSON.parse(readFileSync(new URL('firestore.indexes.json', root), 'utf8'));
const input = (config: DeployConfig = example, sourceDigest: string | undefined = undefined): PlanInput => ({
  config,
  sourceDigest,
  rulesSource: readFileSync(new URL('firestore.rules', root), 'utf8'),
  indexes,
});

const gcloudSteps = (config?: DeployConfig) =>
  freshPlan(input(config))
    .flatMap((p) => p.steps)
    .filter((s): s is GcloudStep => s.kind === 'gcloud');
const flag = (args: string[], name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const deployOf = (name: string) =>
  gcloudSteps().find((s) => s.args[0] === 'functions' && s.args[1] === 'deploy' && s.args[2] === name)!.args;
const envOf = (args: string[]) => {
  const raw = flag(args, 'set-env-vars') ?? '';
  const custom = /^\^(.)\^/.exec(raw);
  return Object.fromEntries(
    (custom ? raw.slice(3).split(custom[1]!) : raw.split(',')).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
};

describe('the deploy plan for docs/deploy.example.json', () => {
  it('prints the pinned sequence', async () => {
    await expect(`${renderPlan(input()).join('\n')}\n`).toMatchFileSnapshot('./deploy.example.dry-run.txt');
  });

  it('deploys every function in index.ts as a 2nd gen Node 24 function with its own entry point', () => {
    for (const name of functionNames) {
      const args = deployOf(name);
      expect(args).toEqual(
        expect.arrayContaining([
          '--gen2',
          '--runtime=nodejs24',
          `--entry-point=${name}`,
          '--trigger-http',
          `--region=${example.region}`,
          `--project=${example.project}`,
        ]),
      );
    }
  });

  it('puts no secret in environment variables: every secret comes from Secret Manager', () => {
    for (const name of functionNames) {
      const args = deployOf(name);
      expect(Object.keys(envOf(args)).filter((k) => /SECRET|TOKEN|PASSWORD|KEY/.test(k))).toEqual([]);
      const secrets = Object.keys(functionTable[name].secrets);
      if (secrets.length === 0) expect(flag(args, 'set-secrets')).toBeUndefined();
      else
        expect(flag(args, 'set-secrets')).toBe(
          secrets
            .map((env) => `${env}=${functionTable[name].secrets[env as keyof (typeof functionTable)[typeof name]['secrets']]}:latest`)
            .join(','),
        );
    }
    // Secret values are generated at run time and piped in, never an argument.
    const adds = gcloudSteps().filter((s) => s.args[0] === 'secrets' && s.args[2] === 'add');
    expect(adds.map((s) => s.args[3])).toEqual(['unsubscribe-secret', 'sms-gateway-secret', 'esp-webhook-secret']);
    expect(adds.every((s) => s.args.includes('--data-file=-') && s.stdin?.randomBytes === 32)).toBe(true);
  });

  it('runs each role as its own service account, never the default compute account, and builds as a dedicated one', () => {
    const byRole = { 'staff-api': 'api', jobs: 'jobs', signup: 'signup', unsubscribe: 'unsubscribe' } as const;
    for (const name of functionNames) {
      const args = deployOf(name);
      expect(flag(args, 'service-account')).toBe(`clientbase-${byRole[functionTable[name].role]}@acme-clientbase.iam.gserviceaccount.com`);
      expect(flag(args, 'build-service-account')).toBe(
        'projects/acme-clientbase/serviceAccounts/clientbase-build@acme-clientbase.iam.gserviceaccount.com',
      );
    }
    expect(renderPlan(input()).join('\n')).not.toMatch(/compute@developer\.gserviceaccount\.com|appspot\.gserviceaccount\.com/);
  });

  it('grants each account only its listed project roles, the scheduler none, each secret only to the functions reading it', () => {
    const grants = gcloudSteps()
      .filter((s) => s.args[1] === 'add-iam-policy-binding' && s.args[0] === 'projects')
      .map((s) => [flag(s.args, 'member'), flag(s.args, 'role')]);
    expect(grants).toEqual([
      ['serviceAccount:clientbase-api@acme-clientbase.iam.gserviceaccount.com', 'roles/datastore.user'],
      ['serviceAccount:clientbase-jobs@acme-clientbase.iam.gserviceaccount.com', 'roles/datastore.user'],
      ['serviceAccount:clientbase-signup@acme-clientbase.iam.gserviceaccount.com', 'roles/datastore.user'],
      ['serviceAccount:clientbase-unsubscribe@acme-clientbase.iam.gserviceaccount.com', 'roles/datastore.user'],
      ['serviceAccount:clientbase-build@acme-clientbase.iam.gserviceaccount.com', 'roles/logging.logWriter'],
      ['serviceAccount:clientbase-build@acme-clientbase.iam.gserviceaccount.com', 'roles/artifactregistry.writer'],
      ['serviceAccount:clientbase-build@acme-clientbase.iam.gserviceaccount.com', 'roles/storage.objectAdmin'],
    ]);
    expect(identities.scheduler.projectRoles).toEqual([]);
    const secretGrants = gcloudSteps()
      .filter((s) => s.args[0] === 'secrets' && s.args[1] === 'add-iam-policy-binding')
      .map((s) => `${s.args[2]} → ${flag(s.args, 'member')!.split(':')[1]!.split('@')[0]}`);
    expect(secretGrants).toEqual([
      'unsubscribe-secret → clientbase-api',
      'unsubscribe-secret → clientbase-unsubscribe',
      'sms-gateway-secret → clientbase-unsubscribe',
      'esp-webhook-secret → clientbase-unsubscribe',
    ]);
  });

  it('lets only the scheduler account invoke the jobs and anyone the public functions', () => {
    const invokers = gcloudSteps()
      .filter((s) => s.args[0] === 'run' && s.args[2] === 'add-iam-policy-binding')
      .map((s) => [s.args[3], flag(s.args, 'member'), flag(s.args, 'role')]);
    const scheduler = 'serviceAccount:clientbase-scheduler@acme-clientbase.iam.gserviceaccount.com';
    expect(invokers).toEqual([
      ['api', 'allUsers', 'roles/run.invoker'],
      ['rotation', scheduler, 'roles/run.invoker'],
      ['bonuses', scheduler, 'roles/run.invoker'],
      ['overduereports', scheduler, 'roles/run.invoker'],
      ['signup', 'allUsers', 'roles/run.invoker'],
      ['unsubscribe', 'allUsers', 'roles/run.invoker'],
    ]);
    for (const name of functionNames)
      expect(deployOf(name)).toContain(
        functionTable[name].invokers === 'anyone' ? '--allow-unauthenticated' : '--no-allow-unauthenticated',
      );
  });

  it('schedules each job in the company time zone with an OIDC token the function itself checks', () => {
    const jobs = gcloudSteps().filter((s) => s.args[0] === 'scheduler');
    expect(jobs.map((s) => s.args.slice(0, 5).join(' '))).toEqual([
      'scheduler jobs create http bonuses-monthly',
      'scheduler jobs create http rotation-monthly',
      'scheduler jobs create http overdue-reports-daily',
    ]);
    for (const job of jobs) {
      const spec = scheduleTable[job.args[4] as keyof typeof scheduleTable];
      const url = functionUrl(example, spec.function);
      expect(flag(job.args, 'time-zone')).toBe('Europe/Moscow');
      expect(flag(job.args, 'schedule')).toBe(spec.cron);
      expect(flag(job.args, 'uri')).toBe(url);
      expect(flag(job.args, 'oidc-token-audience')).toBe(url);
      expect(flag(job.args, 'oidc-service-account-email')).toBe(serviceAccountEmail(example, 'scheduler'));
      // The function's second gate expects exactly this audience and this account.
      expect(envOf(deployOf(spec.function))).toMatchObject({
        SCHEDULER_AUDIENCE: url,
        SCHEDULER_SERVICE_ACCOUNT: serviceAccountEmail(example, 'scheduler'),
        REPORTS_SPREADSHEET_ID: example.reportsSpreadsheetId,
      });
    }
    expect(envOf(deployOf('api'))).toMatchObject({
      API_AUDIENCE: example.apiAudience,
      UNSUBSCRIBE_URL: functionUrl(example, 'unsubscribe'),
    });
  });

  it('creates the database with point-in-time recovery, a daily backup kept as configured, every index, and the rules', () => {
    const all = renderPlan(input()).join('\n');
    expect(all).toContain(
      "gcloud firestore databases create '--database=(default)' --location=eur3 --type=firestore-native --enable-pitr --delete-protection",
    );
    expect(all).toContain("gcloud firestore backups schedules create '--database=(default)' --recurrence=daily --retention=14d");
    expect(gcloudSteps().filter((s) => s.args.slice(0, 4).join(' ') === 'firestore indexes composite create')).toHaveLength(
      indexes.indexes.length,
    );
    const rules = freshPlan(input())
      .flatMap((p) => p.steps)
      .filter((s) => s.kind === 'rules');
    expect(rules.map((s) => s.kind === 'rules' && `${s.method} ${s.url}`)).toEqual([
      'POST https://firebaserules.googleapis.com/v1/projects/acme-clientbase/rulesets',
      'POST https://firebaserules.googleapis.com/v1/projects/acme-clientbase/releases',
    ]);
  });

  it('orders the work so that each step finds what it needs', () => {
    const order = phases.map((p) => p.name);
    const at = (prefix: string) => order.findIndex((n) => n.startsWith(prefix));
    expect(at('APIs')).toBe(0);
    expect(at('Service accounts')).toBeLessThan(at('Project roles'));
    expect(at('Project roles')).toBeLessThan(at('Secrets'));
    expect(at('Secrets')).toBeLessThan(at('Functions'));
    expect(at('Functions')).toBeLessThan(at('Who may call'));
    expect(at('Who may call')).toBeLessThan(at('Cloud Scheduler'));
  });

  it('passes a value with commas to gcloud under another delimiter', () => {
    expect(
      gcloudMap([
        ['A', '1'],
        ['B', '2'],
      ]),
    ).toBe('A=1,B=2');
    expect(
      gcloudMap([
        ['ORIGINS', 'https://a.example,https://b.example'],
        ['B', '2'],
      ]),
    ).toBe('^|^ORIGINS=https://a.example,https://b.example|B=2');
  });

  it('keeps verifying links signed with the previous unsubscribe secret after a rotation', () => {
    const rotated = { ...example, secrets: { unsubscribePreviousVersion: 3 } };
    const args = gcloudSteps(rotated).find((s) => s.args[2] === 'unsubscribe' && s.args[1] === 'deploy')!.args;
    expect(flag(args, 'set-secrets')).toContain('UNSUBSCRIBE_SECRET=unsubscribe-secret:latest,');
    expect(flag(args, 'set-secrets')).toContain('UNSUBSCRIBE_SECRET_PREVIOUS=unsubscribe-secret:3');
  });
});

describe('the deploy config', () => {
  it('names every bad field at once', () => {
    const bad = {
      ...example,
      region: 'Europe West',
      apiAudience: 'my-client',
      alertEmails: ['head at acme'],
      backups: { retentionDays: 120 },
      timeZone: 'Mars/Olympus',
      extra: 1,
    };
    let issues: Array<{ path: string; message: string }> = [];
    try {
      parseOrThrow(deployConfigSchema, bad, 'deploy config');
    } catch (e) {
      issues = (e as { issues: typeof issues }).issues;
    }
    expect(issues.map((i) => i.path).sort()).toEqual([
      '(body)',
      'alertEmails[0]',
      'apiAudience',
      'backups.retentionDays',
      'region',
      'timeZone',
    ]);
    expect(issues.find((i) => i.path === 'backups.retentionDays')?.message).toMatch(/at most 98/);
    expect(issues.find((i) => i.path === '(body)')?.message).toBe('unknown field(s): extra');
  });
});

describe('the deploy plan in an organisation that refuses allUsers (publicAccess: no-invoker-iam-check)', () => {
  const organisation = parseOrThrow(deployConfigSchema, { ...example, publicAccess: 'no-invoker-iam-check' }, 'example');
  const printed = renderPlan(input(organisation)).join('\n');

  it('prints no allUsers binding and deploys no function with --allow-unauthenticated', () => {
    expect(printed).not.toContain('allUsers');
    expect(printed).not.toContain('--allow-unauthenticated');
  });

  it('turns off the invoker IAM check on the public functions, and on them only', () => {
    const updates = gcloudSteps(organisation).filter((s) => s.args.slice(0, 3).join(' ') === 'run services update');
    expect(updates.filter((s) => s.args.includes('--no-invoker-iam-check')).map((s) => s.args[3])).toEqual([
      'api',
      'signup',
      'unsubscribe',
    ]);
    // The api keeps its CPU in the same update: one new revision, not two.
    expect(updates.find((s) => s.args[3] === 'api')!.args).toContain('--no-cpu-throttling');
    expect(updates).toHaveLength(3);
  });

  it('uses allUsers by default', () => {
    expect(example.publicAccess).toBe('allUsers');
    expect(renderPlan(input()).join('\n')).toContain('--member=allUsers');
  });
});

describe('apiAudience', () => {
  it('takes one client id or a list, and hands the api every one of them', () => {
    const ids = ['111-aaa.apps.googleusercontent.com', '222-bbb.apps.googleusercontent.com'];
    const listed = parseOrThrow(deployConfigSchema, { ...example, apiAudience: ids }, 'example');
    const args = gcloudSteps(listed).find((s) => s.args[1] === 'deploy' && s.args[2] === 'api')!.args;
    expect(envOf(args).API_AUDIENCE).toBe(ids.join(','));
    expect(() => parseOrThrow(deployConfigSchema, { ...example, apiAudience: [] }, 'example')).toThrow();
  });
});
