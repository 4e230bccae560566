// `npm run bench`: starts one real Firestore emulator and runs every bench/*.bench.ts in turn, each
// in its own Node process (so its peak memory is its own), then prints one table of every bench's
// rows. Each bench module exports `bench(): Promise<BenchRow[]>` and prints its own details as it goes.
// Pass names to run only some: `npm run bench -- rotation bonus`.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../functions/src/local/emulator.ts';
import { benchTable, type BenchRow } from './table.ts';

const rowsMarker = 'BENCH_ROWS ';
const only = process.argv.slice(2);
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

/** In the child: run one bench and hand its rows back on a marked line. */
if (process.env.BENCH_FILE) {
  const mod = (await import(new URL(process.env.BENCH_FILE, import.meta.url).href)) as { bench: () => Promise<BenchRow[]> };
  const rows = await mod.bench();
  process.stdout.write(`\n${rowsMarker}${JSON.stringify(rows)}\n`);
  process.exit(0);
}

function runOne(file: string): Promise<BenchRow[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], {
      env: { LOG_LEVEL: 'silent', ...process.env, BENCH_FILE: file },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let rows: BenchRow[] = [];
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith(rowsMarker)) rows = JSON.parse(line.slice(rowsMarker.length)) as BenchRow[];
        else process.stdout.write(`${line}\n`);
      }
    });
    child.once('exit', (code) => (code === 0 ? resolve(rows) : reject(new Error(`${file} failed (exit ${code})`))));
  });
}

const emulator = await startEmulator({ quiet: true });
process.env.FIRESTORE_EMULATOR_HOST = emulator.host;
const started = new Date();
console.log(
  `bench: Firestore emulator at ${emulator.host}; node ${process.version}; ` +
    `${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
);
const all: BenchRow[] = [];
const failed: string[] = [];
try {
  for (const f of files) {
    console.log(`\n=== ${f}`);
    try {
      all.push(...(await runOne(f)));
    } catch (e) {
      failed.push(f);
      console.error(String((e as Error).message));
    }
  }
} finally {
  await emulator.stop();
}
const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(1);
console.log(
  `\n=== the table (${started.toISOString().slice(0, 10)}, node ${process.version}, ` +
    `${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${minutes} min in all)\n`,
);
console.log(benchTable(all));
if (failed.length > 0) {
  console.error(`\nbench: ${failed.join(', ')} failed`);
  process.exit(1);
}
process.exit(0);
