import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawSnapshotFromObject } from '../../../functions/src/core/raw-snapshot.ts';
import { importSnapshot } from '../../../functions/src/store/snapshot-import.ts';
import { testFirestore } from '../../support/firestore.ts';

// The CLI as a user runs it: the package binary in a child process, its output through a pipe.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'bin', 'clientbase.js');
// Node 24 first on the PATH, as `npm test` has it, for the binary's `#!/usr/bin/env node`.
const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };

const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));
function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

function run(command: string, args: string[], extraEnv: Record<string, string> = {}, cwd = root) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('the clientbase binary', () => {
  it('prints the usage on --help and exits 2 on a bad date, run from the checkout', () => {
    const help = run(process.execPath, [bin, '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: clientbase [options] [command]');
    expect(help.out).toMatch(/rotate \[options\]/);
    const bad = run(process.execPath, [bin, 'rotate', '--at', 'nonsense']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--at: must be a date YYYY-MM-DD');
  });

  it('works installed from the packed tarball, where Node will not strip types (under node_modules)', () => {
    const dir = scratchDir('clientbase-pack-');
    const packed = run('npm', ['pack', '--silent', '--pack-destination', dir]);
    expect(packed.code, packed.err).toBe(0);
    const tarball = join(dir, packed.out.trim().split('\n').at(-1)!);
    // The layout `npm install -g --prefix <dir>` makes; the dependencies come from this checkout
    // instead of the registry (one level up, where Node's resolution finds them).
    const pkg = join(dir, 'lib', 'node_modules', 'clientbase');
    mkdirSync(pkg, { recursive: true });
    expect(run('tar', ['-xzf', tarball, '-C', pkg, '--strip-components=1']).code).toBe(0);
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    mkdirSync(join(dir, 'bin'));
    symlinkSync(join(pkg, 'bin', 'clientbase.js'), join(dir, 'bin', 'clientbase'));
    const shipped = (readdirSync(pkg, { recursive: true }) as string[]).map((f) => f.replaceAll('\\', '/'));
    expect(shipped).toContain('lib/functions/src/cli/main.js');
    expect(shipped).toContain('firestore.rules');
    expect(shipped.filter((f) => f.endsWith('.ts'))).toEqual([]);

    const help = run(join(dir, 'bin', 'clientbase'), ['--help'], {}, dir);
    expect(help.err).toBe('');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: clientbase [options] [command]');
    const bad = run(join(dir, 'bin', 'clientbase'), ['rotate', '--at', 'nonsense'], {}, dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--at: must be a date YYYY-MM-DD');
  });
});

describe('output through a pipe', () => {
  const { db, projectId, host } = testFirestore('cli-pipe');
  const dbEnv = { FIRESTORE_EMULATOR_HOST: host, GCLOUD_PROJECT: projectId };
  beforeAll(async () => {
    // A base whose export is several megabytes: a pipe holds 64 KiB at a time.
    const clients = Array.from({ length: 300 }, (_, i) => ({
      id: `c${String(i).padStart(4, '0')}`,
      name: `Client ${i}`,
      kind: 'person',
      managerId: null,
    }));
    const history = clients.flatMap((c) =>
      [1, 2].map((n) => ({
        id: `${c.id}-note-${n}`,
        clientId: c.id,
        type: 'note',
        at: '2026-01-10',
        by: 'import',
        text: `${c.id} ${n} `.padEnd(5000, 'lorem ipsum '),
      })),
    );
    await importSnapshot(db, rawSnapshotFromObject({ managers: [], clients, deals: [], history }), {
      at: '2026-02-01T00:00:00.000Z',
      throttle: false,
    });
  });

  it('delivers a multi-megabyte export whole through a slow pipe, byte for byte as --out writes it', async () => {
    const dir = scratchDir('clientbase-pipe-');
    const file = join(dir, 'out.json');
    expect(run(process.execPath, [bin, 'export', '--out', file], dbEnv).code).toBe(0);
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(3_000_000);

    // The reader starts late, so the pipe is full while the command finishes.
    const child = spawn('sh', ['-c', `"${process.execPath}" "${bin}" export | (sleep 1; cat) | sha256sum`], {
      cwd: root,
      env: { ...env, ...dbEnv },
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const expected = createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(out.split(/\s+/)[0]).toBe(expected);

    // And the exit status still tells the truth through the pipe.
    const bad = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" rotate --at nonsense | cat`], {
      cwd: root,
      env: { ...env, ...dbEnv },
    });
    expect(bad.status).toBe(2);
  });
});
