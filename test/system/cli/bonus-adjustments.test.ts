import type { Firestore } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../functions/src/cli/command-context.ts';
import { runCli } from '../../../functions/src/cli/main.ts';
import { createClient, recordDeal } from '../../../functions/src/store/client-store.ts';
import { testFirestore } from '../../support/firestore.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';

function cli(db: Firestore, now: string) {
  const out: string[] = [];
  const ctx: CommandContext = { db: () => db, out: (t) => out.push(t), err: () => undefined, now: () => new Date(now) };
  return { run: (...args: string[]) => runCli(args, ctx), out };
}

describe('clientbase bonuses: adjustment lines', () => {
  it('shows the money of a correction to a closed month in roubles, like every other note', async () => {
    const { db } = testFirestore('cli-adjust-note');
    const actor = { by: 'admin', at: '2026-01-01T00:00:00.000Z' };
    await createClient(
      db,
      clientSchema.parse({ id: 'c1', name: 'Acme', kind: 'company', managerId: 'm1', assignedAt: '2026-01-01', attractedBy: 'm1' }),
      actor,
    );
    await recordDeal(db, { id: 'd1', clientId: 'c1', managerId: 'm1', date: '2026-01-10', amount: 100_000, profit: 10_000 }, actor);
    expect(await cli(db, '2026-02-01T02:00:00Z').run('bonuses', '--month', '2026-01')).toBe(0);
    expect(await cli(db, '2026-02-02T00:00:00Z').run('close-month', '2026-01')).toBe(0);
    // A deal of January recorded after January was closed: paid in February as an adjustment.
    await recordDeal(db, { id: 'late', clientId: 'c1', managerId: 'm1', date: '2026-01-25', amount: 1_000_000, profit: 1_000_000 }, actor);
    const table = cli(db, '2026-03-01T02:00:00Z');
    expect(await table.run('bonuses', '--month', '2026-02')).toBe(0);
    const text = table.out.join('\n');
    expect(text).toContain('correction to closed 2026-01, normal line: +500.00');
    expect(text).not.toMatch(/: \+50000\b/);
    const json = cli(db, '2026-03-01T02:00:00Z');
    expect(await json.run('bonuses', '--month', '2026-02', '--json')).toBe(0);
    const notes = JSON.parse(json.out.join('')).statements[0].lines.map((l: { note: string }) => l.note);
    expect(notes).toContain('correction to closed 2026-01, normal line: +500.00');
  });
});
