// Concurrent staff at full size: 20 managers in three sheets each and the head of sales saving
// overlapping rows through the API while a rotation applies and rules are published, then every
// answer and every client's history checked (test/support/concurrent-staff.ts).
import { randomUUID } from 'node:crypto';
import { openFirestore } from '../functions/src/store/db.ts';
import { startApiServer } from '../test/support/api-server.ts';
import { concurrentStaff, percentile, seedStaff, type StaffWork } from '../test/support/concurrent-staff.ts';
import { measured, row, thousands, type BenchRow } from './table.ts';

export async function bench(): Promise<BenchRow[]> {
  const work: StaffWork = {
    managers: 20,
    clientsEach: 50,
    sheetsEach: 3,
    saves: Number(process.env.BENCH_STAFF_SAVES ?? 10),
    rowsPerSave: 20,
    publishes: 10,
  };
  const projectId = `bench-staff-${randomUUID().slice(0, 8)}`;
  const db = openFirestore(projectId);
  await seedStaff(db, work);
  const api = await startApiServer(projectId);
  try {
    const call = async (method: string, path: string, as: string, body?: unknown) => {
      const res = await fetch(api.url + path, {
        method,
        headers: { authorization: `Bearer ${api.tokenFor(as)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    const step = await measured(() => concurrentStaff(db, call, work, Date.now()));
    const o = step.value;
    const figures =
      `${thousands(o.sent)} rows in ${thousands(o.calls)} calls: ${thousands(o.applied)} applied, ` +
      `${thousands(o.conflicts)} conflicts, ${o.leftTheBook} gone from the book;` +
      ` ${o.moved} moved by the rotation, ${o.publishes} rules published; p50 ${percentile(o.latencies, 50).toFixed(0)} ms, ` +
      `p99 ${percentile(o.latencies, 99).toFixed(0)} ms, ${o.errors} errors; ${o.problems.length} lost or unexplained updates`;
    console.log(`concurrency: ${figures}`);
    if (o.problems.length > 0) throw new Error(`concurrency: ${o.problems.slice(0, 20).join('\n')}`);
    return [
      row(
        'concurrency',
        'staff saving overlapping rows during a rotation and rules publishes',
        `20 managers × ${work.sheetsEach} sheets + the head, ${thousands(work.managers * work.clientsEach)} clients`,
        figures,
        step,
      ),
    ];
  } finally {
    await api.close();
  }
}
