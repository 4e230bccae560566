// `npm start`: the whole system on this machine. The real Firestore emulator (data kept in
// .emulator-data/ between runs), the demo company when the base is empty, every Cloud Function
// served by the functions framework on 127.0.0.1, the job functions behind a stand-in for Cloud Run's
// IAM front door, the scheduled jobs run once with a scheduler token, and ready-to-use tokens.
// `npm start -- --once` stops after the jobs (for a quick look or a check); `--fresh` starts empty.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format, subMonths } from 'date-fns';
import { freePort, startEmulator, type Emulator } from './emulator.ts';
import { demoCompany } from './demo-company.ts';
import { startDevIdentity } from './dev-identity.ts';
import { startFrontDoor, type FrontDoor } from './iam-front-door.ts';
import { functionTable } from '../deploy/function-table.ts';
import { cloudRunFrontDoor } from '../http/scheduled-job.ts';
import { rawSnapshotFromObject } from '../core/raw-snapshot.ts';
import { hasAnyClient } from '../store/client-list-store.ts';
import { importCompanySnapshot } from '../operations/import-snapshot.ts';
import { openFirestore } from '../store/db.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    once: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: join(root, '.emulator-data') },
    'demo-clients': { type: 'string', default: '3000' },
    'keep-every': { type: 'string', default: '60' },
  },
});
const dataDir = resolve(flags['data-dir']!);
const exportsDir = join(dataDir, 'exports');
const pidFile = join(dataDir, 'stack-pids.json');
const projectId = 'clientbase-demo';
const audience = 'clientbase-local';
const schedulerAccount = `clientbase-scheduler@${projectId}.iam.gserviceaccount.com`;
const log = (line = '') => process.stdout.write(`${line}\n`);

/** The functions, by name, from the entry points' own table. */
async function registeredTargets(): Promise<string[]> {
  const { entryPoints } = await import('../index.ts');
  return Object.keys(entryPoints);
}

async function isFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const srv = createServer();
    srv.once('error', () => done(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => done(true)));
  });
}

/** Every port, decided before anything starts, so each function can be told where the others are. */
async function choosePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let p = 8080; ports.length < count && p < 8180; p++) if (await isFree(p)) ports.push(p);
  while (ports.length < count) ports.push(await freePort());
  return ports;
}

type LocalSecrets = { unsubscribeSecret: string; gatewaySecret: string; espWebhookSecret: string };

/** Made once per data folder; a folder from before the e-mail webhook had its own secret gets one added. */
function localSecrets(): LocalSecrets {
  const file = join(dataDir, 'local-secrets.json');
  const kept: Partial<LocalSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const secrets: LocalSecrets = {
    unsubscribeSecret: kept.unsubscribeSecret ?? randomBytes(32).toString('base64url'),
    gatewaySecret: kept.gatewaySecret ?? randomBytes(16).toString('base64url'),
    espWebhookSecret: kept.espWebhookSecret ?? randomBytes(16).toString('base64url'),
  };
  if (Object.keys(kept).length === 3) return secrets;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/**
 * A stack killed hard (kill -9, a closed laptop lid gone wrong) leaves its emulator running
 * detached; the next start stops it by the pid it recorded, after checking that pid is still that.
 */
function stopLeftovers(): void {
  if (!existsSync(pidFile)) return;
  const recorded = JSON.parse(readFileSync(pidFile, 'utf8')) as { emulator?: number };
  const pid = recorded.emulator;
  if (pid) {
    const command = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout ?? '';
    if (command.includes('cloud-firestore-emulator') || command.includes('CloudFirestore')) {
      try {
        process.kill(-pid, 'SIGKILL');
        log(`- Stopped the emulator a previous stack left running (pid ${pid})`);
      } catch {
        // already gone
      }
    }
  }
  rmSync(pidFile, { force: true });
}

/** The newest complete export (exports/<time>), or the single folder older versions kept. */
function latestExport(): string | undefined {
  if (existsSync(exportsDir)) {
    const complete = readdirSync(exportsDir)
      .filter((d) => !d.startsWith('.'))
      .sort();
    if (complete.length > 0) return join(exportsDir, complete.at(-1)!);
  }
  const legacy = join(dataDir, 'firestore');
  return existsSync(legacy) ? legacy : undefined;
}

/**
 * Keeps the emulator's data: each export goes to a hidden folder and is renamed into place only
 * when complete, so a stack killed mid-export still finds the previous export whole.
 */
function dataKeeper(emulator: Emulator): () => Promise<void> {
  let chain = Promise.resolve();
  return () =>
    (chain = chain.then(async () => {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const partial = join(exportsDir, `.partial-${stamp}`);
      mkdirSync(exportsDir, { recursive: true });
      try {
        await emulator.exportTo(partial);
        renameSync(partial, join(exportsDir, stamp));
        for (const old of readdirSync(exportsDir)) if (old !== stamp) rmSync(join(exportsDir, old), { recursive: true, force: true });
        rmSync(join(dataDir, 'firestore'), { recursive: true, force: true });
      } catch (e) {
        rmSync(partial, { recursive: true, force: true });
        log(`(could not keep the data: ${(e as Error).message})`);
      }
    }));
}

/** Resolves when the function itself says it listens; a port taken meanwhile rejects with `EADDRINUSE`. */
function waitForListening(child: ChildProcess, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`function ${name} did not start within 60 s`)), 60_000);
    child.on('message', (m: { listening?: number; failed?: string }) => {
      if (m.listening !== undefined) {
        clearTimeout(timer);
        resolve();
      } else if (m.failed !== undefined) {
        clearTimeout(timer);
        reject(Object.assign(new Error(`function ${name} could not listen: ${m.failed}`), { code: m.failed }));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`function ${name} exited with code ${code}`));
    });
  });
}

/** The emulator on the port chosen, or, when another process took it meanwhile, on one chosen afresh. */
async function startEmulatorOnFreePort(port: number): Promise<Emulator> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startEmulator({ port, projectId, rulesFile: join(root, 'firestore.rules'), seedFrom: latestExport(), quiet: true });
    } catch (e) {
      if (!/Address already in use/.test((e as Error).message) || attempt === 3) throw e;
      port = (await choosePorts(1))[0]!;
    }
  }
}

async function main(): Promise<void> {
  if (flags.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  log('clientbase local stack');
  stopLeftovers();
  const targets = await registeredTargets();
  const [emulatorPort, ...functionPorts] = await choosePorts(1 + targets.length);
  const urls = new Map(targets.map((t, i) => [t, `http://127.0.0.1:${functionPorts[i]}/`]));

  const emulator = await startEmulatorOnFreePort(emulatorPort!);
  writeFileSync(pidFile, JSON.stringify({ emulator: emulator.pid, stack: process.pid }));
  process.env.FIRESTORE_EMULATOR_HOST = emulator.host;
  process.env.GCLOUD_PROJECT = projectId;
  log(`- Firestore emulator: ${emulator.host} (project ${projectId}; data kept in ${dataDir})`);
  const keep = dataKeeper(emulator);

  const db = openFirestore(projectId);
  if (!(await hasAnyClient(db))) {
    const started = Date.now();
    const snapshot = demoCompany({ today: new Date(), clients: Number(flags['demo-clients']) });
    const seedOptions = { at: new Date().toISOString(), by: 'seed', throttle: false };
    const result = await importCompanySnapshot(db, rawSnapshotFromObject(snapshot), seedOptions);
    log(
      `- Seeded the demo company: ${result.managers} managers, ${result.clients} clients, ${result.deals} deals ` +
        `(${((Date.now() - started) / 1000).toFixed(1)}s)`,
    );
    await keep();
  } else {
    log('- The base already holds data (pass --fresh to start over)');
  }

  const identity = await startDevIdentity({ audience });
  // The job functions are reached only through their front door, as on Cloud Run (--no-allow-unauthenticated).
  const frontDoors = new Map<string, FrontDoor>();
  for (const t of targets.filter((t) => functionTable[t as keyof typeof functionTable]?.invokers === 'scheduler'))
    frontDoors.set(t, await startFrontDoor({ target: () => urls.get(t)!, invokers: [schedulerAccount], certsUrl: identity.certsUrl }));
  const publicUrl = (t: string) => frontDoors.get(t)?.url ?? urls.get(t)!;
  const secrets = localSecrets();
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const env = {
    ...process.env,
    FIRESTORE_EMULATOR_HOST: emulator.host,
    GCLOUD_PROJECT: projectId,
    GOOGLE_CLOUD_PROJECT: projectId,
    // Not on Google Cloud: do not probe the metadata server for credentials.
    METADATA_SERVER_DETECTION: 'none',
    API_AUDIENCE: audience,
    ID_TOKEN_CERTS_URL: identity.certsUrl,
    SCHEDULER_SERVICE_ACCOUNT: schedulerAccount,
    UNSUBSCRIBE_SECRET: secrets.unsubscribeSecret,
    SMS_GATEWAY_SECRET: secrets.gatewaySecret,
    // Its own secret, as deployed (esp-webhook-secret): the SMS gateway's cannot report e-mail bounces.
    ESP_WEBHOOK_SECRET: secrets.espWebhookSecret,
    SIGNUP_ALLOWED_ORIGINS: '*',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  const startFunctions = () =>
    targets.map((target) => {
      const out = openSync(join(logDir, `${target}.log`), 'a');
      const args = [join(root, 'functions/src/local/serve-function.ts'), target, String(new URL(urls.get(target)!).port)];
      // K_SERVICE as Cloud Run sets it: each log line names its function.
      // Every function, the api's mailing export included, links to the unsubscribe function.
      const own = {
        ...env,
        UNSUBSCRIBE_URL: urls.get('unsubscribe') ?? '',
        K_SERVICE: target,
        ...(frontDoors.has(target) ? { SCHEDULER_AUDIENCE: publicUrl(target), SCHEDULER_FRONT_DOOR: cloudRunFrontDoor } : {}),
      };
      const child = spawn(process.execPath, args, { env: own, stdio: ['ignore', out, 'pipe', 'ipc'] });
      closeSync(out);
      child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${target}] ${chunk}`));
      return child;
    });
  let children = startFunctions();
  // A port found free may be taken before the function binds it (another stack, a test run):
  // then every function starts again on ports chosen afresh, so the unsubscribe links stay right.
  for (let attempt = 1; ; attempt++) {
    const started = await Promise.allSettled(targets.map((t, i) => waitForListening(children[i]!, t)));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (!failed) break;
    for (const c of children) c.kill('SIGTERM');
    if ((failed.reason as { code?: string }).code !== 'EADDRINUSE' || attempt === 3) throw failed.reason as Error;
    const again = await choosePorts(targets.length);
    targets.forEach((t, i) => urls.set(t, `http://127.0.0.1:${again[i]}/`));
    children = startFunctions();
  }
  writeFileSync(pidFile, JSON.stringify({ emulator: emulator.pid, stack: process.pid, functions: children.map((c) => c.pid) }));
  for (const name of urls.keys())
    log(`- function ${name.padEnd(15)} ${publicUrl(name)}${frontDoors.has(name) ? ' (scheduler only: a local IAM front door)' : ''}`);
  log(`- Function logs (Cloud Logging's JSON lines): ${logDir}/<function>.log`);

  const keepTimer = setInterval(() => void keep(), Number(flags['keep-every']) * 1000);
  const stopAll = async () => {
    clearInterval(keepTimer);
    for (const c of children) c.kill('SIGTERM');
    for (const door of frontDoors.values()) await door.close();
    await identity.close();
    await keep();
    await emulator.stop();
    rmSync(pidFile, { force: true });
  };

  const today = format(new Date(), 'yyyy-MM-dd');
  const runJob = async (name: string, query: string): Promise<unknown> => {
    if (!urls.has(name)) return undefined;
    const url = publicUrl(name);
    // Cloud Scheduler's OIDC token for the function's URL; the front door checks it and strips its signature.
    const token = identity.mint({ email: schedulerAccount, audience: url, expiresIn: 300 });
    const res = await fetch(`${url}?${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) log(`  ${name}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    return res.ok ? body : undefined;
  };
  log('');
  log(`Scheduled jobs, run once now as Cloud Scheduler would (slot ${today}):`);
  const rotation = (await runJob('rotation', `at=${today}`)) as
    | {
        runId?: string;
        moves?: unknown[];
        unbalanced?: unknown[];
        skipped?: unknown[];
        alreadyApplied?: boolean;
        appliedAt?: string;
        appliedBy?: string;
      }
    | undefined;
  if (rotation?.alreadyApplied) {
    log(
      `- rotation ${rotation.runId ?? ''}: already applied on ${rotation.appliedAt ?? today} by ` +
        `${rotation.appliedBy ?? 'unknown'}; nothing moved now`,
    );
  } else if (rotation) {
    log(
      `- rotation ${rotation.runId ?? ''}: ${rotation.moves?.length ?? 0} client(s) moved, ` +
        `${rotation.unbalanced?.length ?? 0} unbalanced, ${rotation.skipped?.length ?? 0} skipped (a second run today moves nothing)`,
    );
  }
  const overdue = (await runJob('overdueReports', `at=${today}`)) as Record<string, unknown> | undefined;
  if (overdue) log(`- overdue handover reports: ${JSON.stringify(overdue).slice(0, 200)}`);
  const lastMonth = format(subMonths(new Date(), 1), 'yyyy-MM');
  const bonuses = (await runJob('bonuses', `at=${format(new Date(), 'yyyy-MM')}-01`)) as
    | { month?: string; statements?: Array<{ totals?: { payable?: number; pending?: number } }>; alreadyApplied?: boolean }
    | undefined;
  if (bonuses) {
    const payable = (bonuses.statements ?? []).reduce((s, st) => s + (st.totals?.payable ?? 0), 0);
    const pending = (bonuses.statements ?? []).reduce((s, st) => s + (st.totals?.pending ?? 0), 0);
    log(
      `- bonuses for ${bonuses.month ?? lastMonth}: ${bonuses.statements?.length ?? 0} statement(s), ` +
        `payable ${(payable / 100).toFixed(2)}, pending ${(pending / 100).toFixed(2)}` +
        (bonuses.alreadyApplied ? ' (computed before for this slot; nothing recomputed now)' : ''),
    );
  }
  await keep();

  const admin = identity.mint({ email: 'head@demo.clientbase.dev', expiresIn: 12 * 3600 });
  const manager = identity.mint({ email: 'manager1@demo.clientbase.dev', expiresIn: 12 * 3600 });
  const api = urls.get('api');
  log('');
  log('Try it (tokens valid 12 hours, signed by the local stand-in issuer the API is configured to trust):');
  log(`  export ADMIN_TOKEN=${admin}`);
  log(`  export MANAGER_TOKEN=${manager}`);
  if (api) {
    const json = "-H 'content-type: application/json'";
    log(`  curl -s ${api}health`);
    log(`  curl -s ${api}me -H "Authorization: Bearer $MANAGER_TOKEN"`);
    log(`  curl -s "${api}clients?limit=5" -H "Authorization: Bearer $MANAGER_TOKEN"`);
    log(`  curl -s ${api}admin/rules -H "Authorization: Bearer $ADMIN_TOKEN"`);
    log(`  curl -s -X POST ${api}admin/rotation/preview -H "Authorization: Bearer $ADMIN_TOKEN" ${json} -d '{"at":"${today}"}'`);
    log(`  curl -s -X POST ${api}admin/mailing-exports -H "Authorization: Bearer $ADMIN_TOKEN" ${json} -d '{"channel":"email"}'`);
    log(`    (each row's unsubscribeUrl opens the unsubscribe page at ${urls.get('unsubscribe') ?? '?'}; POST to it withdraws)`);
    log(`    (with "confirmations":true: the web sign-ups awaiting confirmation, each row with its confirmUrl)`);
  }
  const overdueUrl = publicUrl('overdueReports');
  const schedulerToken = identity.mint({ email: schedulerAccount, audience: overdueUrl, expiresIn: 12 * 3600 });
  log(`  curl -s -X POST "${overdueUrl}?at=${today}" -H "Authorization: Bearer ${schedulerToken}"`);
  log('    (a manual re-run as the scheduler; the token is for this function only, as on Google Cloud)');
  const unsubscribe = urls.get('unsubscribe');
  if (unsubscribe) {
    const bounce = (channel: string, address: string, secret: string) =>
      `  curl -s -X POST ${unsubscribe}bounce -H 'content-type: application/json' -H 'X-Gateway-Secret: ${secret}' ` +
      `-d '{"channel":"${channel}","address":"${address}"}'`;
    log(bounce('email', 'someone@example.com', secrets.espWebhookSecret));
    log("    (the e-mail provider's bounce webhook, with ESP_WEBHOOK_SECRET; secrets kept in local-secrets.json of the data folder)");
    log(bounce('sms', '+79990000000', secrets.gatewaySecret));
    log("    (the SMS gateway's bounce, with SMS_GATEWAY_SECRET; STOP replies go to /sms-stop with the same secret)");
  }
  log(`  FIRESTORE_EMULATOR_HOST=${emulator.host} npm run clientbase -- rotate --at ${today} --dry-run`);
  log(`  FIRESTORE_EMULATOR_HOST=${emulator.host} npm run clientbase -- bonuses --month ${lastMonth}`);

  if (flags.once) {
    await stopAll();
    log(`\nStopped (--once). Data kept in ${dataDir}.`);
    process.exit(0);
  }
  log(`\nPress Ctrl+C to stop. The data is kept in ${dataDir} every ${flags['keep-every']} s, after the jobs and on stop;`);
  log('a stack killed hard (kill -9) loses at most the changes since the last of those.');
  const stop = () => void stopAll().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: Error) => {
  process.stderr.write(`npm start failed: ${e.message}\n`);
  process.exit(1);
});
