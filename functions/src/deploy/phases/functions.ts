import { cloudRunFrontDoor } from '../../http/scheduled-job.ts';
import type { DeployConfig } from '../../schema/deploy-config.ts';
import { functionNames, functionTable, type FunctionName } from '../function-table.ts';
import type { Phase } from '../plan-types.ts';
import {
  functionOf,
  functionsRead,
  hash,
  project,
  runtime,
  secretNames,
  secretVersionsRead,
  serviceAccountEmail,
  specLabel,
  gcloudMap,
  functionUrl,
} from '../plan-common.ts';

// The functions themselves: flags, environment, secrets, a label with their digest.

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
      ['API_AUDIENCE', [config.apiAudience].flat().join(',')],
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
    // Deployed with --no-allow-unauthenticated: Cloud Run checks the token and forwards it without its signature.
    ['SCHEDULER_FRONT_DOOR', cloudRunFrontDoor],
    ['REPORTS_SPREADSHEET_ID', config.reportsSpreadsheetId],
  ];
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
    // With no-invoker-iam-check, Cloud Run's IAM check is turned off instead (in the invokers phase): no allUsers binding.
    spec.invokers === 'anyone' && config.publicAccess === 'allUsers' ? '--allow-unauthenticated' : '--no-allow-unauthenticated',
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

export const functionsPhases: Phase[] = [
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
];
