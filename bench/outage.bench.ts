// A database outage at full size: 200 API requests and the three scheduled jobs while the emulator
// is stopped, then the same handlers once it is back (test/support/outage-drill.ts).
import { outageDrill } from '../test/support/outage-drill.ts';
import { percentile } from '../test/support/concurrent-staff.ts';
import { measured, row, type BenchRow } from './table.ts';

export async function bench(): Promise<BenchRow[]> {
  const requests = Number(process.env.BENCH_OUTAGE_REQUESTS ?? 200);
  const step = await measured(() => outageDrill({ deadlineMs: 2000, requests, clients: 300 }));
  const o = step.value;
  const api = o.apiDuringOutage.map((a) => a.millis);
  const figures =
    `api: ${o.apiDuringOutage.filter((a) => a.status === 503).length}/${requests} answered 503 (deadline 2 s), ` +
    `p50 ${percentile(api, 50).toFixed(0)} ms, max ${Math.max(...api).toFixed(0)} ms;` +
    ` jobs: ${o.jobsDuringOutage.map((a) => `${a.status} after ${(a.millis / 1000).toFixed(0)} s`).join(', ')}; ` +
    `answering again ${(o.recoveredMillis / 1000).toFixed(1)} s after the database was back; ${o.problems.length} problems`;
  console.log(`outage: ${figures}`);
  if (o.problems.length > 0) throw new Error(`outage: ${o.problems.join('\n')}`);
  return [row('outage', 'database stopped and started again', `${requests} API requests, 3 jobs, 300 clients`, figures, step)];
}
