// `npm start`: the whole system on this machine. The real Firestore emulator (data kept in
// .emulator-data/ between runs), the demo company when the base is empty, every Cloud Function
// served by the functions framework, the scheduled jobs run once, and ready-to-use tokens.
// `npm start -- --once` stops after the jobs (for a quick look or a check); `--fresh` starts empty.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { format, subMonths } from 'date-fns';
import { freePort, startEmulator } from './emulator.ts';
import { demoCompany } from './demo-company.ts';
import { startDevIdentity } from './dev-identity.ts';
import { rawSnapshotFromObject } from '../cli/snapshot-files.ts';
import { importSnapshot } from '../store/snapshot-import.ts';
import { openFirestore } from '../store/db.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = `${root}.emulator-data`;
const args = new Set(process.argv.slice(2));
const once = args.has('--once');
const projectId = 'clientbase-demo';
const audience = 'clientbase-local';
const log = (line = '') => process.stdout.write(`${line}\n`);

async function portOr(preferred: number): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => void freePort().then(resolve));
    srv.listen(preferred, '127.0.0.1', () => srv.close(() => resolve(preferred)));
  });
}

/** Targets registered in index.ts (`http('name', ...)`), in the order written. */
function registeredTargets(): string[] {
  const source = readFileSync(`${root}functions/src/index.ts`, 'utf8');
  return [...source.matchAll(/^\s*http\(\s*'([A-Za-z0-9_-]+)'/gm)].map((m) => m[1]!);
}

function localSecrets(): { unsubscribeSecret: string; gatewaySecret: string } {
  const file = `${dataDir}/local-secrets.json`;
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const secrets = { unsubscribeSecret: randomBytes(32).toString('base64url'), gatewaySecret: randomBytes(16).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets));
  return secrets;
}

async function waitForHttp(url: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`function ${name} exited with code ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`function ${name} did not answer at ${url}`);
}

async function main(): Promise<void> {
  if (args.has('--fresh')) rmSync(dataDir, { recursive: true, force: true });
  log('clientbase local stack');
  const emulator = await startEmulator({ port: await portOr(8080), projectId, rulesFile: `${root}firestore.rules`, seedFrom: `${dataDir}/firestore`, quiet: true });
  process.env.FIRESTORE_EMULATOR_HOST = emulator.host;
  process.env.GCLOUD_PROJECT = projectId;
  log(`- Firestore emulator: ${emulator.host} (project ${projectId}; data kept in .emulator-data/)`);

  const db = openFirestore(projectId);
  if ((await db.collection('clients').limit(1).get()).empty) {
    const started = Date.now();
    const result = await importSnapshot(db, rawSnapshotFromObject(demoCompany({ today: new Date() })), { at: new Date().toISOString(), by: 'seed', throttle: false });
    log(`- Seeded the demo company: ${result.managers} managers, ${result.clients} clients, ${result.deals} deals (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  } else {
    log('- The base already holds data (delete .emulator-data/ or pass --fresh to start over)');
  }

  const identity = await startDevIdentity({ audience });
  const secrets = localSecrets();
  const children: ChildProcess[] = [];
  const urls = new Map<string, string>();
  // The framework's own CLI (what `functions-framework --target=...` runs), next to its index.
  const frameworkMain = join(dirname(createRequire(import.meta.url).resolve('@google-cloud/functions-framework')), 'main.js');
  let port = await portOr(8081);
  for (const target of registeredTargets()) {
    const url = `http://127.0.0.1:${port}/`;
    const env = {
      ...process.env,
      FIRESTORE_EMULATOR_HOST: emulator.host,
      GCLOUD_PROJECT: projectId,
      GOOGLE_CLOUD_PROJECT: projectId,
      // Not on Google Cloud: do not probe the metadata server for credentials.
      METADATA_SERVER_DETECTION: 'none',
      API_AUDIENCE: audience,
      ID_TOKEN_CERTS_URL: identity.certsUrl,
      SCHEDULER_AUTH: 'disabled',
      UNSUBSCRIBE_SECRET: secrets.unsubscribeSecret,
      UNSUBSCRIBE_URL: urls.get('unsubscribe') ?? `http://127.0.0.1:${port}/`,
      SMS_GATEWAY_SECRET: secrets.gatewaySecret,
      SIGNUP_ALLOWED_ORIGINS: '*',
    };
    const child = spawn(process.execPath, [frameworkMain, `--target=${target}`, `--source=${root}functions/src/index.ts`, `--port=${port}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${target}] ${chunk}`));
    children.push(child);
    urls.set(target, url);
    port = await portOr(port + 1);
  }
  // Unsubscribe links point at the unsubscribe function wherever it landed.
  await Promise.all([...urls].map(([name, url], i) => waitForHttp(url, children[i]!, name)));
  for (const [name, url] of urls) log(`- function ${name.padEnd(15)} ${url}`);

  const stopAll = async () => {
    for (const c of children) c.kill('SIGTERM');
    await identity.close();
    await emulator.exportTo(`${dataDir}/firestore`).catch((e: Error) => log(`(could not keep the data: ${e.message})`));
    await emulator.stop();
  };

  const today = format(new Date(), 'yyyy-MM-dd');
  const runJob = async (name: string, query: string): Promise<unknown> => {
    const url = urls.get(name);
    if (!url) return undefined;
    const res = await fetch(`${url}?${query}`, { method: 'POST' });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) log(`  ${name}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    return res.ok ? body : undefined;
  };
  log('');
  log(`Scheduled jobs, run once now as Cloud Scheduler would (slot ${today}):`);
  const rotation = (await runJob('rotation', `at=${today}`)) as { runId?: string; moves?: unknown[]; unbalanced?: unknown[]; skipped?: unknown[] } | undefined;
  if (rotation) log(`- rotation ${rotation.runId ?? ''}: ${rotation.moves?.length ?? 0} client(s) moved, ${rotation.unbalanced?.length ?? 0} unbalanced, ${rotation.skipped?.length ?? 0} skipped (a second run today moves nothing)`);
  const overdue = (await runJob('overdueReports', `at=${today}`)) as Record<string, unknown> | undefined;
  if (overdue) log(`- overdue handover reports: ${JSON.stringify(overdue).slice(0, 200)}`);
  const lastMonth = format(subMonths(new Date(), 1), 'yyyy-MM');
  const bonuses = (await runJob('bonuses', `at=${format(new Date(), 'yyyy-MM')}-01`)) as { month?: string; statements?: Array<{ totals?: { payable?: number; pending?: number } }> } | undefined;
  if (bonuses) {
    const payable = (bonuses.statements ?? []).reduce((s, st) => s + (st.totals?.payable ?? 0), 0);
    const pending = (bonuses.statements ?? []).reduce((s, st) => s + (st.totals?.pending ?? 0), 0);
    log(`- bonuses for ${bonuses.month ?? lastMonth}: ${bonuses.statements?.length ?? 0} statement(s), payable ${(payable / 100).toFixed(2)}, pending ${(pending / 100).toFixed(2)}`);
  }

  const admin = identity.mint({ email: 'head@demo.clientbase.dev', expiresIn: 12 * 3600 });
  const manager = identity.mint({ email: 'manager1@demo.clientbase.dev', expiresIn: 12 * 3600 });
  const api = urls.get('api');
  log('');
  log('Try it (tokens valid 12 hours, signed by the local stand-in issuer the API is configured to trust):');
  log(`  export ADMIN_TOKEN=${admin}`);
  log(`  export MANAGER_TOKEN=${manager}`);
  if (api) {
    log(`  curl -s ${api}me -H "Authorization: Bearer $MANAGER_TOKEN"`);
    log(`  curl -s "${api}clients?limit=5" -H "Authorization: Bearer $MANAGER_TOKEN"`);
    log(`  curl -s ${api}admin/rules -H "Authorization: Bearer $ADMIN_TOKEN"`);
    log(`  curl -s -X POST ${api}admin/rotation/preview -H "Authorization: Bearer $ADMIN_TOKEN" -H 'content-type: application/json' -d '{"at":"${today}"}'`);
  }
  log(`  FIRESTORE_EMULATOR_HOST=${emulator.host} npm run clientbase -- rotate --at ${today} --dry-run`);
  log(`  FIRESTORE_EMULATOR_HOST=${emulator.host} npm run clientbase -- bonuses --month ${lastMonth}`);

  if (once) {
    await stopAll();
    log('\nStopped (--once). Data kept in .emulator-data/.');
    process.exit(0);
  }
  log('\nPress Ctrl+C to stop (the data is kept in .emulator-data/).');
  const stop = () => void stopAll().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: Error) => {
  process.stderr.write(`npm start failed: ${e.message}\n`);
  process.exit(1);
});
