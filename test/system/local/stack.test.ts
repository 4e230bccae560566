import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` as a newcomer runs it: the real stack script in a data folder of its own, used
 * through the URLs and tokens it prints, then killed hard and started again.
 */
const stackScript = fileURLToPath(new URL('../../../functions/src/local/stack.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'clientbase-stack-'));

type Running = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function startStack(args: string[], keepEvery = 3600): Running {
  const env = { ...process.env };
  // The stack starts its own emulator; it must not inherit the test emulator's address.
  delete env.FIRESTORE_EMULATOR_HOST;
  const child = spawn(
    process.execPath,
    [stackScript, '--data-dir', dataDir, '--demo-clients', '200', '--keep-every', String(keepEvery), ...args],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(stack: Running, pattern: RegExp, timeoutMs = 240_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const m = stack.output().match(pattern);
    if (m) return m;
    if (stack.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the stack never printed ${pattern}; it printed:\n${stack.output()}`);
}

/** Listening TCP sockets on a port, as "address:port" from /proc (IPv4 and IPv6). */
function listeners(port: number): string[] {
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local) continue;
      const [address, hexPort] = local.split(':');
      if (parseInt(hexPort!, 16) === port) out.push(address!);
    }
  }
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let first: Running | undefined;
let second: Running | undefined;

afterAll(async () => {
  for (const s of [first, second]) if (s && s.child.exitCode === null) s.child.kill('SIGKILL');
  const pids = join(dataDir, 'stack-pids.json');
  if (existsSync(pids)) {
    const { emulator } = JSON.parse(readFileSync(pids, 'utf8')) as { emulator?: number };
    if (emulator && alive(emulator)) process.kill(-emulator, 'SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start (the local stack)', () => {
  it('serves 127.0.0.1 only, exports mailing lists whose unsubscribe links work, keeps its data through a hard kill', async () => {
    // The data is exported every 2 s here (every 60 s by default).
    first = startStack([], 2);
    await waitFor(first, /Press Ctrl\+C/);
    const out = first.output();
    const api = out.match(/function api\s+(http:\S+)/)![1]!;
    const unsubscribe = out.match(/function unsubscribe\s+(http:\S+)/)![1]!;
    const adminToken = out.match(/export ADMIN_TOKEN=(\S+)/)![1]!;
    const moved = Number(out.match(/rotation rotation-\S+: (\d+) client\(s\) moved/)![1]);
    expect(moved).toBeGreaterThan(0);

    for (const url of [...out.matchAll(/function \w+\s+(http:\S+)/g)].map((m) => m[1]!)) {
      // 0100007F is 127.0.0.1 in /proc's byte order: nothing listens on another interface.
      expect(listeners(Number(new URL(url).port))).toEqual(['0100007F']);
    }

    const health = await fetch(`${api}health`);
    expect(health.status).toBe(200);

    // The jobs ran with a scheduler token through the stand-in for Cloud Run's IAM front door, which
    // strips the signature as Cloud Run does; the functions accepted it. Without a token it refuses.
    expect(out).toMatch(/function rotation\s+http:\S+ \(scheduler only/);
    expect(out).toMatch(/- overdue handover reports: \{/);
    const overdue = out.match(/function overdueReports\s+(http:\S+)/)![1]!;
    expect((await fetch(overdue, { method: 'POST' })).status).toBe(401);
    const rerun = out.match(/curl -s -X POST "(\S+)" -H "Authorization: Bearer (\S+)"/)!;
    expect(rerun[1]!.startsWith(overdue)).toBe(true);
    expect((await fetch(rerun[1]!, { method: 'POST', headers: { authorization: `Bearer ${rerun[2]}` } })).status).toBe(200);

    const exported = await fetch(`${api}admin/mailing-exports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: '{"channel":"email"}',
    });
    expect(exported.status).toBe(201);
    const { rows } = (await exported.json()) as { rows: Array<{ clientId: string; unsubscribeUrl: string }> };
    expect(rows.length).toBeGreaterThan(0);
    // The links point at the unsubscribe function, not at the api that exported them.
    expect(rows.every((r) => r.unsubscribeUrl.startsWith(`${unsubscribe}?t=`))).toBe(true);

    const link = rows[0]!.unsubscribeUrl;
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    const done = await fetch(link, { method: 'POST' });
    expect(done.status).toBe(200);
    const emailConsent = async (base: string, token: string) => {
      const res = await fetch(`${base}clients/${rows[0]!.clientId}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as {
        consents?: Array<{ channel: string; status: string }>;
        client?: { consents?: Array<{ channel: string; status: string }> };
      };
      return (body.consents ?? body.client?.consents ?? []).find((c) => c.channel === 'email')?.status;
    };
    expect(await emailConsent(api, adminToken)).toBe('withdrawn');

    // Each gateway's bounce webhook works with the secret the stack printed for it, and only with that one.
    const bounceLine = (channel: string) =>
      out.match(new RegExp(`curl -s -X POST (\\S+bounce) .*'X-Gateway-Secret: (\\S+)' -d '(\\{"channel":"${channel}"[^']*)'`))!;
    const [, bounceUrl, espSecret, emailBounce] = bounceLine('email');
    const [, , smsSecret] = bounceLine('sms');
    expect(espSecret).not.toBe(smsSecret);
    const postBounce = (secret: string) =>
      fetch(bounceUrl!, { method: 'POST', headers: { 'content-type': 'application/json', 'x-gateway-secret': secret }, body: emailBounce });
    expect((await postBounce(espSecret!)).status).toBe(200);
    expect((await postBounce(smsSecret!)).status).toBe(403);

    // kill -9 after the next periodic export: the stack cannot clean up; its function processes
    // follow it (they watch their IPC channel), its emulator is left behind.
    await new Promise((r) => setTimeout(r, 4500));
    const { emulator } = JSON.parse(readFileSync(join(dataDir, 'stack-pids.json'), 'utf8')) as { emulator: number };
    first.child.kill('SIGKILL');
    await first.exited;

    second = startStack([]);
    await waitFor(second, /Press Ctrl\+C/);
    const again = second.output();
    expect(again).toContain(`Stopped the emulator a previous stack left running (pid ${emulator})`);
    expect(alive(emulator)).toBe(false);
    expect(again).toContain('The base already holds data');
    // The withdrawal made after the jobs survived the hard kill.
    const api2 = again.match(/function api\s+(http:\S+)/)![1]!;
    expect(await emailConsent(api2, again.match(/export ADMIN_TOKEN=(\S+)/)![1]!)).toBe('withdrawn');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(existsSync(join(dataDir, 'stack-pids.json'))).toBe(false);
    // Two stacks, each with its own emulator, one after the other: slow on a busy machine.
  }, 300_000);
});
