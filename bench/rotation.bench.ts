// Rotation: the pure planner on 1,000,000 clients / 2,000 managers, and the job on the emulator with
// 50,000 clients, against the raw write rate of the same emulator.
// Sizes: BENCH_ROTATION_CLIENTS, BENCH_ROTATION_MANAGERS, BENCH_ROTATION_JOB_CLIENTS.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { planRotation } from '../functions/src/core/rotation/plan-rotation.ts';
import type { RotationClient, RotationManager } from '../functions/src/core/rotation/types.ts';
import { runRotation } from '../functions/src/operations/rotation-job.ts';
import { rotationRulesSchema } from '../functions/src/schema/rules-config.ts';
import { collections } from '../functions/src/store/collections.ts';
import { openFirestore } from '../functions/src/store/db.ts';
import { taskId, transferEntryId } from '../functions/src/store/rotation-store.ts';
import { countOperations } from '../test/support/counting-firestore.ts';
import { measured, row, thousands, type BenchRow } from './table.ts';

const at = '2026-12-01';
const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;

/**
 * A department: managers over 5 levels (1 in 100 inactive, 3 in 10 with leaves); each client held by a manager, a
 * tenth large, a third with recent holders; about half stale (held since March 2024 without a deal
 * since, or last deal in 2025-01), the rest fresh; every 25th unassigned.
 */
function company(clients: number, managerCount: number): { managers: RotationManager[]; clients: RotationClient[] } {
  let s = 42;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  // Leaves: 1 in 10 away on the run day, 1 in 10 back from two months away (clocks paused), 1 in 10 with one ahead.
  const leaves = (i: number) =>
    i % 10 === 3
      ? [{ from: '2026-11-25', to: '2026-12-05' }]
      : i % 10 === 4
        ? [
            { from: '2025-08-01', to: '2025-08-20' },
            { from: '2026-07-01', to: '2026-08-31' },
          ]
        : i % 10 === 5
          ? [{ from: '2026-12-08', to: '2026-12-20' }]
          : undefined;
  const managers: RotationManager[] = Array.from({ length: managerCount }, (_, i) => ({
    id: `m${String(i).padStart(4, '0')}`,
    level: 1 + (i % 5),
    active: i % 100 !== 99,
    absences: leaves(i),
  }));
  const out: RotationClient[] = [];
  for (let i = 0; i < clients; i++) {
    const id = `c${String(i).padStart(7, '0')}`;
    if (i % 25 === 0) {
      out.push({ id, managerId: null, dealsSinceAssignment: 0, lastDealAt: null, version: 1 });
      continue;
    }
    const stale = rnd() < 0.5;
    const noDeal = rnd() < 0.5;
    out.push({
      id,
      managerId: managers[Math.floor(rnd() * managerCount)]!.id,
      size: rnd() < 0.1 ? 'large' : 'regular',
      assignedAt: stale ? '2024-03-01' : '2026-10-01',
      dealsSinceAssignment: noDeal ? 0 : 2,
      lastDealAt: noDeal ? null : stale ? '2025-01-15' : '2026-11-01',
      formerHolders:
        rnd() < 0.3 ? [{ managerId: managers[Math.floor(rnd() * managerCount)]!.id, until: '2025-12-01', rotationSeq: 4 }] : [],
      version: 1,
    });
  }
  return { managers, clients: out };
}

async function planner(size: number, managerCount: number): Promise<BenchRow> {
  const { managers, clients } = company(size, managerCount);
  const candidates = clients.filter((c) => c.managerId !== null);
  const unassigned = clients.filter((c) => c.managerId === null);
  global.gc?.();
  const before = process.memoryUsage();
  // With a holdout on, as a department measuring the effect of rotation runs it.
  const rules = rotationRulesSchema.parse({ holdoutShare: Number(process.env.BENCH_ROTATION_HOLDOUT ?? 0.1) });
  const step = await measured(() => planRotation({ managers, candidates, unassigned, rules, at, seq: 5 }));
  const plan = step.value;
  const ms = step.seconds * 1000;
  const after = process.memoryUsage();
  console.log(
    `rotation planner: ${size} clients (${candidates.length} held), ${managerCount} managers -> ${plan.moves.length} moves` +
      ` (${plan.moves.filter((m) => m.reason === 'top-up').length} top-ups),` +
      ` ${plan.unbalanced.length} unbalanced, ${plan.skipped.length} skipped, ${plan.heldOut?.length ?? 0} held out,` +
      ` ${plan.away?.length ?? 0} with a leave that changed something`,
  );
  console.log(
    `rotation planner: ${(ms / 1000).toFixed(2)}s (${Math.round(size / (ms / 1000))} clients/s);` +
      ` heap ${mib(before.heapUsed)} -> ${mib(after.heapUsed)}, rss ${mib(after.rss)}`,
  );
  return row(
    'rotation',
    'planner (pure)',
    `${thousands(size)} clients, ${thousands(managerCount)} managers`,
    `${thousands(plan.moves.length)} moves planned, ${thousands(size / step.seconds)} clients/s`,
    step,
  );
}

type Move = { clientId: string; from: string | null; to: string; reason: string; reportDue: string };

function clientDoc(c: RotationClient) {
  return {
    id: c.id,
    name: `Client ${c.id}`,
    kind: 'company',
    size: c.size ?? 'regular',
    phones: [],
    emails: [],
    managerId: c.managerId,
    ...(c.assignedAt ? { assignedAt: c.assignedAt } : {}),
    ...(c.formerHolders?.length ? { formerHolders: c.formerHolders } : {}),
    contactKeys: [],
    dealCount: c.dealsSinceAssignment,
    dealsSinceAssignment: c.dealsSinceAssignment,
    firstDealAt: c.lastDealAt,
    lastDealAt: c.lastDealAt,
    rotatable: c.managerId !== null,
    version: 1,
    updatedAt: '2026-01-01',
  };
}

async function load(db: Firestore, managers: RotationManager[], clients: RotationClient[]): Promise<void> {
  const writer = db.bulkWriter({ throttling: false });
  for (const m of managers)
    void writer.set(db.collection(collections.managers).doc(m.id), {
      id: m.id,
      name: m.id,
      email: `${m.id}@example.com`,
      level: m.level,
      active: m.active,
      role: 'manager',
    });
  for (const c of clients) void writer.set(db.collection(collections.clients).doc(c.id), clientDoc(c));
  await writer.close();
}

/**
 * The floor: the same three writes per move (the client's update, a transfer entry, a task) sent
 * with BulkWriter, unthrottled, as fast as this emulator takes them, into a copy of the same base.
 */
async function rawWrites(db: Firestore, moves: Move[], stamp: string): Promise<{ writes: number; seconds: number; cpu: number }> {
  const cpu0 = cpuSeconds();
  const writer = db.bulkWriter({ throttling: false });
  const t0 = performance.now();
  for (const m of moves) {
    const ref = db.collection(collections.clients).doc(m.clientId);
    void writer.update(ref, {
      managerId: m.to,
      assignedAt: at,
      dealsSinceAssignment: 0,
      rotatable: true,
      version: 2,
      updatedAt: stamp,
      formerHolders: FieldValue.arrayUnion({ managerId: m.from ?? 'none', until: at, rotationSeq: 1 }),
    });
    void writer.create(ref.collection(collections.history).doc(transferEntryId(stamp, 'raw')), {
      id: transferEntryId(stamp, 'raw'),
      type: 'transfer',
      clientId: m.clientId,
      at: stamp,
      by: 'bench',
      from: m.from,
      to: m.to,
      reason: m.reason,
      runId: 'raw',
    });
    void writer.create(db.collection(collections.tasks).doc(taskId('raw', m.clientId)), {
      id: taskId('raw', m.clientId),
      runId: 'raw',
      clientId: m.clientId,
      managerId: m.to,
      from: m.from,
      reason: m.reason,
      dueDate: m.reportDue,
      status: 'open',
      overdue: false,
      createdAt: stamp,
    });
  }
  await writer.close();
  return { writes: 3 * moves.length, seconds: (performance.now() - t0) / 1000, cpu: cpuSeconds() - cpu0 };
}

/**
 * CPU seconds spent so far by this process and by the emulator it talks to (Linux /proc; 0 for the
 * emulator elsewhere). On a machine shared with other work the wall clock also counts waits for a
 * core; CPU time does not, so the bench reports the ratio both ways.
 */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  const port = process.env.FIRESTORE_EMULATOR_HOST?.split(':')[1];
  let emulator = 0;
  for (const pid of existsSync('/proc') ? readdirSync('/proc').filter((d) => /^\d+$/.test(d)) : []) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('firestore') || !command.includes(`--port=${port}`)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      emulator = (Number(fields[11]) + Number(fields[12])) / 100;
      break;
    } catch {
      // a process that ended while being looked at
    }
  }
  return (own.user + own.system) / 1e6 + emulator;
}

async function job(size: number): Promise<BenchRow[]> {
  const db = openFirestore(`bench-rotation-${Date.now()}`);
  const copy = openFirestore(`bench-rotation-raw-${Date.now()}`);
  const { managers, clients } = company(size, 100);
  const t0 = performance.now();
  await load(db, managers, clients);
  await load(copy, managers, clients);
  console.log(
    `rotation job: loaded ${clients.length} clients, ${managers.length} managers (twice: the job's base and a copy for the raw rate)` +
      ` in ${((performance.now() - t0) / 1000).toFixed(1)}s`,
  );
  // The raw rate is taken on half the plan's moves just before the job and half just after, so that
  // work elsewhere on a shared machine weighs on both figures alike.
  const stamp = '2026-11-30T21:00:00.000Z';
  const { report: plan } = await runRotation(db, { at, dryRun: true, by: 'bench' });
  const half = Math.ceil(plan.moves.length / 2);
  const rawBefore = await rawWrites(copy, plan.moves.slice(0, half), stamp);
  const ops = countOperations(db);
  global.gc?.();
  const cpu1 = cpuSeconds();
  const step = await measured(() => runRotation(db, { at, dryRun: false, by: 'bench' }, { pacing: false }));
  const { report, status } = step.value;
  const ms = step.seconds * 1000;
  const jobCpu = cpuSeconds() - cpu1;
  const counted = { ...ops.count };
  const moved = report.moves.length;
  const moveRate = moved / (ms / 1000);
  const tasks = (await db.collection(collections.tasks).count().get()).data().count;
  console.log(
    `rotation job: ${status}, ${moved} moved (${tasks} tasks), ${report.unbalanced.length} unbalanced, ${report.skipped.length} skipped` +
      ` in ${(ms / 1000).toFixed(1)}s (M = ${Math.round(moveRate)} moves/s, pacing off on the emulator);` +
      ` rss ${mib(process.memoryUsage().rss)}`,
  );
  console.log(
    `rotation job: ${counted.reads} reads (${(counted.reads / Math.max(1, moved)).toFixed(2)} per moved client),` +
      ` ${counted.writes} writes (${(counted.writes / Math.max(1, moved)).toFixed(2)} per moved client),` +
      ` counted on the Firestore client; base ${clients.length} clients`,
  );
  const rawAfter = await rawWrites(copy, plan.moves.slice(half), stamp);
  const raw = (rawBefore.writes + rawAfter.writes) / (rawBefore.seconds + rawAfter.seconds);
  const rate = (r: { writes: number; seconds: number }) => Math.round(r.writes / r.seconds);
  console.log(
    `rotation job: raw BulkWriter rate on the same emulator R = ${Math.round(raw)} writes/s` +
      ` (the same ${rawBefore.writes + rawAfter.writes} client updates, entries and tasks;` +
      ` ${rate(rawBefore)} writes/s just before the job, ${rate(rawAfter)} just after)`,
  );
  console.log(`rotation job: M / (R / 3) = ${(moveRate / (raw / 3)).toFixed(2)}`);
  const rawCpuPerMove = (3 * (rawBefore.cpu + rawAfter.cpu)) / (rawBefore.writes + rawAfter.writes);
  const jobCpuPerMove = jobCpu / Math.max(1, moved);
  console.log(
    `rotation job: by CPU time (this process + the emulator): ${(1000 * jobCpuPerMove).toFixed(2)} ms a move,` +
      ` ${(1000 * rawCpuPerMove).toFixed(2)} ms for its three raw writes: ratio ${(rawCpuPerMove / jobCpuPerMove).toFixed(2)}`,
  );
  ops.reset();
  const again = await measured(() => runRotation(db, { at, dryRun: false, by: 'bench' }, { pacing: false }));
  const second = again.value;
  console.log(
    `rotation job: second run for the same day ${second.status}${second.report.alreadyApplied ? ' (already applied)' : ''},` +
      ` answered its stored report in ${again.seconds.toFixed(1)}s` +
      ` with ${ops.count.reads} reads and ${ops.count.writes} writes, moving nothing`,
  );
  const repeat = { ...ops.count };
  ops.stop();
  const perMove = (n: number) => (n / Math.max(1, moved)).toFixed(2);
  return [
    row(
      'rotation',
      'job on the emulator',
      `${thousands(clients.length)} clients, 100 managers`,
      `${thousands(moved)} moved; ${perMove(counted.reads)} reads + ${perMove(counted.writes)} writes per move; ` +
        `M = ${thousands(moveRate)} moves/s, raw R = ${thousands(raw)} writes/s, ` +
        `M / (R / 3) = ${(moveRate / (raw / 3)).toFixed(2)} (by CPU ${(rawCpuPerMove / jobCpuPerMove).toFixed(2)})`,
      step,
    ),
    row(
      'rotation',
      'the same day again',
      `${thousands(clients.length)} clients`,
      `stored report, ${repeat.reads} reads, ${repeat.writes} writes, nothing moved`,
      again,
    ),
  ];
}

export async function bench(): Promise<BenchRow[]> {
  const plan = await planner(Number(process.env.BENCH_ROTATION_CLIENTS ?? 1_000_000), Number(process.env.BENCH_ROTATION_MANAGERS ?? 2_000));
  return [plan, ...(await job(Number(process.env.BENCH_ROTATION_JOB_CLIENTS ?? 50_000)))];
}
