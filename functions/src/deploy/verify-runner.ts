import type { DeployConfig } from '../schema/deploy-config.ts';
import { runCommand } from './deploy-runner.ts';
import { attemptProblem, verifyChecks, type Check } from './verify.ts';

/**
 * Runs the verify checks against the deployed installation and says, check by check, what is right
 * and what is not, in plain words. gcloud is whatever `gcloud` is on the PATH (tests put the double there).
 */
export type VerifyOptions = {
  out: (line: string) => void;
  gcloud?: string;
  fetch?: typeof fetch;
  /** How long to wait for the scheduler's attempt to show in its job record, and how often to look. */
  attemptTimeoutMs?: number;
  pollMs?: number;
};

export type VerifyResult = { problems: string[] };

export async function runVerify(config: DeployConfig, options: VerifyOptions): Promise<VerifyResult> {
  const gcloud = options.gcloud ?? 'gcloud';
  const doFetch = options.fetch ?? fetch;
  const problems: string[] = [];
  const gcloudOut = async (args: string[]): Promise<string> => {
    const r = await runCommand(gcloud, args);
    if (r.code !== 0) throw new Error(r.stderr.trim() || `gcloud ${args.slice(0, 3).join(' ')} failed`);
    return r.stdout.trim();
  };
  let identityToken: string | undefined;

  const check = async (c: Check): Promise<string | undefined> => {
    if (c.kind === 'health') {
      const headers: Record<string, string> = {};
      if (c.identityToken) {
        try {
          identityToken ??= await gcloudOut(['auth', 'print-identity-token']);
        } catch (e) {
          return `could not get your identity token to call ${c.function} (gcloud auth login): ${(e as Error).message}`;
        }
        headers.authorization = `Bearer ${identityToken}`;
      }
      let res: Response;
      try {
        res = await doFetch(c.url, { headers });
      } catch (e) {
        return `${c.function} did not answer at ${c.url}: ${(e as Error).message}`;
      }
      const body = (await res.json().catch(() => undefined)) as { status?: string } | undefined;
      if (res.status === 200 && body?.status === 'ok') return undefined;
      if (res.status === 403 || res.status === 401)
        return c.identityToken
          ? `Cloud Run refused your call to ${c.function} (${res.status}): your account needs roles/run.invoker on it (an Owner has it)`
          : `${c.function} is not public (${res.status}): run the deploy again (publicAccess in deploy.json decides how it is made public)`;
      if (res.status === 404) return `${c.function} is not deployed at ${c.url} (404)`;
      return `${c.function} answered ${res.status} at /health${body?.status ? ` (${body.status})` : ''}: see its logs`;
    }
    if (c.kind === 'scheduler-run') {
      const record = async () => JSON.parse((await gcloudOut(c.describe)) || '{}') as { lastAttemptTime?: string };
      try {
        const before = (await record()).lastAttemptTime;
        await gcloudOut(c.run);
        const started = Date.now();
        const deadline = started + (options.attemptTimeoutMs ?? 180_000);
        for (;;) {
          const now = await record();
          if (now.lastAttemptTime !== undefined && now.lastAttemptTime !== before) return attemptProblem(config, c.job, now);
          if (Date.now() > deadline)
            return `the scheduler did not record an attempt of ${c.job} within ${Math.round((deadline - started) / 1000)} s`;
          await new Promise((r) => setTimeout(r, options.pollMs ?? 5000));
        }
      } catch (e) {
        return `could not run the scheduler job ${c.job}: ${(e as Error).message}`;
      }
    }
    let token: string;
    try {
      token = await gcloudOut(c.tokenArgs);
    } catch (e) {
      return (
        `could not act as ${c.account} to open the spreadsheet (you need roles/iam.serviceAccountTokenCreator on it, ` +
        `which an Owner has): ${(e as Error).message}`
      );
    }
    const res = await doFetch(c.url, { headers: { authorization: `Bearer ${token}` } });
    if (res.status === 200) return undefined;
    if (res.status === 403) return `the reports spreadsheet is not shared with ${c.account}: share it with that address as an editor`;
    if (res.status === 404) return `there is no spreadsheet ${config.reportsSpreadsheetId}: check reportsSpreadsheetId in deploy.json`;
    return `the Sheets API answered ${res.status} for the reports spreadsheet`;
  };

  for (const c of verifyChecks(config)) {
    const problem = await check(c);
    options.out(`${problem === undefined ? 'ok ' : 'NOT'} ${c.why}`);
    if (problem !== undefined) {
      options.out(`    ${problem}`);
      problems.push(problem);
    }
  }
  return { problems };
}
