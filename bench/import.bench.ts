// Import of a 100,000-client snapshot file through the CLI path, on the emulator.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCompany } from '../functions/src/local/demo-company.ts';
import { readSnapshotFiles } from '../functions/src/cli/snapshot-files.ts';
import { importSnapshot } from '../functions/src/store/snapshot-import.ts';
import { openFirestore } from '../functions/src/store/db.ts';

export async function bench(): Promise<void> {
  const clients = Number(process.env.BENCH_IMPORT_CLIENTS ?? 100_000);
  const file = join(mkdtempSync(join(tmpdir(), 'bench-import-')), 'snapshot.json');
  const snapshot = demoCompany({ today: new Date('2026-11-01T00:00:00Z'), clients });
  writeFileSync(file, JSON.stringify(snapshot));
  const db = openFirestore(`bench-import-${Date.now()}`);
  const t0 = performance.now();
  const raw = readSnapshotFiles([file]);
  const result = await importSnapshot(db, raw, { at: new Date().toISOString(), throttle: false });
  const first = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const again = await importSnapshot(db, readSnapshotFiles([file]), { at: new Date().toISOString(), throttle: false });
  const second = (performance.now() - t1) / 1000;
  const mem = process.memoryUsage();
  console.log(`import: ${clients} clients, ${result.deals} deals, ${result.history} history entries, ${result.contactKeys} contact keys`);
  console.log(`import: first run ${first.toFixed(1)}s (${Math.round(clients / first)} clients/s); re-import ${second.toFixed(1)}s, ${again.clientsUnchanged} unchanged`);
  console.log(`import: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
}
