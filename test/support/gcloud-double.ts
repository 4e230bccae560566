// A test double of the `gcloud` command line, run as an executable (`gcloud` on the PATH is a
// one-line script calling this file). It keeps the project it pretends to manage in a JSON state
// file (GCLOUD_DOUBLE_STATE), answers describe/list/get-iam-policy from it in the JSON shapes the
// real gcloud prints with --format=json, applies creates and updates to it, refuses flags the real
// command does not have, and appends every call to GCLOUD_DOUBLE_CALLS (one JSON line each).
import { appendFileSync, existsSync, readFileSync, readSync, writeFileSync } from 'node:fs';

type Binding = { role: string; members: string[] };
type Policy = { bindings: Binding[]; etag: string };
export type GcloudDoubleState = {
  projectNumber: string;
  services: string[];
  database?: { name: string; locationId: string; type: string; pointInTimeRecoveryEnablement: string; deleteProtectionState: string };
  backupSchedules: Array<{ name: string; retention: string; dailyRecurrence?: Record<string, never> }>;
  indexes: Array<{ name: string; queryScope: string; fields: Array<{ fieldPath: string; order?: string }>; state: string }>;
  fields: Record<
    string,
    { name: string; indexConfig: { usesAncestorConfig: boolean; indexes?: unknown[] }; ttlConfig?: { state: string } }
  >;
  serviceAccounts: Record<string, { email: string; displayName: string }>;
  projectPolicy: Policy;
  secrets: Record<string, { name: string; versions: Array<{ name: string; state: string }>; policy: Policy }>;
  functions: Record<
    string,
    {
      name: string;
      state: string;
      labels: Record<string, string>;
      serviceConfig: { service: string; serviceAccountEmail: string; environmentVariables: Record<string, string> };
    }
  >;
  runServices: Record<
    string,
    {
      metadata: { name: string; annotations?: Record<string, string> };
      spec: { template: { metadata: { annotations: Record<string, string> } } };
      policy: Policy;
    }
  >;
  schedulerJobs: Record<string, Record<string, unknown>>;
  channels: Array<{ name: string; type: string; displayName: string; labels: Record<string, string> }>;
  policies: Array<Record<string, unknown> & { name: string }>;
  /** How `scheduler jobs run` ends: the status its job record shows afterwards (none: it succeeded). */
  schedulerRunStatus?: { code: number; message: string };
  /** The next this-many calls to Cloud Scheduler fail as an API just turned on does. */
  schedulerWarmingUp?: number;
};

export function emptyProject(): GcloudDoubleState {
  return {
    projectNumber: '123456789',
    services: [],
    backupSchedules: [],
    indexes: [],
    fields: {},
    serviceAccounts: {},
    projectPolicy: { bindings: [], etag: 'e0' },
    secrets: {},
    functions: {},
    runServices: {},
    schedulerJobs: {},
    channels: [],
    policies: [],
  };
}

class Exit extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

const notFound = (what: string) => new Exit(1, `ERROR: (gcloud) NOT_FOUND: ${what} was not found.`);

function parse(argv: string[]): { words: string[]; flags: Map<string, string[]> } {
  const words: string[] = [];
  const flags = new Map<string, string[]>();
  for (const a of argv) {
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq < 0 ? a.slice(2) : a.slice(2, eq);
      flags.set(key, [...(flags.get(key) ?? []), eq < 0 ? 'true' : a.slice(eq + 1)]);
    } else words.push(a);
  }
  return { words, flags };
}

/** gcloud's list flags: `a=1,b=2`, or `^D^a=1Db=2` with a chosen delimiter. */
function map(value: string | undefined): Record<string, string> {
  if (!value) return {};
  let delimiter = ',';
  let body = value;
  const custom = /^\^(.)\^/.exec(value);
  if (custom) {
    delimiter = custom[1]!;
    body = value.slice(3);
  }
  return Object.fromEntries(body.split(delimiter).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

function seconds(value: string): string {
  const m = /^(\d+)([smhd]?)$/.exec(value);
  if (!m) throw new Exit(2, `ERROR: invalid duration ${value}`);
  return `${Number(m[1]) * ({ s: 1, m: 60, h: 3600, d: 86400, '': 1 } as Record<string, number>)[m[2]!]!}s`;
}

function addBinding(policy: Policy, role: string, member: string): void {
  let binding = policy.bindings.find((b) => b.role === role);
  if (!binding) policy.bindings.push((binding = { role, members: [] }));
  if (!binding.members.includes(member)) binding.members.push(member);
}

function removeBinding(policy: Policy, role: string, member: string): void {
  const binding = policy.bindings.find((b) => b.role === role);
  if (!binding?.members.includes(member))
    throw new Exit(1, `ERROR: Policy binding with the specified principal, role, and condition not found!`);
  binding.members = binding.members.filter((m) => m !== member);
}

/** Each command the double knows, with the flags the real one accepts (checked against `gcloud ... --help`). */
const gcloudWide = ['project', 'format', 'quiet'];
const commands: Record<
  string,
  {
    flags: string[];
    run: (
      s: GcloudDoubleState,
      words: string[],
      f: (k: string) => string | undefined,
      all: (k: string) => string[],
      stdin: string,
    ) => unknown;
  }
> = {
  'auth print-access-token': {
    flags: ['impersonate-service-account', 'scopes'],
    run: (_s, _w, f) =>
      f('impersonate-service-account') ? `double-access-token-as:${f('impersonate-service-account')}` : 'double-access-token',
  },
  'auth print-identity-token': { flags: ['audiences'], run: () => 'double-identity-token' },
  'services list': {
    flags: ['enabled'],
    run: (s) => s.services.map((name) => ({ config: { name }, name: `projects/${s.projectNumber}/services/${name}`, state: 'ENABLED' })),
  },
  'services enable': {
    flags: ['async'],
    run: (s, words) => {
      for (const name of words) if (!s.services.includes(name)) s.services.push(name);
    },
  },
  'firestore databases describe': {
    flags: ['database'],
    run: (s) => s.database ?? Promise.reject(notFound('database (default)')),
  },
  'firestore databases create': {
    flags: ['database', 'location', 'type', 'enable-pitr', 'delete-protection', 'edition', 'kms-key-name'],
    run: (s, _w, f) => {
      if (s.database) throw new Exit(1, 'ERROR: ALREADY_EXISTS: Database already exists.');
      s.database = {
        name: `projects/p/databases/${f('database')}`,
        locationId: f('location')!,
        type: f('type') === 'firestore-native' ? 'FIRESTORE_NATIVE' : 'DATASTORE_MODE',
        pointInTimeRecoveryEnablement: f('enable-pitr') ? 'POINT_IN_TIME_RECOVERY_ENABLED' : 'POINT_IN_TIME_RECOVERY_DISABLED',
        deleteProtectionState: f('delete-protection') ? 'DELETE_PROTECTION_ENABLED' : 'DELETE_PROTECTION_DISABLED',
      };
    },
  },
  'firestore databases update': {
    flags: ['database', 'enable-pitr', 'delete-protection', 'async', 'type'],
    run: (s, _w, f) => {
      if (!s.database) throw notFound('database');
      if (f('enable-pitr')) s.database.pointInTimeRecoveryEnablement = 'POINT_IN_TIME_RECOVERY_ENABLED';
      if (f('delete-protection')) s.database.deleteProtectionState = 'DELETE_PROTECTION_ENABLED';
    },
  },
  'firestore backups schedules list': { flags: ['database'], run: (s) => s.backupSchedules },
  'firestore backups schedules create': {
    flags: ['database', 'retention', 'recurrence', 'day-of-week'],
    run: (s, _w, f) =>
      void s.backupSchedules.push({
        name: `projects/p/databases/(default)/backupSchedules/s${s.backupSchedules.length + 1}`,
        retention: seconds(f('retention')!),
        ...(f('recurrence') === 'daily' ? { dailyRecurrence: {} } : {}),
      }),
  },
  'firestore backups schedules update': {
    flags: ['database', 'backup-schedule', 'retention'],
    run: (s, _w, f) => {
      const schedule = s.backupSchedules.find((b) => b.name.endsWith(`/${f('backup-schedule')}`));
      if (!schedule) throw notFound('backup schedule');
      schedule.retention = seconds(f('retention')!);
    },
  },
  'firestore indexes composite list': { flags: ['database'], run: (s) => s.indexes },
  'firestore indexes composite create': {
    flags: ['database', 'collection-group', 'query-scope', 'field-config', 'async', 'api-scope', 'density', 'multikey'],
    run: (s, _w, f, all) => {
      const fields = all('field-config').map((c) => {
        const kv = map(c);
        return { fieldPath: kv['field-path']!, ...(kv.order ? { order: kv.order.toUpperCase() } : {}) };
      });
      s.indexes.push({
        name: `projects/p/databases/(default)/collectionGroups/${f('collection-group')}/indexes/i${s.indexes.length + 1}`,
        queryScope: f('query-scope')!.toUpperCase(),
        fields: [...fields, { fieldPath: '__name__', order: 'ASCENDING' }],
        state: 'CREATING',
      });
    },
  },
  'firestore indexes fields describe': {
    flags: ['collection-group', 'database'],
    run: (s, words, f) =>
      s.fields[`${f('collection-group')}/${words[0]}`] ?? {
        name: `projects/p/databases/(default)/collectionGroups/${f('collection-group')}/fields/${words[0]}`,
        indexConfig: { usesAncestorConfig: true, indexes: [{}] },
      },
  },
  'firestore indexes fields update': {
    flags: ['collection-group', 'database', 'disable-indexes', 'clear-exemption', 'index', 'async'],
    run: (s, words, f) => {
      const key = `${f('collection-group')}/${words[0]}`;
      s.fields[key] = { ...(s.fields[key] ?? { name: key }), indexConfig: { usesAncestorConfig: false } };
    },
  },
  'firestore fields ttls update': {
    flags: ['collection-group', 'database', 'enable-ttl', 'disable-ttl', 'async'],
    run: (s, words, f) => {
      const key = `${f('collection-group')}/${words[0]}`;
      s.fields[key] = {
        ...(s.fields[key] ?? { name: key, indexConfig: { usesAncestorConfig: true, indexes: [{}] } }),
        ttlConfig: { state: 'CREATING' },
      };
    },
  },
  'iam service-accounts list': { flags: ['filter', 'limit'], run: (s) => Object.values(s.serviceAccounts) },
  'iam service-accounts describe': {
    flags: [],
    run: (s, words) => s.serviceAccounts[words[0]!] ?? Promise.reject(notFound(`service account ${words[0]}`)),
  },
  'iam service-accounts create': {
    flags: ['display-name', 'description'],
    run: (s, words, f) => {
      const email = `${words[0]}@${f('project')}.iam.gserviceaccount.com`;
      if (s.serviceAccounts[email]) throw new Exit(1, 'ERROR: ALREADY_EXISTS');
      s.serviceAccounts[email] = { email, displayName: f('display-name') ?? '' };
    },
  },
  'projects get-iam-policy': { flags: [], run: (s) => s.projectPolicy },
  'projects add-iam-policy-binding': {
    flags: ['member', 'role', 'condition'],
    run: (s, _w, f) => addBinding(s.projectPolicy, f('role')!, f('member')!),
  },
  'projects remove-iam-policy-binding': {
    flags: ['member', 'role', 'condition', 'all'],
    run: (s, _w, f) => removeBinding(s.projectPolicy, f('role')!, f('member')!),
  },
  'secrets list': {
    flags: ['filter', 'limit', 'location'],
    run: (s) => Object.values(s.secrets).map((x) => ({ name: x.name, replication: { automatic: {} } })),
  },
  'secrets describe': {
    flags: ['location'],
    run: (s, words) =>
      s.secrets[words[0]!]
        ? { name: s.secrets[words[0]!]!.name, replication: { automatic: {} } }
        : Promise.reject(notFound(`secret ${words[0]}`)),
  },
  'secrets versions list': {
    flags: ['filter', 'limit', 'location'],
    run: (s, words) =>
      s.secrets[words[0]!]
        ? s.secrets[words[0]!]!.versions.filter((v) => v.state === 'ENABLED')
            .reverse()
            .slice(0, 1)
        : Promise.reject(notFound(`secret ${words[0]}`)),
  },
  'secrets get-iam-policy': {
    flags: ['location'],
    run: (s, words) => (s.secrets[words[0]!] ? s.secrets[words[0]!]!.policy : Promise.reject(notFound(`secret ${words[0]}`))),
  },
  'secrets create': {
    flags: ['replication-policy', 'data-file', 'labels', 'locations'],
    run: (s, words) => {
      if (s.secrets[words[0]!]) throw new Exit(1, 'ERROR: ALREADY_EXISTS');
      s.secrets[words[0]!] = {
        name: `projects/${s.projectNumber}/secrets/${words[0]}`,
        versions: [],
        policy: { bindings: [], etag: 'e0' },
      };
    },
  },
  'secrets versions add': {
    flags: ['data-file', 'location'],
    run: (s, words, f, _all, stdin) => {
      const secret = s.secrets[words[0]!];
      if (!secret) throw notFound('secret');
      if (f('data-file') !== '-' || stdin.length < 32)
        throw new Exit(1, 'ERROR: the double expects the value on stdin, at least 32 characters');
      secret.versions.push({ name: `${secret.name}/versions/${secret.versions.length + 1}`, state: 'ENABLED' });
    },
  },
  'secrets add-iam-policy-binding': {
    flags: ['member', 'role', 'condition', 'location'],
    run: (s, words, f) => {
      const secret = s.secrets[words[0]!];
      if (!secret) throw notFound('secret');
      addBinding(secret.policy, f('role')!, f('member')!);
    },
  },
  'functions list': { flags: ['regions', 'v2', 'filter', 'limit'], run: (s) => Object.values(s.functions) },
  'functions describe': {
    flags: ['region', 'gen2'],
    run: (s, words) => s.functions[words[0]!] ?? Promise.reject(notFound(`function ${words[0]}`)),
  },
  'functions deploy': {
    flags: [
      'gen2',
      'runtime',
      'region',
      'source',
      'entry-point',
      'trigger-http',
      'allow-unauthenticated',
      'no-allow-unauthenticated',
      'service-account',
      'build-service-account',
      'memory',
      'cpu',
      'timeout',
      'concurrency',
      'max-instances',
      'min-instances',
      'set-env-vars',
      'set-secrets',
      'clear-secrets',
      'update-labels',
      'ingress-settings',
    ],
    run: (s, words, f) => {
      const name = words[0]!;
      if (f('set-env-vars') && Object.entries(map(f('set-env-vars'))).some(([k]) => /SECRET/.test(k)))
        throw new Exit(1, 'ERROR: the double refuses secrets in plain environment variables');
      const service = name.toLowerCase();
      s.functions[name] = {
        name: `projects/p/locations/${f('region')}/functions/${name}`,
        state: 'ACTIVE',
        labels: { ...(s.functions[name]?.labels ?? {}), ...map(f('update-labels')) },
        serviceConfig: {
          service: `projects/p/locations/${f('region')}/services/${service}`,
          serviceAccountEmail: f('service-account') ?? '',
          environmentVariables: map(f('set-env-vars')),
        },
      };
      // A deploy through Cloud Functions writes a new revision from its own settings: Cloud Run's CPU setting is lost.
      const run = (s.runServices[service] ??= {
        metadata: { name: service },
        spec: { template: { metadata: { annotations: {} } } },
        policy: { bindings: [], etag: 'e0' },
      });
      run.spec.template.metadata.annotations = {};
      if (f('allow-unauthenticated')) addBinding(run.policy, 'roles/run.invoker', 'allUsers');
      if (f('no-allow-unauthenticated')) for (const b of run.policy.bindings) b.members = b.members.filter((m) => m !== 'allUsers');
    },
  },
  'run services describe': {
    flags: ['region'],
    run: (s, words) =>
      s.runServices[words[0]!]
        ? { metadata: s.runServices[words[0]!]!.metadata, spec: s.runServices[words[0]!]!.spec }
        : Promise.reject(notFound(`service ${words[0]}`)),
  },
  'run services get-iam-policy': {
    flags: ['region'],
    run: (s, words) => s.runServices[words[0]!]?.policy ?? Promise.reject(notFound(`service ${words[0]}`)),
  },
  'run services update': {
    flags: ['region', 'no-cpu-throttling', 'cpu-throttling', 'no-invoker-iam-check', 'invoker-iam-check'],
    run: (s, words, f) => {
      const run = s.runServices[words[0]!];
      if (!run) throw notFound('service');
      if (f('no-cpu-throttling')) run.spec.template.metadata.annotations['run.googleapis.com/cpu-throttling'] = 'false';
      if (f('no-invoker-iam-check')) (run.metadata.annotations ??= {})['run.googleapis.com/invoker-iam-disabled'] = 'true';
      if (f('invoker-iam-check')) delete run.metadata.annotations?.['run.googleapis.com/invoker-iam-disabled'];
    },
  },
  'run services add-iam-policy-binding': {
    flags: ['region', 'member', 'role', 'condition'],
    run: (s, words, f) => {
      const run = s.runServices[words[0]!];
      if (!run) throw notFound('service');
      addBinding(run.policy, f('role')!, f('member')!);
    },
  },
  'run services remove-iam-policy-binding': {
    flags: ['region', 'member', 'role', 'condition'],
    run: (s, words, f) => {
      const run = s.runServices[words[0]!];
      if (!run) throw notFound('service');
      removeBinding(run.policy, f('role')!, f('member')!);
    },
  },
  'scheduler jobs run': {
    flags: ['location'],
    run: (s, words) => {
      const job = s.schedulerJobs[words[0]!];
      if (!job) throw notFound(`job ${words[0]}`);
      job.lastAttemptTime = new Date().toISOString();
      job.status = s.schedulerRunStatus ?? {};
    },
  },
  'scheduler jobs list': { flags: ['location', 'filter', 'limit'], run: (s) => Object.values(s.schedulerJobs) },
  'scheduler jobs describe': {
    flags: ['location'],
    run: (s, words) => s.schedulerJobs[words[0]!] ?? Promise.reject(notFound(`job ${words[0]}`)),
  },
  ...Object.fromEntries(
    (['create', 'update'] as const).map((verb) => [
      `scheduler jobs ${verb} http`,
      {
        flags: [
          'location',
          'schedule',
          'time-zone',
          'uri',
          'http-method',
          'oidc-service-account-email',
          'oidc-token-audience',
          'attempt-deadline',
          'max-retry-attempts',
          'min-backoff',
          'max-backoff',
          'max-doublings',
          'description',
          'headers',
          'message-body',
        ],
        run: (s: GcloudDoubleState, words: string[], f: (k: string) => string | undefined) => {
          const name = words[0]!;
          if (verb === 'create' && s.schedulerJobs[name]) throw new Exit(1, 'ERROR: ALREADY_EXISTS: Job already exists.');
          if (verb === 'update' && !s.schedulerJobs[name]) throw notFound(`job ${name}`);
          s.schedulerJobs[name] = {
            name: `projects/p/locations/${f('location')}/jobs/${name}`,
            description: f('description'),
            schedule: f('schedule'),
            timeZone: f('time-zone') ?? 'Etc/UTC',
            attemptDeadline: seconds(f('attempt-deadline') ?? '180s'),
            httpTarget: {
              uri: f('uri'),
              httpMethod: (f('http-method') ?? 'post').toUpperCase(),
              oidcToken: { serviceAccountEmail: f('oidc-service-account-email'), audience: f('oidc-token-audience') },
            },
            retryConfig: {
              retryCount: Number(f('max-retry-attempts') ?? 0),
              minBackoffDuration: seconds(f('min-backoff') ?? '5s'),
              maxBackoffDuration: seconds(f('max-backoff') ?? '3600s'),
              maxDoublings: 5,
            },
            state: 'ENABLED',
          };
        },
      },
    ]),
  ),
  'beta monitoring channels list': { flags: [], run: (s) => s.channels },
  'beta monitoring channels create': {
    flags: ['type', 'display-name', 'channel-labels', 'description'],
    run: (s, _w, f) =>
      void s.channels.push({
        name: `projects/p/notificationChannels/c${s.channels.length + 1}`,
        type: f('type')!,
        displayName: f('display-name') ?? '',
        labels: map(f('channel-labels')),
      }),
  },
  'alpha monitoring policies list': { flags: [], run: (s) => s.policies },
  'alpha monitoring policies create': {
    flags: ['policy'],
    run: (s, _w, f) => void s.policies.push({ ...JSON.parse(f('policy')!), name: `projects/p/alertPolicies/a${s.policies.length + 1}` }),
  },
  'alpha monitoring policies update': {
    flags: ['policy'],
    run: (s, words, f) => {
      const i = s.policies.findIndex((p) => p.name === words[0]);
      if (i < 0) throw notFound('policy');
      s.policies[i] = { ...JSON.parse(f('policy')!), name: words[0]! };
    },
  },
};

/** Standard input to its end; the pipe may not be written yet (EAGAIN on a busy machine): wait and read again. */
function readStdin(): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(65_536);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buffer, 0, buffer.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      continue;
    }
    if (n === 0) return Buffer.concat(chunks).toString('utf8');
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const stdin = process.stdin.isTTY ? '' : readStdin();
  appendFileSync(process.env.GCLOUD_DOUBLE_CALLS!, `${JSON.stringify({ args: argv, stdinLength: stdin.length })}\n`);
  const statePath = process.env.GCLOUD_DOUBLE_STATE!;
  const state = existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as GcloudDoubleState) : emptyProject();
  const { words, flags } = parse(argv);
  const name = Object.keys(commands)
    .filter((c) => c.split(' ').every((w, i) => words[i] === w))
    .sort((a, b) => b.split(' ').length - a.split(' ').length)[0];
  try {
    if (!name) throw new Exit(2, `the gcloud double does not implement: gcloud ${argv.join(' ')}`);
    const command = commands[name]!;
    const unknown = [...flags.keys()].filter((k) => !command.flags.includes(k) && !gcloudWide.includes(k));
    if (unknown.length > 0)
      throw new Exit(2, `ERROR: (gcloud.${name.replace(/ /g, '.')}) unrecognized arguments: ${unknown.map((k) => `--${k}`).join(' ')}`);
    const positional = words.slice(name.split(' ').length);
    if (name.startsWith('scheduler') && (state.schedulerWarmingUp ?? 0) > 0) {
      state.schedulerWarmingUp!--;
      writeFileSync(statePath, JSON.stringify(state, null, 1));
      throw new Exit(
        1,
        'ERROR: (gcloud.scheduler) PERMISSION_DENIED: Cloud Scheduler API has not been used in project 123456789 ' +
          'before or it is disabled. [SERVICE_DISABLED]',
      );
    }
    const result = await command.run(
      state,
      positional,
      (k) => flags.get(k)?.at(-1),
      (k) => flags.get(k) ?? [],
      stdin,
    );
    writeFileSync(statePath, JSON.stringify(state, null, 1));
    if (result !== undefined) process.stdout.write(typeof result === 'string' ? `${result}\n` : `${JSON.stringify(result, null, 2)}\n`);
  } catch (e) {
    const exit = e instanceof Exit ? e : new Exit(1, `ERROR: ${(e as Error).message}`);
    process.stderr.write(`${exit.message}\n`);
    process.exit(exit.code);
  }
}

if (process.env.GCLOUD_DOUBLE_CALLS) await main();
