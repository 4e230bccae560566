import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Firestore } from 'firebase-admin/firestore';
import { isDeepStrictEqual } from 'node:util';
import { rawSnapshotFromObject } from '../../../functions/src/core/raw-snapshot.ts';
import { demoCompany } from '../../../functions/src/local/demo-company.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import { openFirestore } from '../../../functions/src/store/db.ts';
import { importSnapshot } from '../../../functions/src/store/snapshot-import.ts';
import { rotationRunId, offboardingRunId } from '../../../functions/src/operations/rotation-job.ts';
import { cliArgs, drillActor, rerunAfterCrash, runDrillJob, transactionLinePrefix, type DrillJobSpec } from './drill-jobs.ts';
import { bonusInvariantProblems, bonusState, rotationInvariantProblems, rotationState } from './drill-state.ts';
import { writeTripwire, type Trip, type TripMoment } from './write-tripwire.ts';
import { seededRandom } from '../seeded-random.ts';

/**
 * Crash drills: a job is killed at points chosen by a seed, by SIGKILL of a child process mid-run,
 * then run again as the next delivery would, and the base must end exactly as an uninterrupted run
 * of the same job on a copy of the same data left it (another project id on the same emulator), with
 * the invariants checked on the base itself. Two ways to kill, both a real SIGKILL of a process:
 * - the child kills itself at its k-th write RPC (before it is sent, in flight, or once it landed),
 *   k spread over the writes the uninterrupted run made, so every stage is reached (claim, plan,
 *   moves, chunk marks, finish; statements, run records);
 * - black box: the installed command line (`clientbase rotate|offboard|bonuses`) is SIGKILLed when
 *   the base shows a number of handover tasks, or a random time after the base shows the run began.
 */
export type DrillKind = DrillJobSpec['kind'];
export type KillWay = 'own k-th write' | 'tasks visible' | 'random delay';
export type DrillPoint = { point: number; way: KillWay; detail: string; killed: boolean; refusedAtOnce: boolean; problems: string[] };
export type DrillSummary = {
  kind: DrillKind;
  seed: number;
  clients: number;
  points: DrillPoint[];
  reference: { writeRpcs: number; millis: number; units: number };
};

const drillDay = '2026-11-01';
const drillMonths = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
const cli = fileURLToPath(new URL('../../../bin/clientbase.js', import.meta.url));
const childScript = fileURLToPath(new URL('./drill-child.ts', import.meta.url));
const transactionLog = fileURLToPath(new URL('./transaction-log.ts', import.meta.url));

/** Starts a child Node process that reports the transactions it opens. */
const spawnChild = (args: string[], projectId: string) =>
  spawn(process.execPath, ['--import', transactionLog, ...args], { env: childEnv(projectId), stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * Rolls back the transactions a killed child had open, as Cloud Firestore expires a dead client's
 * transactions (60 s idle) long before the scheduler's retry ten minutes later; the emulator would
 * hold their locks for good. A committed one answers an error, which is ignored.
 */
async function expireOpenTransactions(projectId: string, childOutput: string): Promise<number> {
  // The count is of rollbacks the emulator accepted, committed transactions included.
  const ids = childOutput
    .split('\n')
    .filter((l) => l.startsWith(transactionLinePrefix))
    .map((l) => l.slice(transactionLinePrefix.length).trim());
  let rolledBack = 0;
  for (const transaction of ids) {
    const res = await fetch(
      `http://${process.env.FIRESTORE_EMULATOR_HOST}/v1/projects/${projectId}/databases/(default)/documents:rollback`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer owner' },
        body: JSON.stringify({ transaction }),
      },
    );
    if (res.ok) rolledBack++;
  }
  return rolledBack;
}

/** Small batches of moves, so that the write RPCs a kill can land between are many (the command line keeps its default). */
export function drillJob(kind: DrillKind): DrillJobSpec {
  if (kind === 'rotation') return { kind, day: drillDay, movesPerBatch: 10 };
  if (kind === 'offboarding') return { kind, day: drillDay, managerId: 'm01', movesPerBatch: 5 };
  return { kind, months: drillMonths };
}

/** The demo company as of the drill day, imported as the importer would (the same snapshot for every copy). */
async function freshBase(label: string, clients: number): Promise<{ db: Firestore; projectId: string }> {
  const projectId = `drill-${label}-${randomUUID().slice(0, 8)}`;
  const db = openFirestore(projectId);
  const snapshot = demoCompany({ today: new Date(`${drillDay}T00:00:00Z`), clients, seed: 14 });
  await importSnapshot(db, rawSnapshotFromObject(snapshot), { at: `${drillDay}T00:00:00.000Z`, by: 'drill', throttle: false });
  return { db, projectId };
}

const stateOf = (db: Firestore, job: DrillJobSpec) => (job.kind === 'bonuses' ? bonusState(db, job.months) : rotationState(db));
const problemsOf = (db: Firestore, job: DrillJobSpec) =>
  job.kind === 'bonuses' ? bonusInvariantProblems(db, job.months) : rotationInvariantProblems(db);

function childEnv(projectId: string): NodeJS.ProcessEnv {
  return { ...process.env, GCLOUD_PROJECT: projectId, CLIENTBASE_ACTOR: drillActor, LOG_LEVEL: 'silent' };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, out })));
}

/** Polls the base until `ready` holds or the child has ended. */
async function whenBase(child: ChildProcess, ready: () => Promise<boolean>): Promise<boolean> {
  while (child.exitCode === null && child.signalCode === null) {
    if (await ready().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

function runStarted(db: Firestore, job: DrillJobSpec, month: string | undefined): () => Promise<boolean> {
  const ref =
    job.kind === 'rotation'
      ? db.collection(collections.rotationRuns).doc(rotationRunId(job.day))
      : job.kind === 'offboarding'
        ? db.collection(collections.rotationRuns).doc(offboardingRunId(job.managerId, job.day))
        : db.collection(collections.bonusMonths).doc(month!);
  return async () => (await ref.get()).exists;
}

/** One point: a fresh copy, the job killed there, the next delivery, then the comparison and the invariants. */
async function drillPoint(
  kind: DrillKind,
  point: number,
  random: () => number,
  reference: { state: Record<string, unknown>; writeRpcs: number; millis: number; units: number },
  clients: number,
): Promise<DrillPoint> {
  const job = drillJob(kind);
  const { db, projectId } = await freshBase(`${kind}-${point}`, clients);
  const roll = random();
  const way: KillWay = roll < 0.5 ? 'own k-th write' : kind !== 'bonuses' && roll < 0.75 ? 'tasks visible' : 'random delay';
  let detail = '';
  let running: ChildProcess;
  let ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>;
  if (way === 'own k-th write') {
    const trip: Trip = {
      afterWrites: 1 + Math.floor(random() * reference.writeRpcs),
      when: (['before', 'in-flight', 'after'] as TripMoment[])[Math.floor(random() * 3)]!,
    };
    detail = `write RPC ${trip.afterWrites} of ${reference.writeRpcs}, ${trip.when}`;
    running = spawnChild([childScript, JSON.stringify({ job, projectId, trip })], projectId);
    ended = exited(running);
  } else {
    const month = job.kind === 'bonuses' ? job.months[Math.floor(random() * job.months.length)]! : undefined;
    const args = (m?: string) => [cli, ...cliArgs(job, m)];
    if (job.kind === 'bonuses') {
      // The months before the chosen one run to the end, as the scheduler's earlier deliveries did.
      for (const m of job.months.slice(0, job.months.indexOf(month!))) {
        const done = await exited(spawnChild(args(m), projectId));
        if (done.code !== 0) throw new Error(`clientbase bonuses --month ${m} failed: ${done.out.slice(-2000)}`);
      }
    }
    running = spawnChild(args(month), projectId);
    ended = exited(running);
    if (way === 'tasks visible') {
      const tasks = 1 + Math.floor(random() * Math.max(1, reference.units - 1));
      detail = `clientbase ${cliArgs(job).join(' ')}: SIGKILL once ${tasks} of ${reference.units} tasks are visible`;
      await whenBase(running, async () => (await db.collection(collections.tasks).count().get()).data().count >= tasks);
    } else {
      const share = job.kind === 'bonuses' ? reference.millis / job.months.length : reference.millis;
      const delay = Math.floor(random() * share);
      detail = `clientbase ${cliArgs(job, month).join(' ')}: SIGKILL ${delay} ms after the run shows in the base`;
      await whenBase(running, runStarted(db, job, month));
      await new Promise((r) => setTimeout(r, delay));
    }
    running.kill('SIGKILL');
  }
  const end = await ended;
  const killed = end.signal === 'SIGKILL';
  if (!killed && end.code !== 0)
    throw new Error(`drill ${kind} point ${point} (${detail}): the child failed on its own:\n${end.out.slice(-2000)}`);
  const expired = killed ? await expireOpenTransactions(projectId, end.out) : 0;
  if (expired > 0) detail += `; its transactions rolled back as the database would expire them`;
  const { refusedAtOnce, waitedMs } = await rerunAfterCrash(db, job);
  if (waitedMs > 5000) detail += `; waited ${Math.round(waitedMs / 1000)} s for a lock the killed child held without knowing it to expire`;
  const problems = await problemsOf(db, job);
  const state = await stateOf(db, job);
  if (!isDeepStrictEqual(state, reference.state)) problems.push(...differences(reference.state, state));
  return { point, way, detail, killed, refusedAtOnce, problems };
}

/** Which documents differ from the uninterrupted run's (the first few, with both versions). */
function differences(expected: Record<string, unknown>, actual: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  const differing = keys.filter((k) => !isDeepStrictEqual(expected[k], actual[k]));
  return differing
    .slice(0, 5)
    .map(
      (k) =>
        `${k} differs from the uninterrupted run: ` +
        `expected ${JSON.stringify(expected[k])?.slice(0, 400)}, got ${JSON.stringify(actual[k])?.slice(0, 400)}`,
    );
}

/** Runs the drill of one job: a reference run, then `points` killed-and-rerun copies. */
export async function crashDrill(
  kind: DrillKind,
  options: { points: number; seed: number; clients: number; onPoint?: (p: DrillPoint) => void },
): Promise<DrillSummary> {
  const job = drillJob(kind);
  const { db } = await freshBase(`${kind}-ref`, options.clients);
  const wire = writeTripwire(db);
  const t0 = performance.now();
  await runDrillJob(db, job);
  const millis = performance.now() - t0;
  const units =
    job.kind === 'bonuses'
      ? (await db.collection(collections.statements).count().get()).data().count
      : (await db.collection(collections.tasks).count().get()).data().count;
  const reference = { state: await stateOf(db, job), writeRpcs: wire.writeRpcs(), millis, units };
  const referenceProblems = await problemsOf(db, job);
  if (referenceProblems.length > 0)
    throw new Error(`the uninterrupted ${kind} run already breaks the invariants: ${referenceProblems.join('; ')}`);
  const random = seededRandom(options.seed);
  const points: DrillPoint[] = [];
  for (let point = 1; point <= options.points; point++) {
    const p = await drillPoint(kind, point, random, reference, options.clients);
    points.push(p);
    options.onPoint?.(p);
  }
  return { kind, seed: options.seed, clients: options.clients, points, reference: { writeRpcs: reference.writeRpcs, millis, units } };
}
