import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type FrontEndMode = '429' | '503' | '429-once';

/**
 * A stand-in for the front end before the API, in a child process (the add-on's synchronous
 * UrlFetchApp blocks this thread while it waits). See front-end-stand-in-main.ts.
 */
export async function startFrontEnd(mode: FrontEndMode, upstream = '', retryAfter = '5'): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./front-end-stand-in-main.ts', import.meta.url))], {
    env: { ...process.env, MODE: mode, UPSTREAM: upstream, RETRY_AFTER: retryAfter },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /front end listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the front-end stand-in exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => void child.kill() };
}
