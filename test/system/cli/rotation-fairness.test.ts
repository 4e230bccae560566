import { beforeAll, describe, expect, it } from 'vitest';
import type { Firestore } from 'firebase-admin/firestore';
import { testCli } from '../../support/cli.ts';
import { fairnessFigures, seedFairnessCompany } from '../../support/fairness-company.ts';
import { testFirestore } from '../../support/firestore.ts';

let db: Firestore;
const cli = () => testCli(db, '2026-12-07T09:00:00Z');

beforeAll(async () => {
  db = testFirestore('cli-fairness').db;
  await seedFairnessCompany(db);
});

describe('clientbase rotation-fairness', () => {
  it('prints the hand-computed figures as JSON', async () => {
    const run = cli();
    expect(await run.run('rotation-fairness', '--from', '2026-01-01', '--to', '2026-12-31', '--json')).toBe(0);
    expect(JSON.parse(run.out.join(''))).toEqual(fairnessFigures);
  });

  it('prints a table per manager: given, received, deals after, first touch', async () => {
    const run = cli();
    expect(await run.run('rotation-fairness', '--from', '2026-01-01', '--to', '2026-12-31')).toBe(0);
    const text = run.out.join('\n');
    expect(text).toContain('Rotation fairness 2026-01-01 to 2026-12-31: 2 rotation(s): 2026-03-02 (4), 2026-06-01 (2)');
    expect(text).toMatch(/anna\s+2\s+1\s+2\s+0\s+1\s+2\/3 \(2\)\s+11\.00\s+3\/3 \(3\)\s+49\.00/);
    expect(text).toMatch(/boris\s+2\s+0\s+2\s+1\s+0\s+3\/3 \(3\)\s+49\.00\s+2\/2 \(2\)\s+11\.00/);
    expect(text).toMatch(/anna\s+2\/3\s+10\.5\s+1 33 %/);
    expect(text).toMatch(/boris\s+3\/3\s+10\s+3 100 %/);
  });

  it('says when no rotation moved anyone in the period', async () => {
    const run = cli();
    expect(await run.run('rotation-fairness', '--from', '2026-07-01', '--to', '2026-07-31')).toBe(0);
    expect(run.out.join('\n')).toContain('No client was moved by rotation in the period.');
  });

  it('refuses a bad period with exit 2, naming the option', async () => {
    for (const [args, named] of [
      [['--from', '2026-13-01', '--to', '2026-12-31'], '--from:'],
      [['--from', '2026-01-01', '--to', 'soon'], '--to:'],
      [['--from', '2026-06-01', '--to', '2026-05-01'], '--to: must not be before from (2026-06-01)'],
      [['--from', '2025-01-01', '--to', '2026-06-01'], '--to: the period may span at most 366 days'],
    ] as const) {
      const run = cli();
      expect(await run.run('rotation-fairness', ...args), args.join(' ')).toBe(2);
      expect(run.err.join('\n')).toContain(named);
    }
    const missing = cli();
    expect(await missing.run('rotation-fairness', '--from', '2026-01-01')).toBe(2);
    expect(missing.err.join('\n')).toContain('--to');
  });
});
