import { randomUUID } from 'node:crypto';
import type { Firestore } from 'firebase-admin/firestore';
import { isAppError } from '../errors.ts';
import { log, withLogBindings } from '../logger.ts';
import { toProblem } from '../http/problem.ts';
import { createJobRun, finishJobRun, readJobRun, type JobRun } from '../store/job-run-store.ts';

/** A running job older than this has lost its instance; callers are told to start it again. */
export const staleAfterMs = 30 * 60 * 1000;
/** Firestore documents hold at most 1 MiB; a bigger result is summarised. */
const maxResultBytes = 800_000;

/**
 * Long admin work (rotation apply, offboarding, a bonus month) outlives Apps Script's 60-second
 * fetch: the route records a job, answers 202 with its id at once, and the work continues in
 * this instance (deploy with CPU always allocated, `--no-cpu-throttling`, or it would stall).
 * The jobs are idempotent, so one that an instance restart cut short is simply started again.
 */
export async function startJob(
  db: Firestore,
  job: { kind: string; by: string; at: string; params: Record<string, unknown> },
  work: () => Promise<unknown>,
  summarise: (result: unknown) => unknown = (r) => r,
): Promise<JobRun> {
  const id = `api-${job.kind}-${randomUUID()}`;
  const run: JobRun = { id, kind: job.kind, status: 'running', by: job.by, params: job.params, startedAt: job.at };
  await createJobRun(db, run);
  void withLogBindings({ runId: id, job: job.kind }, async () => {
    let patch: Pick<JobRun, 'status' | 'result' | 'error'>;
    log().info({ by: job.by, params: job.params }, `job ${id} started`);
    try {
      const result = await work();
      const fits = Buffer.byteLength(JSON.stringify(result ?? null)) <= maxResultBytes;
      patch = { status: 'done', result: fits ? (result ?? null) : summarise(result) };
    } catch (e) {
      patch = { status: 'failed', error: toProblem(e) };
      if (isAppError(e)) log().warn(`job ${id} refused: ${e.message}`);
      else log().error({ err: e }, `job ${id} failed: ${String((e as Error)?.message ?? e)}`);
    }
    if (patch.status === 'done') log().info(`job ${id} done`);
    await finishJobRun(db, id, { ...patch, finishedAt: new Date().toISOString() }).catch((e: unknown) =>
      log().error({ err: e }, `job ${id} could not record its end`),
    );
  });
  return run;
}

export async function readJob(db: Firestore, id: string, now: Date): Promise<JobRun | undefined> {
  if (!id.startsWith('api-')) return undefined;
  const run = await readJobRun(db, id);
  if (run === undefined) return undefined;
  if (run.status === 'running' && now.getTime() - Date.parse(run.startedAt) > staleAfterMs) {
    return {
      ...run,
      status: 'failed',
      error: { detail: 'the job stopped without finishing (its instance was restarted); start it again: it is safe to repeat' },
    };
  }
  return run;
}
