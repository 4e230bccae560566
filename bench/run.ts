// `npm run bench`: starts one real Firestore emulator and runs every bench/*.bench.ts in turn.
// Each bench module exports `bench(): Promise<void>` and prints its own figures.
// Pass names to run only some: `npm run bench -- rotation bonus`.
import { readdirSync } from 'node:fs';
import { startEmulator } from '../functions/src/local/emulator.ts';

const only = process.argv.slice(2);
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const emulator = await startEmulator({ quiet: true });
process.env.FIRESTORE_EMULATOR_HOST = emulator.host;
console.log(`bench: Firestore emulator at ${emulator.host}; node ${process.version}`);
try {
  for (const f of files) {
    console.log(`\n=== ${f}`);
    const mod = (await import(new URL(f, import.meta.url).href)) as { bench: () => Promise<void> };
    await mod.bench();
  }
} finally {
  await emulator.stop();
}
process.exit(0);
