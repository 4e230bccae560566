import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../functions/src/local/emulator.ts';

export type ApiProcessOptions = {
  emulatorHost: string;
  projectId: string;
  audience: string;
  certsUrl: string;
  /** Count the process's Firestore reads (test/support/firestore-read-meter.ts); `reads()` answers them. */
  meterReads?: boolean;
};
export type MeteredReads = { reads: number; queries: number; gets: number; aggregations: number };
export type ApiProcess = { url: string; stop: () => Promise<void>; reads: () => Promise<MeteredReads> };

const main = fileURLToPath(new URL('./api-process-main.ts', import.meta.url));
const readMeter = fileURLToPath(new URL('../firestore-read-meter.ts', import.meta.url));

/**
 * The real `api` function served in a CHILD PROCESS, on the real emulator: the add-on's synchronous
 * UrlFetchApp double blocks the test's thread while it waits, so the API must not run there.
 * Resolves once the API's server listens (it says so on stdout; probing it with a request would
 * leave a refused call in the project's audit log); `url` ends with a slash.
 */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const port = await freePort();
  const meterPort = options.meterReads ? await freePort() : undefined;
  const child = spawn(process.execPath, meterPort ? ['--import', readMeter, main] : [main], {
    env: {
      ...process.env,
      ...(meterPort ? { READ_METER_PORT: String(meterPort) } : {}),
      FIRESTORE_EMULATOR_HOST: options.emulatorHost,
      GCLOUD_PROJECT: options.projectId,
      GOOGLE_CLOUD_PROJECT: options.projectId,
      API_AUDIENCE: options.audience,
      ID_TOKEN_CERTS_URL: options.certsUrl,
      // Not on Google Cloud: do not probe the metadata server for credentials.
      METADATA_SERVER_DETECTION: 'none',
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const listening = new Promise<boolean>((resolve) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('api listening')) resolve(true);
    });
    child.once('exit', () => resolve(false));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 30_000)));
  const outcome = await Promise.race([listening, timeout]);
  clearTimeout(timer);
  const reads = async (): Promise<MeteredReads> => {
    if (!meterPort) throw new Error('the api process was started without meterReads');
    return (await (await fetch(`http://127.0.0.1:${meterPort}/`)).json()) as MeteredReads;
  };
  if (outcome === true) return { url, stop, reads };
  await stop();
  throw new Error(
    outcome === 'timeout'
      ? `the api process did not start listening within 30 s:\n${stderr}`
      : `the api process exited with code ${child.exitCode}:\n${stderr}`,
  );
}
