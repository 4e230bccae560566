import type { DeployConfig } from '../../schema/deploy-config.ts';
import { functionNames, functionTable, type FunctionName } from '../function-table.ts';
import type { Phase, Step } from '../plan-types.ts';
import { members, project, runServiceOf, serviceAccountEmail, type Policy } from '../plan-common.ts';

// Who may call each function, and CPU for the api. A public function is public one of two ways
// (deploy.json publicAccess): an allUsers invoker binding, or Cloud Run's invoker IAM check turned off,
// which is what an organisation with domain-restricted sharing (iam.allowedPolicyMemberDomains) allows.

type DescribedService = {
  metadata?: { annotations?: Record<string, string> };
  spec?: { template?: { metadata?: { annotations?: Record<string, string> } } };
};

const iamDisabled = 'run.googleapis.com/invoker-iam-disabled';

const isPublic = (config: DeployConfig, f: FunctionName) => functionTable[f].invokers === 'anyone' && config.publicAccess !== 'allUsers';

/**
 * The services whose settings this phase reads: the api (its CPU), the public ones when their IAM
 * check is off, and the jobs, whose check must stay on: they accept the token Cloud Run forwards
 * without its signature, which only Cloud Run's own check makes safe.
 */
function describedServices(config: DeployConfig): FunctionName[] {
  return functionNames.filter((f) => f === 'api' || isPublic(config, f) || functionTable[f].invokers === 'scheduler');
}

export const invokersPhases: Phase[] = [
  {
    name: 'Who may call each function, and CPU for the api',
    reads: ({ config }, observed) => [
      ...describedServices(config).map((f) => ({
        key: `runService:${f}`,
        kind: 'gcloud' as const,
        args: ['run', 'services', 'describe', runServiceOf(observed, f), `--region=${config.region}`, project(config), '--format=json'],
      })),
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
      for (const f of describedServices(config)) {
        const annotations = (observed[`runService:${f}`] as DescribedService | undefined)?.metadata?.annotations ?? {};
        const template = (observed[`runService:${f}`] as DescribedService | undefined)?.spec?.template?.metadata?.annotations ?? {};
        const flags = [
          ...(f === 'api' && template['run.googleapis.com/cpu-throttling'] !== 'false' ? ['--no-cpu-throttling'] : []),
          ...(isPublic(config, f) && annotations[iamDisabled] !== 'true' ? ['--no-invoker-iam-check'] : []),
          ...(functionTable[f].invokers === 'scheduler' && annotations[iamDisabled] === 'true' ? ['--invoker-iam-check'] : []),
        ];
        if (flags.length === 0) continue;
        steps.push({
          kind: 'gcloud',
          args: ['run', 'services', 'update', runServiceOf(observed, f), `--region=${config.region}`, ...flags, project(config), '--quiet'],
          why: [
            ...(flags.includes('--no-cpu-throttling')
              ? ['api: keep CPU after the answer, for the 202 jobs (a function redeploy resets it)']
              : []),
            ...(flags.includes('--no-invoker-iam-check')
              ? [`${f}: public with the invoker check off (publicAccess: no-invoker-iam-check); it checks every caller`]
              : []),
          ].join('; '),
        });
      }
      const scheduler = `serviceAccount:${serviceAccountEmail(config, 'scheduler')}`;
      for (const f of functionNames) {
        const service = runServiceOf(observed, f);
        const invokers = members(observed[`invokers:${f}`] as Policy | undefined, 'roles/run.invoker');
        const wanted = functionTable[f].invokers === 'anyone' ? 'allUsers' : scheduler;
        const where = [`--region=${config.region}`, project(config)];
        if (wanted === 'allUsers' && config.publicAccess !== 'allUsers') continue;
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
