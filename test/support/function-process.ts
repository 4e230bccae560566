import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../functions/src/local/emulator.ts';

/**
 * One deployed function served in its own process, as the local stack serves it (serve-function.ts,
 * the functions framework's server), so a test sees what the framework does before our code runs.
 */
export type FunctionProcess = { url: string; peakMemoryBytes: () => Promise<number>; stop: () => void };

const serveFunction = fileURLToPath(new URL('../../functions/src/local/serve-function.ts', import.meta.url));

export async function startFunctionProcess(target: string, env: Record<string, string> = {}): Promise<FunctionProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [serveFunction, target, String(port)], {
    env: { ...process.env, METADATA_SERVER_DETECTION: 'none', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${target} exited with ${code} before listening`)));
    child.on('message', (m: { listening?: number; failed?: string }) => {
      if (m.listening) resolve();
      if (m.failed) reject(new Error(`${target} failed to listen: ${m.failed}`));
    });
  });
  const peakMemoryBytes = () =>
    new Promise<number>((resolve) => {
      const onMessage = (m: { maxRSS?: number }) => {
        if (m.maxRSS === undefined) return;
        child.off('message', onMessage);
        resolve(m.maxRSS * 1024);
      };
      child.on('message', onMessage);
      child.send('resource-usage');
    });
  return { url: `http://127.0.0.1:${port}/`, peakMemoryBytes, stop: () => child.kill('SIGTERM') };
}
