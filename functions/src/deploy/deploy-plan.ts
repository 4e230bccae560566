import { createHash } from 'node:crypto';
import type { DeployConfig } from '../schema/deploy-config.ts';
import {
  functionNames,
  functionTable,
  scheduleTable,
  type FunctionName,
  type RuntimeRole,
  type ScheduleName,
  type SecretName,
} from './function-table.ts';

/**
 * The deploy as pure functions: from the configuration and what the project already holds, the
 * ordered commands that bring it to the wanted state. It goes in phases; before each, the runner
 * runs the phase's reads (gcloud describe / list / get-iam-policy, or a GET), and the phase plans
 * only what is missing or different. On a project where everything is already right, every phase
 * plans nothing: a second deploy only reads. With nothing observed (a dry run, a fresh project)
 * the plan is the full sequence.
 */

/** A gcloud invocation; `stdin` asks the runner for fresh random bytes on standard input (a new secret's value). */
export type GcloudStep = { kind: 'gcloud'; args: string[]; why: string; stdin?: { randomBytes: number } };
/** A call to the Firebase Rules API (gcloud has no command for Firestore security rules). */
export type RulesStep = { kind: 'rules'; method: 'POST' | 'PATCH'; url: string; body: unknown; why: string };
export type Step = GcloudStep | RulesStep;

export type Read = { key: string; kind: 'gcloud'; args: string[] } | { key: string; kind: 'rules'; url: string };
/** What reads answered, by key; `undefined` means the resource does not exist. */
export type Observed = Record<string, unknown>;

export type PlanInput = {
  config: DeployConfig;
  /** Digest of the function source the deploy uploads (a changed source redeploys every function); none in a dry run. */
  sourceDigest: string | undefined;
  rulesSource: string;
  indexes: FirestoreIndexes;
};

export type Phase = {
  name: string;
  reads: (input: PlanInput, observed: Observed) => Read[];
  plan: (input: PlanInput, observed: Observed) => Step[];
};

export type FirestoreIndexes = {
  indexes: Array<{
    collectionGroup: string;
    queryScope: string;
    fields: Array<{ fieldPath: string; order?: string; arrayConfig?: string }>;
  }>;
  fieldOverrides?: Array<{ collectionGroup: string; fieldPath: string; ttl?: boolean; indexes?: unknown[] }>;
};

export const runtime = 'nodejs24';
export const requiredServices = [
  'artifactregistry.googleapis.com',
  'cloudbuild.googleapis.com',
  'cloudfunctions.googleapis.com',
  'cloudresourcemanager.googleapis.com',
  'cloudscheduler.googleapis.com',
  'firebaserules.googleapis.com',
  'firestore.googleapis.com',
  'iam.googleapis.com',
  'logging.googleapis.com',
  'monitoring.googleapis.com',
  'run.googleapis.com',
  'secretmanager.googleapis.com',
  'sheets.googleapis.com',
];

/** The service accounts, one per role, and the project roles each holds (and why; docs/deploy.md lists them). */
export type Identity = RuntimeRole | 'scheduler' | 'build';
export const identities: Record<Identity, { suffix: string; title: string; projectRoles: Array<{ role: string; why: string }> }> = {
  'staff-api': {
    suffix: 'api',
    title: 'clientbase staff API',
    projectRoles: [{ role: 'roles/datastore.user', why: 'reads and writes the base for staff, after checking the caller and the roster' }],
  },
  jobs: {
    suffix: 'jobs',
    title: 'clientbase scheduled jobs',
    projectRoles: [{ role: 'roles/datastore.user', why: 'rotation, bonuses and overdue checks read and write the base' }],
  },
  'public-forms': {
    suffix: 'forms',
    title: 'clientbase sign-up and unsubscribe',
    projectRoles: [{ role: 'roles/datastore.user', why: 'records sign-ups and consent withdrawals' }],
  },
  scheduler: { suffix: 'scheduler', title: 'clientbase Cloud Scheduler caller', projectRoles: [] },
  build: {
    suffix: 'build',
    title: 'clientbase function builds',
    projectRoles: [
      { role: 'roles/logging.logWriter', why: 'writes the build logs' },
      { role: 'roles/artifactregistry.writer', why: 'stores the built function images' },
      { role: 'roles/storage.objectAdmin', why: 'reads the uploaded source and the build cache' },
    ],
  },
};

export const database = '(default)';
const secretNames: SecretName[] = ['unsubscribe-secret', 'sms-gateway-secret', 'esp-webhook-secret'];
const specLabel = 'clientbase-spec';
const alertPolicyName = 'clientbase: failed run, failed publish or overdue handover report';

export function serviceAccountEmail(config: DeployConfig, identity: Identity): string {
  return `${config.serviceAccountPrefix}-${identities[identity].suffix}@${config.project}.iam.gserviceaccount.com`;
}

/** The function's stable URL, known before it exists: it is the scheduler's target and the OIDC audience. */
export function functionUrl(config: DeployConfig, name: FunctionName): string {
  return `https://${config.region}-${config.project}.cloudfunctions.net/${name}`;
}

/** The function's Cloud Run service: from its description once it exists, else the name Cloud Functions gives it. */
export function runServiceOf(observed: Observed, name: FunctionName): string {
  return functionOf(observed, name)?.serviceConfig?.service?.split('/').pop() ?? name.toLowerCase();
}

type DescribedFunction = { name?: string; state?: string; labels?: Record<string, string>; serviceConfig?: { service?: string } };

/** One function from `functions list` (one read for all of them). */
function functionOf(observed: Observed, name: FunctionName): DescribedFunction | undefined {
  return ((observed.functions as DescribedFunction[] | undefined) ?? []).find((f) => f.name?.endsWith(`/functions/${name}`));
}

/** The last path segment of each listed resource's name: what exists. */
function listedNames(observed: Observed, key: string): Set<string> {
  return new Set(((observed[key] as Array<{ name?: string }> | undefined) ?? []).map((r) => r.name?.split('/').pop() ?? ''));
}

function project(config: DeployConfig): string {
  return `--project=${config.project}`;
}

/** `KEY=V,KEY=V`, switching gcloud's list delimiter when a value holds a comma (gcloud topic escaping). */
export function gcloudMap(entries: Array<[string, string]>): string {
  const plain = entries.map(([k, v]) => `${k}=${v}`);
  if (!plain.some((p) => p.includes(','))) return plain.join(',');
  const delimiter = ['|', '@', '#', '~'].find((d) => !plain.some((p) => p.includes(d)));
  if (!delimiter) throw new Error('an environment value holds every delimiter gcloud could use');
  return `^${delimiter}^${plain.join(delimiter)}`;
}

function secretEnv(config: DeployConfig, name: FunctionName): Array<[string, string]> {
  const refs: Array<[string, string]> = Object.entries(functionTable[name].secrets).map(([env, secret]) => [env, `${secret}:latest`]);
  const previous = config.secrets.unsubscribePreviousVersion;
  if (previous !== undefined && refs.some(([env]) => env === 'UNSUBSCRIBE_SECRET'))
    refs.push(['UNSUBSCRIBE_SECRET_PREVIOUS', `unsubscribe-secret:${previous}`]);
  return refs;
}

function plainEnv(config: DeployConfig, name: FunctionName): Array<[string, string]> {
  const common: Array<[string, string]> = [
    ['GOOGLE_CLOUD_PROJECT', config.project],
    ['LOG_LEVEL', 'info'],
  ];
  const byFunction: Record<FunctionName, Array<[string, string]>> = {
    api: [
      ['API_AUDIENCE', config.apiAudience],
      ['UNSUBSCRIBE_URL', functionUrl(config, 'unsubscribe')],
    ],
    rotation: jobEnv(config, 'rotation'),
    bonuses: jobEnv(config, 'bonuses'),
    overdueReports: jobEnv(config, 'overdueReports'),
    signup: [
      ['SIGNUP_ALLOWED_ORIGINS', config.signup.allowedOrigins.join(',')],
      ['SIGNUP_TRUSTED_PROXY_HOPS', String(config.signup.trustedProxyHops)],
      ...(config.signup.thanksUrl ? ([['SIGNUP_THANKS_URL', config.signup.thanksUrl]] as Array<[string, string]>) : []),
    ],
    unsubscribe: [['UNSUBSCRIBE_URL', functionUrl(config, 'unsubscribe')]],
  };
  return [...common, ...byFunction[name]];
}

function jobEnv(config: DeployConfig, name: FunctionName): Array<[string, string]> {
  return [
    ['SCHEDULER_AUDIENCE', functionUrl(config, name)],
    ['SCHEDULER_SERVICE_ACCOUNT', serviceAccountEmail(config, 'scheduler')],
    ['REPORTS_SPREADSHEET_ID', config.reportsSpreadsheetId],
  ];
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 24);
}

/** `gcloud functions deploy` for one function, without its spec label (the label is a digest of this and the source). */
function deployArgs(config: DeployConfig, name: FunctionName): string[] {
  const spec = functionTable[name];
  const secrets = secretEnv(config, name);
  return [
    'functions',
    'deploy',
    name,
    '--gen2',
    `--runtime=${runtime}`,
    `--region=${config.region}`,
    project(config),
    '--source=.',
    `--entry-point=${name}`,
    '--trigger-http',
    spec.invokers === 'anyone' ? '--allow-unauthenticated' : '--no-allow-unauthenticated',
    `--service-account=${serviceAccountEmail(config, spec.role)}`,
    `--build-service-account=projects/${config.project}/serviceAccounts/${serviceAccountEmail(config, 'build')}`,
    `--memory=${spec.memory}`,
    `--cpu=${spec.cpu}`,
    `--timeout=${spec.timeoutSeconds}s`,
    `--concurrency=${spec.concurrency}`,
    `--max-instances=${spec.maxInstances}`,
    `--set-env-vars=${gcloudMap(plainEnv(config, name))}`,
    ...(secrets.length > 0 ? [`--set-secrets=${gcloudMap(secrets)}`] : []),
  ];
}

type Policy = { bindings?: Array<{ role: string; members?: string[]; condition?: unknown }> };

function members(policy: Policy | undefined, role: string): string[] {
  return (policy?.bindings ?? []).filter((b) => b.role === role && b.condition === undefined).flatMap((b) => b.members ?? []);
}

function cronOf(config: DeployConfig, job: ScheduleName): string {
  return config.schedules[job] ?? scheduleTable[job].cron;
}

function schedulerArgs(config: DeployConfig, job: ScheduleName, verb: 'create' | 'update'): string[] {
  const spec = scheduleTable[job];
  const url = functionUrl(config, spec.function);
  return [
    'scheduler',
    'jobs',
    verb,
    'http',
    job,
    `--location=${config.region}`,
    project(config),
    `--schedule=${cronOf(config, job)}`,
    `--time-zone=${config.timeZone}`,
    `--uri=${url}`,
    '--http-method=POST',
    `--oidc-service-account-email=${serviceAccountEmail(config, 'scheduler')}`,
    `--oidc-token-audience=${url}`,
    `--attempt-deadline=${spec.attemptDeadlineSeconds}s`,
    `--max-retry-attempts=${spec.retries}`,
    `--min-backoff=${spec.minBackoffSeconds}s`,
    `--max-backoff=${spec.maxBackoffSeconds}s`,
    `--description=${spec.description}`,
  ];
}

type SchedulerJob = {
  schedule?: string;
  timeZone?: string;
  description?: string;
  attemptDeadline?: string;
  httpTarget?: { uri?: string; httpMethod?: string; oidcToken?: { serviceAccountEmail?: string; audience?: string } };
  retryConfig?: { retryCount?: number; minBackoffDuration?: string; maxBackoffDuration?: string };
};

/** Whether a described scheduler job already is what the plan wants. */
function schedulerJobIsRight(config: DeployConfig, job: ScheduleName, described: SchedulerJob): boolean {
  const spec = scheduleTable[job];
  const url = functionUrl(config, spec.function);
  return (
    described.schedule === cronOf(config, job) &&
    described.timeZone === config.timeZone &&
    described.description === spec.description &&
    described.attemptDeadline === `${spec.attemptDeadlineSeconds}s` &&
    described.httpTarget?.uri === url &&
    described.httpTarget?.httpMethod === 'POST' &&
    described.httpTarget?.oidcToken?.serviceAccountEmail === serviceAccountEmail(config, 'scheduler') &&
    described.httpTarget?.oidcToken?.audience === url &&
    described.retryConfig?.retryCount === spec.retries &&
    described.retryConfig?.minBackoffDuration === `${spec.minBackoffSeconds}s` &&
    described.retryConfig?.maxBackoffDuration === `${spec.maxBackoffSeconds}s`
  );
}

function fieldOrder(f: { order?: string; arrayConfig?: string }): string {
  return f.order ? `order=${f.order.toLowerCase()}` : `array-config=${f.arrayConfig?.toLowerCase()}`;
}

function indexKey(
  collectionGroup: string,
  queryScope: string,
  fields: Array<{ fieldPath: string; order?: string; arrayConfig?: string }>,
): string {
  // The API lists an index with the implicit __name__ field at the end; the file leaves it out.
  const own = fields.filter((f, i) => !(f.fieldPath === '__name__' && i === fields.length - 1));
  const fieldKeys = own.map((f) => `${f.fieldPath}:${(f.order ?? f.arrayConfig ?? '').toUpperCase()}`);
  return `${collectionGroup}|${queryScope.toUpperCase()}|${fieldKeys.join(',')}`;
}

const rulesApi = 'https://firebaserules.googleapis.com/v1';
/** Stands for the name the rulesets POST just answered; the runner puts the real one in. */
export const createdRuleset = '<the ruleset created above>';

/** The alert policy: any log entry a clientbase function marks with `alert` mails the admins (at most one mail per 30 minutes). */
function alertPolicy(config: DeployConfig, channels: string[]): Record<string, unknown> {
  const body = {
    displayName: alertPolicyName,
    combiner: 'OR',
    conditions: [
      {
        displayName: 'a clientbase log entry with an alert field',
        conditionMatchedLog: { filter: `resource.type="cloud_run_revision" AND jsonPayload.alert:* AND severity>=WARNING` },
      },
    ],
    alertStrategy: { notificationRateLimit: { period: '1800s' }, autoClose: '604800s' },
    documentation: {
      content: 'See the Alerts tab of the reports spreadsheet and docs/operations.md (a failed job, re-running a day).',
      mimeType: 'text/markdown',
    },
    notificationChannels: channels,
  };
  return { ...body, userLabels: { [specLabel]: hash({ ...body, project: config.project }) } };
}

type Channel = { name?: string; type?: string; labels?: { email_address?: string } };

/** The newest enabled version of a secret (gcloud lists the newest first). */
function secretVersionsRead(config: DeployConfig, secret: SecretName): Read {
  return {
    key: `secretVersions:${secret}`,
    kind: 'gcloud',
    args: ['secrets', 'versions', 'list', secret, '--filter=state:ENABLED', '--limit=1', project(config), '--format=json'],
  };
}

function functionsRead(config: DeployConfig): Read {
  return {
    key: 'functions',
    kind: 'gcloud',
    args: ['functions', 'list', `--regions=${config.region}`, '--v2', project(config), '--format=json'],
  };
}

export const phases: Phase[] = [
  {
    name: 'APIs',
    reads: ({ config }) => [{ key: 'services', kind: 'gcloud', args: ['services', 'list', '--enabled', project(config), '--format=json'] }],
    plan: ({ config }, observed) => {
      const enabled = new Set(((observed.services as Array<{ config?: { name?: string } }> | undefined) ?? []).map((s) => s.config?.name));
      const missing = requiredServices.filter((s) => !enabled.has(s));
      return missing.length === 0
        ? []
        : [
            {
              kind: 'gcloud',
              args: ['services', 'enable', ...missing, project(config)],
              why: 'turn on the Google APIs the installation uses',
            },
          ];
    },
  },
  {
    name: 'Firestore database, point-in-time recovery and delete protection',
    reads: ({ config }) => [
      {
        key: 'database',
        kind: 'gcloud',
        args: ['firestore', 'databases', 'describe', `--database=${database}`, project(config), '--format=json'],
      },
    ],
    plan: ({ config }, observed) => {
      const db = observed.database as { type?: string; pointInTimeRecoveryEnablement?: string; deleteProtectionState?: string } | undefined;
      if (!db) {
        return [
          {
            kind: 'gcloud',
            args: [
              'firestore',
              'databases',
              'create',
              `--database=${database}`,
              `--location=${config.firestoreLocation}`,
              '--type=firestore-native',
              '--enable-pitr',
              '--delete-protection',
              project(config),
            ],
            why: 'the database, with 7 days of point-in-time recovery and protection against deletion',
          },
        ];
      }
      if (db.type !== undefined && db.type !== 'FIRESTORE_NATIVE')
        throw new Error(`the project's database is in ${db.type} mode; clientbase needs Firestore in Native mode (use another project)`);
      const flags = [
        ...(db.pointInTimeRecoveryEnablement === 'POINT_IN_TIME_RECOVERY_ENABLED' ? [] : ['--enable-pitr']),
        ...(db.deleteProtectionState === 'DELETE_PROTECTION_ENABLED' ? [] : ['--delete-protection']),
      ];
      return flags.length === 0
        ? []
        : [
            {
              kind: 'gcloud',
              args: ['firestore', 'databases', 'update', `--database=${database}`, ...flags, project(config)],
              why: 'turn on point-in-time recovery and delete protection',
            },
          ];
    },
  },
  {
    name: 'Daily backups',
    reads: ({ config }) => [
      {
        key: 'backupSchedules',
        kind: 'gcloud',
        args: ['firestore', 'backups', 'schedules', 'list', `--database=${database}`, project(config), '--format=json'],
      },
    ],
    plan: ({ config }, observed) => {
      const schedules =
        (observed.backupSchedules as Array<{ name?: string; retention?: string; dailyRecurrence?: unknown }> | undefined) ?? [];
      const daily = schedules.find((s) => s.dailyRecurrence !== undefined);
      const retention = `${config.backups.retentionDays}d`;
      if (!daily)
        return [
          {
            kind: 'gcloud',
            args: [
              'firestore',
              'backups',
              'schedules',
              'create',
              `--database=${database}`,
              '--recurrence=daily',
              `--retention=${retention}`,
              project(config),
            ],
            why: `a backup every day, each kept ${config.backups.retentionDays} days`,
          },
        ];
      if (daily.retention === `${config.backups.retentionDays * 86_400}s`) return [];
      const id = daily.name?.split('/').pop() ?? '';
      return [
        {
          kind: 'gcloud',
          args: [
            'firestore',
            'backups',
            'schedules',
            'update',
            `--database=${database}`,
            `--backup-schedule=${id}`,
            `--retention=${retention}`,
            project(config),
          ],
          why: `keep each daily backup ${config.backups.retentionDays} days`,
        },
      ];
    },
  },
  {
    name: 'Firestore indexes and field settings (firestore.indexes.json)',
    reads: ({ config, indexes }) => [
      {
        key: 'indexes',
        kind: 'gcloud',
        args: ['firestore', 'indexes', 'composite', 'list', `--database=${database}`, project(config), '--format=json'],
      },
      ...(indexes.fieldOverrides ?? []).map((f) => ({
        key: `field:${f.collectionGroup}/${f.fieldPath}`,
        kind: 'gcloud' as const,
        args: [
          'firestore',
          'indexes',
          'fields',
          'describe',
          f.fieldPath,
          `--collection-group=${f.collectionGroup}`,
          `--database=${database}`,
          project(config),
          '--format=json',
        ],
      })),
    ],
    plan: ({ config, indexes }, observed) => {
      const existing = new Set(
        (
          (observed.indexes as
            | Array<{ name?: string; queryScope?: string; fields?: Array<{ fieldPath: string; order?: string; arrayConfig?: string }> }>
            | undefined) ?? []
        ).map((i) => indexKey(/collectionGroups\/([^/]+)\//.exec(i.name ?? '')?.[1] ?? '', i.queryScope ?? '', i.fields ?? [])),
      );
      const steps: Step[] = indexes.indexes
        .filter((i) => !existing.has(indexKey(i.collectionGroup, i.queryScope, i.fields)))
        .map((i) => ({
          kind: 'gcloud',
          args: [
            'firestore',
            'indexes',
            'composite',
            'create',
            `--database=${database}`,
            `--collection-group=${i.collectionGroup}`,
            `--query-scope=${i.queryScope.toLowerCase()}`,
            ...i.fields.map((f) => `--field-config=field-path=${f.fieldPath},${fieldOrder(f)}`),
            '--async',
            project(config),
          ],
          why: `index for the ${i.collectionGroup} queries on ${i.fields.map((f) => f.fieldPath).join(', ')} (builds in the background)`,
        }));
      for (const f of indexes.fieldOverrides ?? []) {
        const described = observed[`field:${f.collectionGroup}/${f.fieldPath}`] as
          | { ttlConfig?: { state?: string }; indexConfig?: { usesAncestorConfig?: boolean; indexes?: unknown[] } }
          | undefined;
        const where = [f.fieldPath, `--collection-group=${f.collectionGroup}`, `--database=${database}`];
        if (f.ttl && !['ACTIVE', 'CREATING'].includes(described?.ttlConfig?.state ?? '')) {
          steps.push({
            kind: 'gcloud',
            args: ['firestore', 'fields', 'ttls', 'update', ...where, '--enable-ttl', '--async', project(config)],
            why: `delete ${f.collectionGroup} documents once their ${f.fieldPath} has passed`,
          });
        }
        const exempt = described?.indexConfig?.usesAncestorConfig === false && (described.indexConfig.indexes ?? []).length === 0;
        if (f.indexes !== undefined && f.indexes.length === 0 && !exempt) {
          steps.push({
            kind: 'gcloud',
            args: ['firestore', 'indexes', 'fields', 'update', ...where, '--disable-indexes', '--async', project(config)],
            why: `no single-field indexes on ${f.collectionGroup}.${f.fieldPath} (written often, never queried)`,
          });
        }
      }
      return steps;
    },
  },
  {
    name: 'Firestore security rules (firestore.rules)',
    reads: ({ config }) => [{ key: 'rulesRelease', kind: 'rules', url: `${rulesApi}/projects/${config.project}/releases/cloud.firestore` }],
    plan: () => [],
  },
  {
    name: 'Firestore security rules (firestore.rules)',
    reads: (_input, observed) => {
      const ruleset = (observed.rulesRelease as { rulesetName?: string } | undefined)?.rulesetName;
      return ruleset ? [{ key: 'ruleset', kind: 'rules', url: `${rulesApi}/${ruleset}` }] : [];
    },
    plan: ({ config, rulesSource }, observed) => {
      const deployed = (observed.ruleset as { source?: { files?: Array<{ content?: string }> } } | undefined)?.source?.files
        ?.map((f) => f.content ?? '')
        .join('');
      if (observed.rulesRelease !== undefined && deployed === rulesSource) return [];
      const release = `projects/${config.project}/releases/cloud.firestore`;
      return [
        {
          kind: 'rules',
          method: 'POST',
          url: `${rulesApi}/projects/${config.project}/rulesets`,
          body: { source: { files: [{ name: 'firestore.rules', content: rulesSource }] } },
          why: 'upload firestore.rules as a new ruleset',
        },
        observed.rulesRelease === undefined
          ? {
              kind: 'rules',
              method: 'POST',
              url: `${rulesApi}/projects/${config.project}/releases`,
              body: { name: release, rulesetName: createdRuleset },
              why: 'put it in force for Firestore',
            }
          : {
              kind: 'rules',
              method: 'PATCH',
              url: `${rulesApi}/${release}`,
              body: { release: { name: release, rulesetName: createdRuleset } },
              why: 'put it in force for Firestore',
            },
      ];
    },
  },
  {
    name: 'Service accounts, one per role',
    reads: ({ config }) => [
      { key: 'serviceAccounts', kind: 'gcloud', args: ['iam', 'service-accounts', 'list', project(config), '--format=json'] },
    ],
    plan: ({ config }, observed) =>
      (Object.keys(identities) as Identity[])
        .filter(
          (id) =>
            !((observed.serviceAccounts as Array<{ email?: string }> | undefined) ?? []).some(
              (a) => a.email === serviceAccountEmail(config, id),
            ),
        )
        .map((id) => ({
          kind: 'gcloud',
          args: [
            'iam',
            'service-accounts',
            'create',
            `${config.serviceAccountPrefix}-${identities[id].suffix}`,
            `--display-name=${identities[id].title}`,
            project(config),
          ],
          why: `the identity of ${identities[id].title}`,
        })),
  },
  {
    name: 'Project roles of the service accounts',
    reads: ({ config }) => [
      { key: 'projectPolicy', kind: 'gcloud', args: ['projects', 'get-iam-policy', config.project, '--format=json'] },
    ],
    plan: ({ config }, observed) => {
      const policy = observed.projectPolicy as Policy | undefined;
      const steps: Step[] = [];
      for (const id of Object.keys(identities) as Identity[]) {
        const member = `serviceAccount:${serviceAccountEmail(config, id)}`;
        const wanted = new Set(identities[id].projectRoles.map((r) => r.role));
        for (const { role, why } of identities[id].projectRoles) {
          if (!members(policy, role).includes(member))
            steps.push({
              kind: 'gcloud',
              args: ['projects', 'add-iam-policy-binding', config.project, `--member=${member}`, `--role=${role}`, '--condition=None'],
              why,
            });
        }
        // Least privilege is kept, not only granted: a role someone added by hand is taken away again.
        for (const b of policy?.bindings ?? []) {
          if (b.condition === undefined && !wanted.has(b.role) && (b.members ?? []).includes(member)) {
            steps.push({
              kind: 'gcloud',
              args: ['projects', 'remove-iam-policy-binding', config.project, `--member=${member}`, `--role=${b.role}`, '--condition=None'],
              why: `${identities[id].title} does not need ${b.role}`,
            });
          }
        }
      }
      return steps;
    },
  },
  {
    name: 'Secrets (Secret Manager)',
    reads: ({ config }) => [
      { key: 'secrets', kind: 'gcloud', args: ['secrets', 'list', project(config), '--format=json'] },
      ...secretNames.flatMap((s) => [
        secretVersionsRead(config, s),
        { key: `secretPolicy:${s}`, kind: 'gcloud' as const, args: ['secrets', 'get-iam-policy', s, project(config), '--format=json'] },
      ]),
    ],
    plan: ({ config }, observed) => {
      const steps: Step[] = [];
      const existing = listedNames(observed, 'secrets');
      for (const s of secretNames) {
        if (!existing.has(s))
          steps.push({
            kind: 'gcloud',
            args: ['secrets', 'create', s, '--replication-policy=automatic', project(config)],
            why: `the secret ${s}`,
          });
        if (((observed[`secretVersions:${s}`] as unknown[] | undefined) ?? []).length === 0) {
          steps.push({
            kind: 'gcloud',
            args: ['secrets', 'versions', 'add', s, '--data-file=-', project(config)],
            why: `a random first value for ${s} (read it with gcloud secrets versions access latest --secret=${s})`,
            stdin: { randomBytes: 32 },
          });
        }
        const readers = new Set(
          functionNames
            .filter((f) => Object.values(functionTable[f].secrets).includes(s))
            .map((f) => serviceAccountEmail(config, functionTable[f].role)),
        );
        const granted = members(observed[`secretPolicy:${s}`] as Policy | undefined, 'roles/secretmanager.secretAccessor');
        for (const email of [...readers].sort()) {
          if (!granted.includes(`serviceAccount:${email}`)) {
            steps.push({
              kind: 'gcloud',
              args: [
                'secrets',
                'add-iam-policy-binding',
                s,
                `--member=serviceAccount:${email}`,
                '--role=roles/secretmanager.secretAccessor',
                project(config),
              ],
              why: `only the functions that use ${s} may read it`,
            });
          }
        }
      }
      return steps;
    },
  },
  {
    name: 'Functions (Cloud Run functions, 2nd gen)',
    // The secrets' latest versions, read again now that the secrets phase has added any missing.
    reads: ({ config }) => [functionsRead(config), ...secretNames.map((s) => secretVersionsRead(config, s))],
    plan: ({ config, sourceDigest }, observed) =>
      functionNames.flatMap((f) => {
        const args = deployArgs(config, f);
        // A function reads `:latest` when an instance starts: a new secret version (a rotation) redeploys the functions using it.
        const versions = Object.values(functionTable[f].secrets).map(
          (s) => ((observed[`secretVersions:${s}`] as Array<{ name?: string }> | undefined) ?? [])[0]?.name ?? 'none',
        );
        const label =
          sourceDigest === undefined
            ? '<digest of these flags, the source and the secret versions>'
            : hash({ args, sourceDigest, versions });
        const described = functionOf(observed, f);
        if (described?.state === 'ACTIVE' && described.labels?.[specLabel] === label) return [];
        return [
          {
            kind: 'gcloud' as const,
            args: [...args, `--update-labels=${specLabel}=${label}`, '--quiet'],
            why: `${f}: ${functionTable[f].invokers === 'anyone' ? 'public; it checks every caller' : 'only the scheduler may call it'}`,
          },
        ];
      }),
  },
  {
    name: 'Functions (Cloud Run functions, 2nd gen)',
    // Read again after the deploys: a new function's Cloud Run service now exists.
    reads: ({ config }) => [functionsRead(config)],
    plan: () => [],
  },
  {
    name: 'Who may call each function, and CPU for the api',
    reads: ({ config }, observed) => [
      {
        key: 'runService:api',
        kind: 'gcloud',
        args: ['run', 'services', 'describe', runServiceOf(observed, 'api'), `--region=${config.region}`, project(config), '--format=json'],
      },
      ...functionNames.map((f) => ({
        key: `invokers:${f}`,
        kind: 'gcloud' as const,
        args: [
          'run',
          'services',
          'get-iam-policy',
          runServiceOf(observed, f),
          `--region=${config.region}`,
          project(config),
          '--format=json',
        ],
      })),
    ],
    plan: ({ config }, observed) => {
      const steps: Step[] = [];
      const api = observed['runService:api'] as
        | { spec?: { template?: { metadata?: { annotations?: Record<string, string> } } } }
        | undefined;
      if (api?.spec?.template?.metadata?.annotations?.['run.googleapis.com/cpu-throttling'] !== 'false') {
        steps.push({
          kind: 'gcloud',
          args: [
            'run',
            'services',
            'update',
            runServiceOf(observed, 'api'),
            `--region=${config.region}`,
            '--no-cpu-throttling',
            project(config),
            '--quiet',
          ],
          why: 'api: keep CPU after the answer, for the 202 jobs (a function redeploy resets it)',
        });
      }
      const scheduler = `serviceAccount:${serviceAccountEmail(config, 'scheduler')}`;
      for (const f of functionNames) {
        const service = runServiceOf(observed, f);
        const invokers = members(observed[`invokers:${f}`] as Policy | undefined, 'roles/run.invoker');
        const wanted = functionTable[f].invokers === 'anyone' ? 'allUsers' : scheduler;
        const where = [`--region=${config.region}`, project(config)];
        if (!invokers.includes(wanted))
          steps.push({
            kind: 'gcloud',
            args: ['run', 'services', 'add-iam-policy-binding', service, `--member=${wanted}`, '--role=roles/run.invoker', ...where],
            why: `${f}: ${wanted === 'allUsers' ? 'public' : 'the scheduler may call it'}`,
          });
        if (functionTable[f].invokers === 'scheduler') {
          for (const other of invokers.filter((m) => m !== scheduler)) {
            steps.push({
              kind: 'gcloud',
              args: ['run', 'services', 'remove-iam-policy-binding', service, `--member=${other}`, '--role=roles/run.invoker', ...where],
              why: `${f}: nobody but the scheduler may call it`,
            });
          }
        }
      }
      return steps;
    },
  },
  {
    name: 'Cloud Scheduler jobs (company time zone, OIDC token of the scheduler account)',
    reads: ({ config }) => [
      {
        key: 'schedulerJobs',
        kind: 'gcloud',
        args: ['scheduler', 'jobs', 'list', `--location=${config.region}`, project(config), '--format=json'],
      },
    ],
    plan: ({ config }, observed) =>
      (Object.keys(scheduleTable) as ScheduleName[]).flatMap((j) => {
        const described = ((observed.schedulerJobs as Array<SchedulerJob & { name?: string }> | undefined) ?? []).find((d) =>
          d.name?.endsWith(`/jobs/${j}`),
        );
        if (described && schedulerJobIsRight(config, j, described)) return [];
        return [
          {
            kind: 'gcloud' as const,
            args: schedulerArgs(config, j, described ? 'update' : 'create'),
            why: `${scheduleTable[j].function} at "${cronOf(config, j)}" ${config.timeZone}`,
          },
        ];
      }),
  },
  {
    name: 'Alert e-mails (Cloud Monitoring)',
    reads: ({ config }) => [
      { key: 'channels', kind: 'gcloud', args: ['beta', 'monitoring', 'channels', 'list', project(config), '--format=json'] },
    ],
    plan: ({ config }, observed) => {
      const channels = (observed.channels as Channel[] | undefined) ?? [];
      return config.alertEmails
        .filter((email) => !channels.some((c) => c.type === 'email' && c.labels?.email_address === email))
        .map((email) => ({
          kind: 'gcloud',
          args: [
            'beta',
            'monitoring',
            'channels',
            'create',
            '--type=email',
            `--display-name=clientbase alerts: ${email}`,
            `--channel-labels=email_address=${email}`,
            project(config),
          ],
          why: `alerts reach ${email} by e-mail`,
        }));
    },
  },
  {
    name: 'Alert e-mails (Cloud Monitoring)',
    reads: ({ config }) => [
      { key: 'channels', kind: 'gcloud', args: ['beta', 'monitoring', 'channels', 'list', project(config), '--format=json'] },
      { key: 'alertPolicies', kind: 'gcloud', args: ['alpha', 'monitoring', 'policies', 'list', project(config), '--format=json'] },
    ],
    plan: ({ config }, observed) => {
      const channels = (observed.channels as Channel[] | undefined) ?? [];
      const names = config.alertEmails.map(
        (email) =>
          channels.find((c) => c.type === 'email' && c.labels?.email_address === email)?.name ?? `<the channel created above for ${email}>`,
      );
      const wanted = alertPolicy(config, names);
      const existing = (
        (observed.alertPolicies as Array<{ name?: string; displayName?: string; userLabels?: Record<string, string> }> | undefined) ?? []
      ).find((p) => p.displayName === alertPolicyName);
      const label = (wanted.userLabels as Record<string, string>)[specLabel];
      if (existing?.userLabels?.[specLabel] === label) return [];
      const json = JSON.stringify(wanted);
      return [
        existing?.name
          ? {
              kind: 'gcloud',
              args: ['alpha', 'monitoring', 'policies', 'update', existing.name, `--policy=${json}`, project(config)],
              why: 'mail the admins when a run fails, a publish fails or a handover report is overdue',
            }
          : {
              kind: 'gcloud',
              args: ['alpha', 'monitoring', 'policies', 'create', `--policy=${json}`, project(config)],
              why: 'mail the admins when a run fails, a publish fails or a handover report is overdue',
            },
      ];
    },
  },
];

/** The whole sequence for a project where nothing exists yet: what `--dry-run` prints. */
export function freshPlan(input: PlanInput): Array<{ phase: string; steps: Step[] }> {
  return phases.map((p) => ({ phase: p.name, steps: p.plan(input, {}) }));
}
