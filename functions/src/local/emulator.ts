import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Starts the real Cloud Firestore emulator (Java) on a free port, waits until it answers, and stops
 * it. No stand-in: tests, the CLI and the local stack all run against this.
 */
export type Emulator = {
  host: string;
  projectId: string;
  pid: number | undefined;
  stop: () => Promise<void>;
  exportTo: (dir: string) => Promise<void>;
};

export type EmulatorOptions = {
  port?: number;
  rulesFile?: string;
  projectId?: string;
  /** A folder written by `exportTo` to start from. */
  seedFrom?: string;
  quiet?: boolean;
};

const installHelp =
  'Install Java 17+ and the Firestore emulator: `gcloud components install cloud-firestore-emulator` ' +
  '(Google Cloud CLI) or `npx firebase-tools setup:emulators:firestore`; or set FIRESTORE_EMULATOR_JAR to the emulator jar.';

type Launch = { command: string; args: string[] };

function findLaunch(): Launch {
  const java = process.env.JAVA ?? 'java';
  const javaCheck = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (javaCheck.error || javaCheck.status !== 0) {
    throw new Error(`Java was not found (tried \`${java} -version\`): the Firestore emulator needs Java 17 or later. ${installHelp}`);
  }
  const mainClass = 'com.google.cloud.datastore.emulator.firestore.CloudFirestore';
  const jarCandidates: string[] = [];
  if (process.env.FIRESTORE_EMULATOR_JAR) jarCandidates.push(process.env.FIRESTORE_EMULATOR_JAR);
  const sdkRoots = [
    '/usr/lib/google-cloud-sdk',
    '/usr/share/google-cloud-sdk',
    join(homedir(), 'google-cloud-sdk'),
    '/opt/google-cloud-sdk',
  ];
  const gcloud = spawnSync('gcloud', ['info', '--format=value(installation.sdk_root)'], { encoding: 'utf8' });
  if (!gcloud.error && gcloud.status === 0 && gcloud.stdout.trim()) sdkRoots.unshift(gcloud.stdout.trim());
  for (const root of sdkRoots) jarCandidates.push(join(root, 'platform', 'cloud-firestore-emulator', 'cloud-firestore-emulator.jar'));
  const firebaseCache = join(homedir(), '.cache', 'firebase', 'emulators');
  if (existsSync(firebaseCache)) {
    for (const f of readdirSync(firebaseCache).sort().reverse()) {
      if (/^cloud-firestore-emulator-v.*\.jar$/.test(f)) jarCandidates.push(join(firebaseCache, f));
    }
  }
  const jar = jarCandidates.find((p) => existsSync(p));
  if (!jar) throw new Error(`The Cloud Firestore emulator was not found (looked in ${jarCandidates.join(', ')}). ${installHelp}`);
  // firebase-tools' jar has its own main class; the Cloud SDK's is started by class name.
  const isFirebaseJar = jar.includes(`${join('.cache', 'firebase')}`);
  return {
    command: java,
    args: isFirebaseJar ? ['-Duser.language=en', '-jar', jar] : ['-Duser.language=en', '-cp', jar, mainClass, 'start'],
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(host: string, child: ChildProcess, log: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The Firestore emulator exited with code ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`http://${host}/`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The Firestore emulator did not answer on ${host} within ${timeoutMs / 1000}s:\n${log()}`);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const launch = findLaunch();
  const port = options.port ?? (await freePort());
  const host = `127.0.0.1:${port}`;
  const projectId = options.projectId ?? 'clientbase-demo';
  const args = [...launch.args, '--host=127.0.0.1', `--port=${port}`];
  if (options.rulesFile) args.push(`--rules=${options.rulesFile}`);
  if (options.seedFrom) {
    const meta = findExportMetadata(options.seedFrom);
    if (meta) args.push(`--seed_from_export=${meta}`);
  }
  const child = spawn(launch.command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
    if (!options.quiet) process.stderr.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const stopChild = () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', stopChild);
  try {
    await waitUntilUp(host, child, () => output);
  } catch (e) {
    stopChild();
    throw e;
  }
  return {
    host,
    projectId,
    pid: child.pid,
    async stop() {
      process.removeListener('exit', stopChild);
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      stopChild();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
    },
    async exportTo(dir: string) {
      // The emulator writes a new firestore_export_<time> folder each time; keep only the newest.
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const res = await fetch(`http://${host}/emulator/v1/projects/${projectId}:export`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ database: `projects/${projectId}/databases/(default)`, export_directory: dir }),
      });
      if (!res.ok) throw new Error(`exporting emulator data to ${dir} failed: ${res.status} ${await res.text()}`);
    },
  };
}

function findExportMetadata(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir).sort().reverse()) {
    const full = join(dir, entry);
    if (entry.endsWith('.overall_export_metadata')) return full;
    if (statSync(full).isDirectory()) {
      const inner = findExportMetadata(full);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** Deletes every document in the emulator's default database (test isolation). */
export async function clearEmulator(host: string, projectId: string): Promise<void> {
  const res = await fetch(`http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`, { method: 'DELETE' });
  if (!res.ok) throw new Error(`clearing the emulator failed: ${res.status}`);
}
