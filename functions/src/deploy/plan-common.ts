import { createHash } from 'node:crypto';
import type { DeployConfig } from '../schema/deploy-config.ts';
import type { FunctionName, RuntimeRole, SecretName } from './function-table.ts';
import type { Observed, Read } from './plan-types.ts';

// What every phase of the deploy plan shares: the names of things, the service accounts, gcloud's ways.

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
  // --verify opens the reports spreadsheet as the jobs' account (gcloud --impersonate-service-account).
  'iamcredentials.googleapis.com',
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
  signup: {
    suffix: 'signup',
    title: 'clientbase public sign-up',
    projectRoles: [{ role: 'roles/datastore.user', why: 'records sign-ups and their pending consents' }],
  },
  unsubscribe: {
    suffix: 'unsubscribe',
    title: 'clientbase unsubscribe and gateway reports',
    projectRoles: [{ role: 'roles/datastore.user', why: 'records confirmations, withdrawals and dead contacts' }],
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
export const secretNames: SecretName[] = ['unsubscribe-secret', 'sms-gateway-secret', 'esp-webhook-secret'];
export const specLabel = 'clientbase-spec';

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
export function functionOf(observed: Observed, name: FunctionName): DescribedFunction | undefined {
  return ((observed.functions as DescribedFunction[] | undefined) ?? []).find((f) => f.name?.endsWith(`/functions/${name}`));
}

/** The last path segment of each listed resource's name: what exists. */
export function listedNames(observed: Observed, key: string): Set<string> {
  return new Set(((observed[key] as Array<{ name?: string }> | undefined) ?? []).map((r) => r.name?.split('/').pop() ?? ''));
}

export function project(config: DeployConfig): string {
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

export function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 24);
}

export type Policy = { bindings?: Array<{ role: string; members?: string[]; condition?: unknown }> };

export function members(policy: Policy | undefined, role: string): string[] {
  return (policy?.bindings ?? []).filter((b) => b.role === role && b.condition === undefined).flatMap((b) => b.members ?? []);
}

export const rulesApi = 'https://firebaserules.googleapis.com/v1';
/** Stands for the name the rulesets POST just answered; the runner puts the real one in. */
export const createdRuleset = '<the ruleset created above>';

/** The newest enabled version of a secret (gcloud lists the newest first). */
export function secretVersionsRead(config: DeployConfig, secret: SecretName): Read {
  return {
    key: `secretVersions:${secret}`,
    kind: 'gcloud',
    args: ['secrets', 'versions', 'list', secret, '--filter=state:ENABLED', '--limit=1', project(config), '--format=json'],
  };
}

export function functionsRead(config: DeployConfig): Read {
  return {
    key: 'functions',
    kind: 'gcloud',
    args: ['functions', 'list', `--regions=${config.region}`, '--v2', project(config), '--format=json'],
  };
}
