// Bonuses: the pure calculator on a month of 1,000,000 deals, and the monthly job on the
// emulator with 100,000 deals in the month. Sizes: BENCH_BONUS_DEALS, BENCH_BONUS_JOB_DEALS.
import { computeStatements } from '../functions/src/core/bonus/statement.ts';
import type { BonusClient, BonusDeal } from '../functions/src/core/bonus/types.ts';
import { computeBonusMonth } from '../functions/src/operations/bonus-job.ts';
import { collections } from '../functions/src/store/collections.ts';
import { openFirestore } from '../functions/src/store/db.ts';
import { publishRules } from '../functions/src/store/rules-store.ts';
import { bonusRulesSchema } from '../functions/src/schema/rules-config.ts';
import { countOperations } from '../test/support/counting-firestore.ts';
import { rulesConfigSchema } from '../functions/src/schema/rules-config.ts';
import { rawWriteRate } from './raw-write-rate.ts';
import { measured, row, thousands, type BenchRow } from './table.ts';

const month = '2026-03';
const bonus = {
  normalRate: 0.05,
  newClientMultiplier: 3,
  retentionMonths: 3,
  attractionBonus: 100_000,
  attractionTiers: [{ minClients: 50, amount: 150_000 }],
  cohortTiers: [
    { minShare: 1, rate: 0.04 },
    { minShare: 0.4, rate: 0.03 },
    { minShare: 0, rate: 0.02 },
  ],
};

/**
 * A month's worth of a department: 50 managers, 5 deals per client in the month; a fifth of the
 * clients are new this month, a fifth pass their retention gate this month (first deal in December,
 * one deal then), the rest are old clients.
 */
function department(monthDeals: number): { clients: BonusClient[]; deals: BonusDeal[] } {
  const clientCount = Math.ceil(monthDeals / 5);
  const clients: BonusClient[] = [];
  const deals: BonusDeal[] = [];
  for (let i = 0; i < clientCount; i++) {
    const managerId = `m${String(i % 50).padStart(2, '0')}`;
    const kind = i % 5;
    const firstDealAt =
      kind === 0
        ? `${month}-${String(1 + (i % 20)).padStart(2, '0')}`
        : kind === 1
          ? `2025-12-${String(1 + (i % 28)).padStart(2, '0')}`
          : '2024-06-01';
    clients.push({ id: `c${i}`, managerId, attractedBy: managerId, firstDealAt, ...(i % 17 === 0 ? { lostAt: '2026-02-01' } : {}) });
    let seq = kind === 0 ? 1 : kind === 1 ? 2 : 20;
    if (kind === 1)
      deals.push({ id: `c${i}-dec`, clientId: `c${i}`, managerId, date: firstDealAt, amount: 90_000, profit: 12_345, seq: 1 });
    for (let k = 0; k < 5 && deals.length < monthDeals + clientCount; k++) {
      const day = kind === 0 ? Math.max(1 + (i % 20), 1 + (i % 20) + k) : 1 + ((i + k) % 28);
      deals.push({
        id: `c${i}-${k}`,
        clientId: `c${i}`,
        managerId,
        date: `${month}-${String(day).padStart(2, '0')}`,
        amount: 100_000 + (i % 1000),
        profit: 10_000 + ((i * 7 + k) % 5000),
        seq: seq++,
      });
    }
  }
  return { clients, deals };
}

const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;

async function calculator(size: number): Promise<BenchRow> {
  const { clients, deals } = department(size);
  const rules = bonusRulesSchema.parse(bonus);
  global.gc?.();
  const before = process.memoryUsage();
  const cpu0 = process.cpuUsage();
  const step = await measured(() => computeStatements({ month, rules, deals, clients }));
  const statements = step.value;
  const ms = step.seconds * 1000;
  const cpu = process.cpuUsage(cpu0);
  const after = process.memoryUsage();
  const lines = statements.reduce((n, s) => n + s.lines.length, 0);
  const inMonth = deals.filter((d) => d.date.startsWith(month)).length;
  console.log(
    `bonus calculator: ${inMonth} deals in the month (+${deals.length - inMonth} earlier gate deals), ${clients.length} clients` +
      ` -> ${statements.length} statements, ${lines} lines`,
  );
  // CPU time too: on a machine shared with other work, wall time also counts the waits for a core.
  console.log(
    `bonus calculator: ${(ms / 1000).toFixed(2)}s (${Math.round(inMonth / (ms / 1000))} deals/s;` +
      ` cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)}s);` +
      ` heap ${mib(before.heapUsed)} -> ${mib(after.heapUsed)}, rss ${mib(after.rss)}`,
  );
  return row(
    'bonus',
    'calculator (pure)',
    `${thousands(inMonth)} deals in a month, ${thousands(clients.length)} clients`,
    `${thousands(lines)} lines in ${statements.length} statements, ${thousands(inMonth / step.seconds)} deals/s`,
    step,
  );
}

async function job(size: number): Promise<BenchRow[]> {
  const db = openFirestore(`bench-bonus-${Date.now()}`);
  await publishRules(db, rulesConfigSchema.parse({ bonus }), { by: 'bench', at: '2026-01-01T00:00:00.000Z' });
  const { clients, deals } = department(size);
  const t0 = performance.now();
  const writer = db.bulkWriter({ throttling: false });
  for (const c of clients) {
    void writer.set(db.collection(collections.clients).doc(c.id), {
      ...c,
      name: c.id,
      kind: 'company',
      size: 'regular',
      phones: [],
      emails: [],
      assignedAt: '2024-06-01',
      contactKeys: [],
      dealCount: 0,
      dealsSinceAssignment: 0,
      lastDealAt: null,
      rotatable: true,
      version: 1,
      updatedAt: '2026-01-01',
    });
  }
  for (const d of deals) void writer.set(db.collection(collections.deals).doc(d.id), d);
  await writer.close();
  const loadS = (performance.now() - t0) / 1000;
  console.log(`bonus job: loaded ${clients.length} clients and ${deals.length} deals with BulkWriter in ${loadS.toFixed(1)}s`);
  const rawBefore = await rawWriteRate(Math.min(20_000, deals.length));
  const ops = countOperations(db);
  const step = await measured(() => computeBonusMonth(db, { month, by: 'bench', at: '2026-04-01T02:00:00.000Z' }));
  const report = step.value;
  const s = step.seconds;
  const { reads, writes } = ops.count;
  ops.stop();
  const rawAfter = await rawWriteRate(Math.min(20_000, deals.length));
  const raw = (rawBefore.writes + rawAfter.writes) / (rawBefore.seconds + rawAfter.seconds);
  const mem = process.memoryUsage();
  const run = (await db.collection(collections.bonusRuns).where('month', '==', month).get()).docs[0]!.data() as {
    millis: Record<string, number>;
  };
  const inMonth = deals.filter((d) => d.date.startsWith(month)).length;
  console.log(
    `bonus job: ${inMonth} deals in the month -> ${report.statements.length} statements in ${s.toFixed(1)}s;` +
      ` rss ${mib(mem.rss)}, heap ${mib(mem.heapUsed)}`,
  );
  console.log(`bonus job: phases (ms) ${JSON.stringify(run.millis)}`);
  console.log(
    `bonus job: Firestore reads ${reads}, counted on the Firestore client = ${(reads / inMonth).toFixed(2)} per deal; ${writes} writes`,
  );
  const rate = inMonth / s;
  console.log(
    `bonus job: ${thousands(rate)} deals/s against a raw BulkWriter rate on the same emulator ` +
      `of R = ${thousands(raw)} writes/s (just before and after): ${(rate / raw).toFixed(2)} deals per raw write`,
  );
  const again = await measured(() => computeBonusMonth(db, { month, by: 'bench', at: '2026-04-01T03:00:00.000Z' }));
  console.log(`bonus job: recomputed (idempotent rerun) in ${again.seconds.toFixed(1)}s`);
  const repeat = await measured(() => computeBonusMonth(db, { month, by: 'bench', at: '2026-04-01T03:00:00.000Z' }));
  console.log(
    `bonus job: the same slot again answered its stored statements in ${repeat.seconds.toFixed(1)}s ` +
      `(alreadyApplied: ${repeat.value.alreadyApplied === true})`,
  );
  return [
    row(
      'bonus',
      'job on the emulator',
      `${thousands(inMonth)} deals in the month, ${thousands(clients.length)} clients, 50 managers`,
      `${report.statements.length} statements; ` +
        `${(reads / inMonth).toFixed(2)} reads + ${(writes / inMonth).toFixed(4)} writes per deal; ` +
        `${thousands(rate)} deals/s, raw R = ${thousands(raw)} writes/s, ratio ${(rate / raw).toFixed(2)}`,
      step,
    ),
    row('bonus', 'recomputing the month', `${thousands(inMonth)} deals`, 'identical statements rewritten', again),
    row('bonus', 'the same slot again', `${thousands(inMonth)} deals`, 'stored statements answered, nothing computed', repeat),
  ];
}

export async function bench(): Promise<BenchRow[]> {
  const calc = await calculator(Number(process.env.BENCH_BONUS_DEALS ?? 1_000_000));
  return [calc, ...(await job(Number(process.env.BENCH_BONUS_JOB_DEALS ?? 100_000)))];
}
