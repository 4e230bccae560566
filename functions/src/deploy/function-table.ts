/**
 * Every deployed function, as the deploy plan needs it: which runtime service account it runs as,
 * who may invoke it, its resources, and the secrets it reads. `index.ts` registers a handler under
 * each of these names (its table is typed against this one), so the two cannot drift apart.
 */
export type RuntimeRole = 'staff-api' | 'jobs' | 'signup' | 'unsubscribe';
export type SecretName = 'unsubscribe-secret' | 'sms-gateway-secret' | 'esp-webhook-secret';

export type FunctionSpec = {
  /** The runtime service account: one per role, each with only the roles that role needs. */
  role: RuntimeRole;
  /** `anyone`: public at the Cloud Run level, the function checks tokens or secrets itself. `scheduler`: only the scheduler's account. */
  invokers: 'anyone' | 'scheduler';
  memory: string;
  cpu: string;
  timeoutSeconds: number;
  concurrency: number;
  maxInstances: number;
  /** CPU stays allocated after the response: the api's 202 jobs run on in the instance. */
  cpuAlwaysAllocated: boolean;
  /** Environment variable → secret (Secret Manager, latest version). */
  secrets: Partial<Record<string, SecretName>>;
};

/** The sign-up and unsubscribe forms: small, public, short requests; each its own account, holding only its own secrets. */
const publicForm = {
  invokers: 'anyone',
  memory: '256Mi',
  cpu: '1',
  timeoutSeconds: 30,
  concurrency: 40,
  maxInstances: 5,
  cpuAlwaysAllocated: false,
} as const;

/** The rotation and the bonus month: one run at a time, up to an hour, over the whole base. */
const longScheduledJob: FunctionSpec = {
  role: 'jobs',
  invokers: 'scheduler',
  memory: '2Gi',
  cpu: '1',
  timeoutSeconds: 3600,
  concurrency: 1,
  maxInstances: 1,
  cpuAlwaysAllocated: false,
  secrets: {},
};

export const functionTable = {
  api: {
    role: 'staff-api',
    invokers: 'anyone',
    // The 202 jobs (a rotation, a bonus month) run inside the api's instance.
    memory: '2Gi',
    cpu: '1',
    timeoutSeconds: 60,
    concurrency: 40,
    maxInstances: 10,
    cpuAlwaysAllocated: true,
    secrets: { UNSUBSCRIBE_SECRET: 'unsubscribe-secret' },
  },
  rotation: longScheduledJob,
  bonuses: longScheduledJob,
  overdueReports: {
    role: 'jobs',
    invokers: 'scheduler',
    memory: '512Mi',
    cpu: '1',
    timeoutSeconds: 600,
    concurrency: 1,
    maxInstances: 1,
    cpuAlwaysAllocated: false,
    secrets: {},
  },
  signup: {
    ...publicForm,
    role: 'signup',
    secrets: {},
  },
  unsubscribe: {
    ...publicForm,
    role: 'unsubscribe',
    secrets: {
      UNSUBSCRIBE_SECRET: 'unsubscribe-secret',
      SMS_GATEWAY_SECRET: 'sms-gateway-secret',
      ESP_WEBHOOK_SECRET: 'esp-webhook-secret',
    },
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functionTable;

export const functionNames = Object.keys(functionTable) as FunctionName[];

/** Cloud Scheduler jobs: which function each calls and when (cron in the company's time zone). */
export type ScheduleSpec = {
  function: FunctionName;
  description: string;
  cron: string;
  /** How long one attempt may run before the scheduler counts it failed (and retries). */
  attemptDeadlineSeconds: number;
  retries: number;
  minBackoffSeconds: number;
  maxBackoffSeconds: number;
};

export const scheduleTable = {
  'bonuses-monthly': {
    function: 'bonuses',
    description: 'clientbase: bonus statements of the month that has just ended',
    cron: '0 5 1 * *',
    attemptDeadlineSeconds: 1800,
    retries: 5,
    minBackoffSeconds: 600,
    maxBackoffSeconds: 3600,
  },
  'rotation-monthly': {
    function: 'rotation',
    description: 'clientbase: rotation of stale clients (after the bonuses)',
    cron: '0 6 1 * *',
    attemptDeadlineSeconds: 1800,
    retries: 5,
    minBackoffSeconds: 600,
    maxBackoffSeconds: 3600,
  },
  'overdue-reports-daily': {
    function: 'overdueReports',
    description: 'clientbase: flag overdue handover reports; republish pending reports and alerts',
    cron: '0 8 * * *',
    attemptDeadlineSeconds: 600,
    retries: 3,
    minBackoffSeconds: 300,
    maxBackoffSeconds: 3600,
  },
} as const satisfies Record<string, ScheduleSpec>;

export type ScheduleName = keyof typeof scheduleTable;
