// `npm run bench -- addon`: the built add-on in the Apps Script doubles, on the real API (a child
// process) and the emulator, for a manager holding 1,000 and 10,000 clients. Prints the Spreadsheet
// calls, API calls and the Firestore reads behind them (as Firestore bills them) of a load, a
// refresh, a 200-row save and a refresh after a fifth of the book left (scattered rows: 2,000 of
// 10,000); the Spreadsheet calls must be the same for both sizes and within the targets below.
// First the size of Code.js, which Apps Script parses on every execution: the bench fails above 250 KB.
import { fileURLToPath } from 'node:url';
import { buildAddon, maxScriptBytes } from '../apps-script/build.ts';
import { companyToday } from '../functions/src/core/calendar.ts';
import { startDevIdentity } from '../functions/src/local/dev-identity.ts';
import { openFirestore } from '../functions/src/store/db.ts';
import { loadAddon, startApiProcess, type AddonHarness, type ApiProcess } from '../test/support/apps-script/index.ts';
import { seedBook } from '../test/support/manager-book.ts';
import { measured, thousands, type BenchRow } from './table.ts';

const bundleDir = fileURLToPath(new URL('../apps-script/dist', import.meta.url));
const sizes = (process.env.BENCH_ADDON_CLIENTS ?? '1000,10000').split(',').map(Number);
const savedRows = 200;
/** Spreadsheet calls an action may make at most (each is an RPC in Apps Script, 6 minutes an execution). */
const targets: Record<string, number> = { load: 300, refresh: 120, [`save ${savedRows} rows`]: 120, 'refresh, 1/5 left': 300 };

type Figures = {
  spreadsheetCalls: number;
  getValues: number;
  setValues: number;
  apiCalls: number;
  apiMs: number;
  /** Firestore reads the API made for the action, as Firestore bills them (test/support/firestore-read-meter.ts). */
  firestoreReads: number;
  wallMs: number;
  peakRssMiB: number;
};

async function measure(addon: AddonHarness, api: ApiProcess, action: () => void): Promise<Figures> {
  addon.counts.reset();
  addon.fetches.reset();
  const before = (await api.reads()).reads;
  const { seconds, peakRssMiB } = await measured(action);
  const firestoreReads = (await api.reads()).reads - before;
  const wallMs = seconds * 1000;
  if (process.env.BENCH_ADDON_DETAIL) console.log(JSON.stringify(addon.counts.snapshot()));
  return {
    peakRssMiB,
    spreadsheetCalls: addon.counts.total,
    getValues: addon.counts.get('getValues'),
    setValues: addon.counts.get('setValues'),
    apiCalls: addon.fetches.length,
    apiMs: addon.fetches.reduce((sum, f) => sum + f.ms, 0),
    firestoreReads,
    wallMs,
  };
}

async function run(clients: number): Promise<Record<string, Figures>> {
  const projectId = `bench-addon-${clients}-${Date.now()}`;
  const db = openFirestore(projectId);
  const today = companyToday('Europe/Moscow');
  await db
    .collection('managers')
    .doc('anna')
    .set({ id: 'anna', name: 'Anna', email: 'anna@example.com', level: 1, active: true, role: 'manager' });
  const t = performance.now();
  await db
    .collection('managers')
    .doc('boris')
    .set({ id: 'boris', name: 'Boris', email: 'boris@example.com', level: 1, active: true, role: 'manager' });
  const book = await seedBook(db, { managerId: 'anna', count: clients, today });
  console.log(`addon: seeded ${clients} clients in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const identity = await startDevIdentity({ audience: 'clientbase-bench' });
  const api = await startApiProcess({
    emulatorHost: process.env.FIRESTORE_EMULATOR_HOST!,
    projectId,
    audience: identity.audience,
    certsUrl: identity.certsUrl,
    meterReads: true,
  });
  const addon = await loadAddon({ bundleDir, apiUrl: api.url, identity, userEmail: 'anna@example.com' });
  try {
    const load = await measure(addon, api, () => addon.call('menuRefreshMyClients'));
    const refresh = await measure(addon, api, () => addon.call('menuRefreshMyClients'));
    addon.spreadsheet.userEdit(
      'My clients',
      'A2',
      Array.from({ length: savedRows }, (_, i) => [`Renamed ${i}`]),
    );
    const save = await measure(addon, api, () => addon.call('menuSaveMyClients'));
    if (addon.ui.toasts.at(-1)?.message !== `${savedRows} rows saved.`)
      throw new Error(`addon: the save said ${JSON.stringify(addon.ui.toasts.at(-1) ?? addon.ui.alerts.at(-1))}`);
    // A fifth of the book handed to a colleague, one row in five all over the sheet.
    const writer = db.bulkWriter({ throttling: false });
    for (let i = 0; i < clients; i += 5) void writer.update(db.collection('clients').doc(book[i]!), { managerId: 'boris' });
    await writer.close();
    const departures = await measure(addon, api, () => addon.call('menuRefreshMyClients'));
    const left = addon.spreadsheet.grid('My clients').length - 1;
    if (left !== clients - Math.ceil(clients / 5)) throw new Error(`addon: ${left} rows after the departures`);
    // Every client the manager holds is a document the load reads: fewer reads means the meter missed some.
    if (load.firestoreReads < clients)
      throw new Error(`addon: the load counted ${load.firestoreReads} Firestore reads for ${clients} clients`);
    if (addon.counts.unlockedWrites > 0) throw new Error('addon: a write happened without the document lock');
    return { load, refresh, [`save ${savedRows} rows`]: save, 'refresh, 1/5 left': departures };
  } finally {
    await addon.close();
    await api.stop();
    await identity.close();
  }
}

export async function bench(): Promise<BenchRow[]> {
  const built = await buildAddon();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`addon: Code.js is ${kb(built.scriptBytes)} (at most ${kb(maxScriptBytes)}); with the pages ${kb(built.bytes)}`);
  if (built.scriptBytes > maxScriptBytes)
    throw new Error(`addon: Code.js is ${kb(built.scriptBytes)}, over ${kb(maxScriptBytes)}: every execution parses the whole script`);
  const results = new Map<number, Record<string, Figures>>();
  for (const size of sizes) results.set(size, await run(size));
  console.log("\naddon: per action (Spreadsheet calls include getValues/setValues; API time is the sum of the requests' times)");
  console.log(
    `${'clients'.padStart(8)}  ${'action'.padEnd(18)}${'Spreadsheet calls'.padStart(18)}${'getValues'.padStart(10)}` +
      `${'setValues'.padStart(10)}${'API calls'.padStart(10)}${'API time'.padStart(10)}` +
      `${'Firestore reads'.padStart(16)}${'wall'.padStart(9)}`,
  );
  for (const [size, actions] of results) {
    for (const [action, f] of Object.entries(actions)) {
      console.log(
        `${size.toLocaleString('en-US').padStart(8)}  ${action.padEnd(18)}${String(f.spreadsheetCalls).padStart(18)}` +
          `${String(f.getValues).padStart(10)}${String(f.setValues).padStart(10)}${String(f.apiCalls).padStart(10)}` +
          `${`${(f.apiMs / 1000).toFixed(1)} s`.padStart(10)}${thousands(f.firestoreReads).padStart(16)}` +
          `${`${(f.wallMs / 1000).toFixed(1)} s`.padStart(9)}`,
      );
    }
  }
  const [first, ...rest] = [...results.values()];
  for (const other of rest) {
    for (const action of Object.keys(first!)) {
      if (other[action]!.spreadsheetCalls !== first![action]!.spreadsheetCalls)
        throw new Error(
          `addon: ${action} makes ${other[action]!.spreadsheetCalls} Spreadsheet calls for one size and ` +
            `${first![action]!.spreadsheetCalls} for another: they must not grow with the rows`,
        );
    }
  }
  console.log('addon: Spreadsheet calls are the same for every size');
  for (const [size, actions] of results)
    for (const [action, f] of Object.entries(actions))
      if (f.spreadsheetCalls > targets[action]!)
        throw new Error(
          `addon: ${action} at ${thousands(size)} rows makes ${f.spreadsheetCalls} Spreadsheet calls, over ${targets[action]}`,
        );
  console.log(
    `addon: every action within its target (${Object.entries(targets)
      .map(([a, n]) => `${a} ≤ ${n}`)
      .join(', ')})`,
  );
  // The table keeps the largest book: the calls do not grow with it, the time does.
  const largest = Math.max(...results.keys());
  const size: BenchRow = {
    bench: 'add-on',
    what: 'Code.js',
    size: kb(built.scriptBytes),
    figures: `at most ${kb(maxScriptBytes)}`,
    seconds: 0,
    peakRssMiB: 0,
  };
  return [
    size,
    ...Object.entries(results.get(largest)!).map(([action, f]) => ({
      bench: 'add-on',
      what: action,
      size: `${thousands(largest)} rows`,
      figures:
        `${f.spreadsheetCalls} Spreadsheet calls (${f.getValues} getValues, ${f.setValues} setValues), ` +
        `${f.apiCalls} API call${f.apiCalls === 1 ? '' : 's'} taking ${(f.apiMs / 1000).toFixed(1)} s, ` +
        `${thousands(f.firestoreReads)} Firestore reads`,
      seconds: f.wallMs / 1000,
      peakRssMiB: f.peakRssMiB,
    })),
  ];
}
