import type { DeployConfig } from '../schema/deploy-config.ts';
import { functionNames, functionTable, scheduleTable, type FunctionName, type ScheduleName } from './function-table.ts';
import { functionUrl, project, serviceAccountEmail } from './plan-common.ts';

/**
 * `npm run deploy -- --config deploy.json --verify`, after a deploy: does the installation work?
 * The checks, as data (the dry run prints them; the verify runner runs them and says what is wrong):
 * every function answers `/health`, the overdue check runs when Cloud Scheduler starts it (its job
 * record says so), and the jobs' account can open the reports spreadsheet.
 */
export type Check =
  | { kind: 'health'; function: FunctionName; url: string; identityToken: boolean; why: string }
  | { kind: 'scheduler-run'; job: ScheduleName; run: string[]; describe: string[]; why: string }
  | { kind: 'spreadsheet'; url: string; tokenArgs: string[]; account: string; why: string };

/** The job started by hand: daily, safe to repeat, and it touches nothing that is not due. */
export const verifiedJob: ScheduleName = 'overdue-reports-daily';
const sheetsScope = 'https://www.googleapis.com/auth/spreadsheets.readonly';

export function verifyChecks(config: DeployConfig): Check[] {
  const where = [`--location=${config.region}`, project(config)];
  const jobs = serviceAccountEmail(config, 'jobs');
  return [
    ...functionNames.map((f): Check => {
      const scheduler = functionTable[f].invokers === 'scheduler';
      return {
        kind: 'health',
        function: f,
        url: `${functionUrl(config, f)}/health`,
        identityToken: scheduler,
        why: scheduler
          ? `${f} answers /health (behind Cloud Run's IAM check: your own identity token, as Owner you may invoke it)`
          : `${f} answers /health without a token`,
      };
    }),
    {
      kind: 'scheduler-run',
      job: verifiedJob,
      run: ['scheduler', 'jobs', 'run', verifiedJob, ...where],
      describe: ['scheduler', 'jobs', 'describe', verifiedJob, ...where, '--format=json'],
      why:
        `Cloud Scheduler starts ${scheduleTable[verifiedJob].function} with its OIDC token; ` +
        'its job record must show the attempt succeeded',
    },
    {
      kind: 'spreadsheet',
      url: `https://sheets.googleapis.com/v4/spreadsheets/${config.reportsSpreadsheetId}?fields=spreadsheetId`,
      tokenArgs: ['auth', 'print-access-token', `--impersonate-service-account=${jobs}`, `--scopes=${sheetsScope}`],
      account: jobs,
      why: `the reports spreadsheet is shared with ${jobs} (it opens as that account)`,
    },
  ];
}

/** The checks as the commands a person would type: what the dry run prints. */
export function renderChecks(checks: Check[]): string[] {
  const lines = ['', '## Verify, after a deploy (npm run deploy -- --config deploy.json --verify runs these and reads the answers)'];
  for (const c of checks) {
    lines.push(`# ${c.why}`);
    if (c.kind === 'health')
      lines.push(
        c.identityToken ? `curl -sS -H "Authorization: Bearer $(gcloud auth print-identity-token)" ${c.url}` : `curl -sS ${c.url}`,
      );
    else if (c.kind === 'scheduler-run') lines.push(`gcloud ${c.run.join(' ')}`, `gcloud ${c.describe.join(' ')}`);
    else lines.push(`curl -sS -H "Authorization: Bearer $(gcloud ${c.tokenArgs.join(' ')})" '${c.url}'`);
  }
  return lines;
}

type JobRecord = { lastAttemptTime?: string; status?: { code?: number; message?: string } };

/** What a scheduler job record says about its last attempt, in plain words; undefined when it succeeded. */
export function attemptProblem(config: DeployConfig, job: ScheduleName, record: JobRecord): string | undefined {
  const code = record.status?.code ?? 0;
  if (code === 0) return undefined;
  const fn = scheduleTable[job].function;
  // Cloud Scheduler records the HTTP answer as a gRPC code: 16 for 401, 7 for 403, 5 for 404.
  const byCode: Record<number, string> = {
    16:
      `${fn} refused the scheduler's token (401). Is ${fn} deployed by this deploy (SCHEDULER_FRONT_DOOR=cloud-run-iam, ` +
      'SCHEDULER_AUDIENCE its URL)? Run the deploy again.',
    7:
      `Cloud Run or ${fn} refused ${serviceAccountEmail(config, 'scheduler')} (403): it must hold roles/run.invoker on ${fn}'s ` +
      'service and be SCHEDULER_SERVICE_ACCOUNT. Run the deploy again.',
    5: `${functionUrl(config, fn)} does not exist (404): the function is not deployed in ${config.region}.`,
  };
  return (
    byCode[code] ??
    `${fn} failed when the scheduler started it (code ${code}${record.status?.message ? `: ${record.status.message}` : ''}); ` +
      `see its logs: gcloud logging read 'resource.labels.service_name="${fn.toLowerCase()}"' --project=${config.project} --limit=20`
  );
}
