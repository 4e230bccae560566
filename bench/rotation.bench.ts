// Rotation (issue 3): the pure planner on 1,000,000 clients / 2,000 managers, and the job on the
// emulator with 50,000 clients. Sizes: BENCH_ROTATION_CLIENTS, BENCH_ROTATION_MANAGERS,
// BENCH_ROTATION_JOB_CLIENTS.
import { planRotation } from '../functions/src/core/rotation/plan-rotation.ts';
import type { RotationClient, RotationManager } from '../functions/src/core/rotation/types.ts';
import { executeRotation } from '../functions/src/jobs/rotation-job.ts';
import { rotationRulesSchema } from '../functions/src/schema/rules-config.ts';
import { collections } from '../functions/src/store/collections.ts';
import { openFirestore } from '../functions/src/store/db.ts';

const at = '2026-12-01';
const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;

/**
 * A department: managers over 5 levels (1 in 100 inactive); each client held by a manager, a
 * tenth large, a third with recent holders; about half stale (held since March 2024 without a deal
 * since, or last deal in 2025-01), the rest fresh; every 25th unassigned.
 */
function company(clients: number, managerCount: number): { managers: RotationManager[]; clients: RotationClient[] } {
  let s = 42;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const managers: RotationManager[] = Array.from({ length: managerCount }, (_, i) => ({ id: `m${String(i).padStart(4, '0')}`, level: 1 + (i % 5), active: i % 100 !== 99 }));
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
      formerHolders: rnd() < 0.3 ? [{ managerId: managers[Math.floor(rnd() * managerCount)]!.id, until: '2025-12-01', rotationSeq: 4 }] : [],
      version: 1,
    });
  }
  return { managers, clients: out };
}

async function planner(size: number, managerCount: number): Promise<void> {
  const { managers, clients } = company(size, managerCount);
  const candidates = clients.filter((c) => c.managerId !== null);
  const unassigned = clients.filter((c) => c.managerId === null);
  global.gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const plan = planRotation({ managers, candidates, unassigned, rules: rotationRulesSchema.parse({}), at, seq: 5 });
  const ms = performance.now() - t0;
  const after = process.memoryUsage();
  console.log(`rotation planner: ${size} clients (${candidates.length} held), ${managerCount} managers -> ${plan.moves.length} moves (${plan.moves.filter((m) => m.reason === 'top-up').length} top-ups), ${plan.unbalanced.length} unbalanced, ${plan.skipped.length} skipped`);
  console.log(`rotation planner: ${(ms / 1000).toFixed(2)}s (${Math.round(size / (ms / 1000))} clients/s); heap ${mib(before.heapUsed)} -> ${mib(after.heapUsed)}, rss ${mib(after.rss)}`);
}

async function job(size: number): Promise<void> {
  const db = openFirestore(`bench-rotation-${Date.now()}`);
  const { managers, clients } = company(size, 100);
  const t0 = performance.now();
  const writer = db.bulkWriter({ throttling: false });
  for (const m of managers) void writer.set(db.collection(collections.managers).doc(m.id), { id: m.id, name: m.id, email: `${m.id}@example.com`, level: m.level, active: m.active, role: 'manager' });
  for (const c of clients) {
    void writer.set(db.collection(collections.clients).doc(c.id), {
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
    });
  }
  await writer.close();
  console.log(`rotation job: loaded ${clients.length} clients, ${managers.length} managers in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
  const ops = { reads: 0, writes: 0 };
  global.gc?.();
  const t1 = performance.now();
  const { report, status } = await executeRotation(db, { at, dryRun: false, by: 'bench' }, { pacing: false, ops });
  const ms = performance.now() - t1;
  const moved = report.moves.length;
  const tasks = (await db.collection(collections.tasks).count().get()).data().count;
  console.log(`rotation job: ${status}, ${moved} moved (${tasks} tasks), ${report.unbalanced.length} unbalanced, ${report.skipped.length} skipped in ${(ms / 1000).toFixed(1)}s (${Math.round(moved / (ms / 1000))} moves/s, pacing off on the emulator); rss ${mib(process.memoryUsage().rss)}`);
  console.log(`rotation job: ${ops.reads} reads (${(ops.reads / Math.max(1, moved)).toFixed(2)} per moved client), ${ops.writes} writes (${(ops.writes / Math.max(1, moved)).toFixed(2)} per moved client); base ${clients.length} clients`);
  const again = performance.now();
  const second = await executeRotation(db, { at, dryRun: false, by: 'bench' }, { pacing: false });
  console.log(`rotation job: second run for the same day ${second.status}, answered its stored report in ${((performance.now() - again) / 1000).toFixed(1)}s, moving nothing`);
}

export async function bench(): Promise<void> {
  await planner(Number(process.env.BENCH_ROTATION_CLIENTS ?? 1_000_000), Number(process.env.BENCH_ROTATION_MANAGERS ?? 2_000));
  await job(Number(process.env.BENCH_ROTATION_JOB_CLIENTS ?? 50_000));
}
