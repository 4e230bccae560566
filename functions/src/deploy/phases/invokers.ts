import { functionNames, functionTable } from '../function-table.ts';
import type { Phase, Step } from '../plan-types.ts';
import { members, project, runServiceOf, serviceAccountEmail, type Policy } from '../plan-common.ts';

// Who may call each function, and CPU for the api.

export const invokersPhases: Phase[] = [
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
];
