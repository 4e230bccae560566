import { randomUUID } from 'node:crypto';
import { openFirestore } from '../functions/src/store/db.ts';

/**
 * The emulator's raw write rate right now: `count` small documents sent through an unthrottled
 * BulkWriter into a scratch project, as fast as the emulator takes them. Jobs are compared with it.
 */
export async function rawWriteRate(count: number): Promise<{ writes: number; seconds: number }> {
  const db = openFirestore(`bench-raw-${randomUUID().slice(0, 8)}`);
  const writer = db.bulkWriter({ throttling: false });
  const started = performance.now();
  for (let i = 0; i < count; i++)
    void writer.set(db.collection('raw').doc(`r${i}`), { i, managerId: `m${i % 50}`, amount: 100_000 + i, note: 'raw write' });
  await writer.close();
  return { writes: count, seconds: (performance.now() - started) / 1000 };
}
