import type { Firestore } from 'firebase-admin/firestore';
import { collections } from './collections.ts';

/** Long admin work run as a job: its record in `jobRuns/{id}`, polled by the caller. */
export type JobStatus = 'running' | 'done' | 'failed';
export type JobRun = {
  id: string;
  kind: string;
  status: JobStatus;
  by: string;
  params: Record<string, unknown>;
  startedAt: string;
  finishedAt?: string;
  result?: unknown;
  error?: unknown;
};

export async function createJobRun(db: Firestore, run: JobRun): Promise<void> {
  await db.collection(collections.jobRuns).doc(run.id).create(run);
}

export async function finishJobRun(
  db: Firestore,
  id: string,
  outcome: Pick<JobRun, 'status' | 'finishedAt' | 'result' | 'error'>,
): Promise<void> {
  await db.collection(collections.jobRuns).doc(id).update(outcome);
}

export async function readJobRun(db: Firestore, id: string): Promise<JobRun | undefined> {
  const snap = await db.collection(collections.jobRuns).doc(id).get();
  return snap.exists ? (snap.data() as JobRun) : undefined;
}
