import type { DeployConfig } from '../../schema/deploy-config.ts';
import { scheduleTable, type ScheduleName } from '../function-table.ts';
import type { Phase } from '../plan-types.ts';
import { project, serviceAccountEmail, functionUrl } from '../plan-common.ts';

// The Cloud Scheduler jobs.

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

export const schedulerPhases: Phase[] = [
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
];
