import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { renderChecks, verifyChecks } from './verify.ts';
import { createdRuleset, freshPlan, phases, type Observed, type PlanInput, type Read, type Step } from './deploy-plan.ts';

/**
 * Runs the deploy plan: before each phase its reads, then only the commands that phase still needs.
 * Thin on purpose; what to do is decided by the pure plan. gcloud is whatever `gcloud` is on the
 * PATH (tests put a double there); the Firebase Rules API is called with gcloud's access token.
 */
export type RunnerOptions = {
  out: (line: string) => void;
  gcloud?: string;
  fetch?: typeof fetch;
  /** Pause before retrying a call that failed because an API was only just turned on. */
  servicePauseMs?: number;
};

export type RunSummary = { reads: number; changes: number };

export type Result = { code: number; stdout: string; stderr: string };

export function runCommand(command: string, args: string[], stdin?: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', (e) =>
      reject(new Error(`could not run ${command}: ${e.message} (install the Google Cloud CLI and log in: gcloud auth login)`)),
    );
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    // A command that exits without reading its input must not crash the deploy with EPIPE.
    child.stdin.once('error', () => undefined);
    child.stdin.end(stdin ?? '');
  });
}

const notFound = /NOT_FOUND|not found|does not exist|was not found|404/i;
const serviceWarmingUp = /SERVICE_DISABLED|has not been used in project|it is disabled/i;

/** A shell-safe rendering of one argument. */
export function shellWord(arg: string): string {
  return /^[A-Za-z0-9_./:=@,%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function renderStep(step: Step): string {
  if (step.kind === 'gcloud') {
    const line = ['gcloud', ...step.args].map(shellWord).join(' ');
    return step.stdin ? `head -c ${step.stdin.randomBytes} /dev/urandom | base64 -w0 | ${line}` : line;
  }
  const auth = '-H "Authorization: Bearer $(gcloud auth print-access-token)" -H \'content-type: application/json\'';
  return `curl -sS -X ${step.method} ${auth} ${step.url} -d ${shellWord(JSON.stringify(step.body))}`;
}

/** What `--dry-run` prints: every command, in order, for a project where nothing exists yet, then the checks of `--verify`. */
export function renderPlan(input: PlanInput): string[] {
  const lines = [
    `# clientbase deploy plan for project ${input.config.project} (${input.config.region}), dry run: nothing is called.`,
    '# A real run reads the project before each group (describe, list, get-iam-policy) and runs only the',
    '# commands whose target is missing or different; on a fresh project it runs these, in this order (less any',
    "# an earlier one made unnecessary: a public function's deploy already lets anyone call it).",
  ];
  for (const { phase, steps } of freshPlan(input)) {
    if (steps.length === 0) continue;
    lines.push('', `## ${phase}`);
    for (const step of steps) lines.push(`# ${step.why}`, renderStep(step));
  }
  return [...lines, ...renderChecks(verifyChecks(input.config))];
}

export async function runDeploy(input: PlanInput, options: RunnerOptions): Promise<RunSummary> {
  const gcloud = options.gcloud ?? 'gcloud';
  const doFetch = options.fetch ?? fetch;
  const pause = options.servicePauseMs ?? 30_000;
  const summary: RunSummary = { reads: 0, changes: 0 };
  let token: string | undefined;

  const gcloudCall = async (args: string[], stdin?: string): Promise<Result> => {
    for (let attempt = 1; ; attempt++) {
      const result = await runCommand(gcloud, args, stdin);
      if (result.code === 0 || attempt >= 6 || !serviceWarmingUp.test(result.stderr)) return result;
      options.out(`  (an API is still being turned on; trying again in ${pause / 1000} s)`);
      await new Promise((r) => setTimeout(r, pause));
    }
  };
  const accessToken = async () => {
    if (token) return token;
    const result = await gcloudCall(['auth', 'print-access-token']);
    if (result.code !== 0)
      throw new Error(`gcloud auth print-access-token failed: ${result.stderr.trim()} (log in with gcloud auth login)`);
    return (token = result.stdout.trim());
  };
  const rulesCall = async (method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const res = await doFetch(url, {
      method,
      headers: {
        authorization: `Bearer ${await accessToken()}`,
        'x-goog-user-project': input.config.project,
        'content-type': 'application/json',
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };

  const read = async (r: Read): Promise<unknown> => {
    summary.reads++;
    if (r.kind === 'rules') {
      const { status, json } = await rulesCall('GET', r.url);
      if (status === 404) return undefined;
      if (status >= 300) throw new Error(`GET ${r.url} answered ${status}: ${JSON.stringify(json)}`);
      return json;
    }
    const result = await gcloudCall(r.args);
    if (result.code === 0) return result.stdout.trim() ? JSON.parse(result.stdout) : undefined;
    if (notFound.test(result.stderr)) return undefined;
    throw new Error(`gcloud ${r.args.join(' ')} failed:\n${result.stderr.trim()}`);
  };

  let ruleset: string | undefined;
  const apply = async (step: Step): Promise<void> => {
    summary.changes++;
    if (step.kind === 'gcloud') {
      const stdin = step.stdin ? randomBytes(step.stdin.randomBytes).toString('base64url') : undefined;
      const result = await gcloudCall(step.args, stdin);
      if (result.code !== 0)
        throw new Error(
          `gcloud ${step.args.slice(0, 4).join(' ')} … failed:\n${result.stderr.trim()}\n` +
            'Nothing after it was run; fix the cause and run the deploy again (it picks up from here).',
        );
      return;
    }
    const body = JSON.parse(
      JSON.stringify(step.body).replaceAll(JSON.stringify(createdRuleset), JSON.stringify(ruleset ?? createdRuleset)),
    );
    const { status, json } = await rulesCall(step.method, step.url, body);
    if (status >= 300) throw new Error(`${step.method} ${step.url} answered ${status}: ${JSON.stringify(json)}`);
    if (step.url.endsWith('/rulesets')) ruleset = (json as { name?: string }).name;
  };

  const observed: Observed = {};
  for (const phase of phases) {
    for (const r of phase.reads(input, observed)) observed[r.key] = await read(r);
    const steps = phase.plan(input, observed);
    if (steps.length === 0) continue;
    options.out(`## ${phase.name}`);
    for (const step of steps) {
      options.out(`# ${step.why}`);
      options.out(renderStep(step));
      await apply(step);
    }
  }
  return summary;
}
