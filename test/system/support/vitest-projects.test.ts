import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The test run itself, as CI and a developer without Java meet it.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const vitest = fileURLToPath(new URL('../../../node_modules/vitest/vitest.mjs', import.meta.url));

/** A nested run with no Java to be found: the emulator cannot start. */
function runWithoutJava(args: string[]) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && !k.startsWith('__VITEST') && k !== 'FIRESTORE_EMULATOR_HOST'),
  );
  const result = spawnSync(process.execPath, [vitest, 'run', ...args], {
    cwd: root,
    env: { ...env, JAVA: '/nonexistent/java', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('vitest projects', () => {
  it('runs the unit tests without Java or an emulator', () => {
    const run = runWithoutJava(['--project', 'unit', 'test/unit/core/tax-number.test.ts']);
    expect(run.out).toMatch(/\n3 passed, 0 failed\n/);
    expect(run.code).toBe(0);
  });

  it('reports a failed global setup as a failure on the closing line, not as 0 failed', () => {
    const run = runWithoutJava(['--project', 'system', 'test/system/local/emulator.test.ts']);
    expect(run.code).not.toBe(0);
    expect(run.out).toContain('Java was not found');
    expect(run.out).toMatch(/\n0 passed, 1 failed/);
  });
});
