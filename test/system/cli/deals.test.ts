import { beforeAll, describe, expect, it } from 'vitest';
import { clientSchema } from '../../../functions/src/schema/client.ts';
import { createClient, recordDeal } from '../../../functions/src/store/client-store.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import { testCli } from '../../support/cli.ts';
import { testFirestore } from '../../support/firestore.ts';

beforeAll(() => {
  delete process.env.CLIENTBASE_ACTOR;
});

describe('clientbase deals', () => {
  it('lists deals awaiting review, confirms and rejects them audited as cli, refuses a bad status or a reasonless rejection', async () => {
    const { db } = testFirestore('cli-deals');
    const client = clientSchema.parse({
      id: 'c1',
      name: 'Romashka',
      kind: 'person',
      managerId: 'm1',
      assignedAt: '2026-05-01',
      phones: ['+79160000001'],
    });
    await createClient(db, client, { by: 'm1', at: '2026-05-01T09:00:00.000Z' });
    const holder = { by: 'm1', at: '2026-05-02T09:00:00.000Z' };
    for (const id of ['d1', 'd2'])
      await recordDeal(
        db,
        { id, clientId: 'c1', managerId: 'm1', date: '2026-05-02', amount: 10_000, profit: 2_000 },
        holder,
        {},
        'holder',
      );

    const listed = testCli(db, '2026-05-03T09:00:00Z');
    expect(await listed.run('deals', 'list', '--json')).toBe(0);
    const page = JSON.parse(listed.out.join('\n'));
    expect(page.deals.map((d: { dealId: string; status: string }) => [d.dealId, d.status])).toEqual([
      ['d1', 'unconfirmed'],
      ['d2', 'unconfirmed'],
    ]);

    const badStatus = testCli(db, '2026-05-03T09:00:00Z');
    expect(await badStatus.run('deals', 'list', '--status', 'paid')).toBe(2);
    expect(badStatus.err.join('\n')).toContain('--status');
    const noReason = testCli(db, '2026-05-03T09:00:00Z');
    expect(await noReason.run('deals', 'reject', 'd2')).not.toBe(0);
    expect((await db.collection(collections.deals).doc('d2').get()).get('status')).toBe('unconfirmed');

    expect(await testCli(db, '2026-05-03T09:00:00Z').run('deals', 'confirm', 'd1')).toBe(0);
    expect(await testCli(db, '2026-05-03T09:00:00Z').run('deals', 'reject', 'd2', '--reason', 'no invoice')).toBe(0);
    const deals = (await db.collection(collections.deals).get()).docs.map((d) => d.data());
    expect(deals.map((d) => [d.id, d.status, d.reason ?? null])).toEqual([
      ['d1', 'confirmed', null],
      ['d2', 'rejected', 'no invoice'],
    ]);
    const audit = (await db.collection(collections.audit).get()).docs.map((d) => d.data());
    expect(audit.map((a) => [a.actor, a.action, a.target]).sort()).toEqual([
      ['cli', 'confirm deal', 'deals/d1'],
      ['cli', 'reject deal', 'deals/d2'],
    ]);
    const left = testCli(db, '2026-05-03T09:00:00Z');
    expect(await left.run('deals', 'list')).toBe(0);
    expect(left.out.join('\n')).toBe('No unconfirmed deals.');
  });
});
