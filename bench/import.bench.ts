// Import of a 100,000-client snapshot file through the CLI path, on the emulator.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCompany } from '../functions/src/local/demo-company.ts';
import { readSnapshotFiles } from '../functions/src/cli/snapshot-files.ts';
import { importSnapshot } from '../functions/src/store/snapshot-import.ts';
import { openFirestore } from '../functions/src/store/db.ts';
import { measured, row, thousands, type BenchRow } from './table.ts';

export async function bench(): Promise<BenchRow[]> {
  const clients = Number(process.env.BENCH_IMPORT_CLIENTS ?? 100_000);
  const file = join(mkdtempSync(join(tmpdir(), 'bench-import-')), 'snapshot.json');
  const snapshot = demoCompany({ today: new Date('2026-11-01T00:00:00Z'), clients });
  writeFileSync(file, JSON.stringify(snapshot));
  const db = openFirestore(`bench-import-${Date.now()}`);
  const firstStep = await measured(() => importSnapshot(db, readSnapshotFiles([file]), { at: new Date().toISOString(), throttle: false }));
  const result = firstStep.value;
  const first = firstStep.seconds;
  const againStep = await measured(() => importSnapshot(db, readSnapshotFiles([file]), { at: new Date().toISOString(), throttle: false }));
  const again = againStep.value;
  const second = againStep.seconds;
  const mem = process.memoryUsage();
  console.log(`import: ${clients} clients, ${result.deals} deals, ${result.history} history entries, ${result.contactKeys} contact keys`);
  console.log(
    `import: first run ${first.toFixed(1)}s (${Math.round(clients / first)} clients/s); ` +
      `re-import ${second.toFixed(1)}s, ${again.clientsUnchanged} unchanged`,
  );
  console.log(`import: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  const documents = result.clients + result.deals + result.history + result.contactKeys;
  return [
    row(
      'import',
      'snapshot import (CLI path)',
      `${thousands(clients)} clients, ${thousands(result.deals)} deals`,
      `${thousands(documents)} documents, ${thousands(clients / first)} clients/s`,
      firstStep,
    ),
    row(
      'import',
      'the same file again',
      `${thousands(clients)} clients`,
      `${thousands(again.clientsUnchanged)} unchanged, nothing rewritten`,
      againStep,
    ),
  ];
}
