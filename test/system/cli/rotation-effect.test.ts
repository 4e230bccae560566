import type { Firestore } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { runRotation } from '../../../functions/src/operations/rotation-job.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';
import { rulesConfigSchema } from '../../../functions/src/schema/rules-config.ts';
import { createClient } from '../../../functions/src/store/client-store.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import { publishRules } from '../../../functions/src/store/rules-store.ts';
import { testCli } from '../../support/cli.ts';
import { testFirestore } from '../../support/firestore.ts';

const actor = { by: 'admin', at: '2026-01-01T00:00:00.000Z' };

async function seed(db: Firestore, holdoutShare: number) {
  for (const id of ['a', 'b'])
    await db
      .collection(collections.managers)
      .doc(id)
      .set({ id, name: id, email: `${id}@example.com`, level: 1, active: true, role: 'manager' });
  await publishRules(db, rulesConfigSchema.parse({ rotation: { holdoutShare } }), actor);
  for (let i = 0; i < 8; i++) {
    const client = clientSchema.parse({
      id: `x${i}`,
      name: `x${i}`,
      kind: 'person',
      managerId: i % 2 ? 'a' : 'b',
      assignedAt: '2025-01-10',
    });
    await createClient(db, client, actor);
  }
  return (await runRotation(db, { at: '2026-03-02', dryRun: false, by: 'admin' }, { pacing: false })).report;
}

describe('clientbase rotation-effect', () => {
  it('prints the effect as JSON of the issue shape, with the windows not over pending', async () => {
    const { db } = testFirestore('cli-rotation-effect');
    const report = await seed(db, 0.5);
    expect(report.heldOut).toHaveLength(4);
    const moved = report.moves[0]!.clientId;
    await db
      .collection(collections.deals)
      .doc('d1')
      .set({ id: 'd1', clientId: moved, managerId: 'a', date: '2026-04-01', amount: 200000, profit: 80000, status: 'confirmed', seq: 1 });
    const cli = testCli(db, '2026-08-15T09:00:00Z');
    expect(await cli.run('rotation-effect', '--json')).toBe(0);
    const effect = JSON.parse(cli.out.join(''));
    expect(Object.keys(effect)).toEqual(['holdout', 'runs', 'total', 'headline', 'sentence']);
    expect(effect.runs).toEqual([
      {
        runId: 'rotation-2026-03-02',
        at: '2026-03-02',
        moved: { clients: 4, m3: { withDeal: 1, share: 0.25, deals: 25, profit: 2_000_000 }, m6: null, m12: null },
        heldOut: { clients: 4, m3: { withDeal: 0, share: 0, deals: 0, profit: 0 }, m6: null, m12: null },
      },
    ]);
    expect(effect.total).toMatchObject({ moved: 4, heldOut: 4, m6: null, m12: null });
    expect(effect.total.m3).toMatchObject({ difference: 0.25, significant: false });
    expect(effect.sentence).toMatch(/^not yet clear: within 3 months moved clients bought in 25 % against 0 %/);
    const text = testCli(db, '2026-08-15T09:00:00Z');
    expect(await text.run('rotation-effect')).toBe(0);
    const printed = text.out.join('\n');
    expect(printed).toMatch(/moved\s+4 clients; with a deal in 3 months: 1 \(25 %\), 6 months: pending, 12 months: pending/);
    expect(printed).toContain('6 months: pending');
  });

  it('says there is no holdout and shows the moved clients alone', async () => {
    const { db } = testFirestore('cli-rotation-effect-none');
    await seed(db, 0);
    const cli = testCli(db, '2026-08-15T09:00:00Z');
    expect(await cli.run('rotation-effect', '--json')).toBe(0);
    const effect = JSON.parse(cli.out.join(''));
    expect(effect.holdout).toBe(false);
    expect(effect.runs[0].moved.clients).toBe(8);
    expect(effect.runs[0].heldOut).toEqual({ clients: 0, m3: null, m6: null, m12: null });
    expect(effect.total.m3).toBeNull();
    expect(effect.sentence).toMatch(/^no holdout/);
  });
});
