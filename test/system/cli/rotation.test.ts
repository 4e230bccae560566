import type { Firestore } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../functions/src/cli/main.ts';
import { companyTime } from '../../../functions/src/core/calendar.ts';
import { createClient, readHistory } from '../../../functions/src/store/client-store.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import { testCli } from '../../support/cli.ts';
import { allDocumentPaths, testFirestore } from '../../support/firestore.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';

const context = (db: Firestore, now = '2026-12-01T06:00:00Z') => testCli(db, now);

async function seed(db: Firestore) {
  const actor = { by: 'admin', at: '2026-01-01T00:00:00.000Z' };
  for (const id of ['a', 'b', 'c'])
    await db
      .collection(collections.managers)
      .doc(id)
      .set({ id, name: id, email: `${id}@example.com`, level: 1, active: true, role: 'manager' });
  for (const [id, m] of [
    ['x1', 'a'],
    ['x2', 'a'],
    ['y1', 'b'],
    ['z1', 'c'],
  ])
    await createClient(db, clientSchema.parse({ id, name: id, kind: 'person', managerId: m, assignedAt: '2026-01-10' }), actor);
}

describe('clientbase rotate / offboard', () => {
  it('previews with --dry-run --json as one object of the issue shape, then applies and prints a table', async () => {
    const { db } = testFirestore('cli-rotate');
    await seed(db);
    const before = await allDocumentPaths(db);
    const dry = context(db);
    expect(await runCli(['rotate', '--at', '2026-12-01', '--dry-run', '--json'], dry.ctx)).toBe(0);
    const report = JSON.parse(dry.out.join(''));
    expect(Object.keys(report)).toEqual(['runId', 'at', 'dryRun', 'moves', 'balance', 'unbalanced', 'skipped', 'heldOut']);
    expect(report).toMatchObject({ runId: 'rotation-2026-12-01', at: '2026-12-01', dryRun: true });
    expect(report.moves).toHaveLength(4);
    expect(Object.keys(report.moves[0])).toEqual(['clientId', 'from', 'to', 'reason', 'reportDue']);
    expect(await allDocumentPaths(db)).toEqual(before);
    const apply = context(db);
    expect(await runCli(['rotate', '--at', '2026-12-01'], apply.ctx)).toBe(0);
    const text = apply.out.join('\n');
    expect(text).toContain('Rotation rotation-2026-12-01 for 2026-12-01');
    expect(text).toMatch(/x1\s+a\s+\w\s+no-deal-since-assignment\s+2026-12-15/);
    expect(text).toContain('Summary: 4 moved, 0 unbalanced, 0 skipped.');
  });

  it('says a day already applied was applied then, by whom, and that nothing moved now, in text and JSON', async () => {
    const { db } = testFirestore('cli-rotate-again');
    await seed(db);
    const first = context(db, '2026-12-01T06:00:00Z');
    expect(await runCli(['rotate', '--at', '2026-12-01', '--json'], first.ctx)).toBe(0);
    const applied = JSON.parse(first.out.join(''));
    expect(applied.alreadyApplied).toBeUndefined();
    const text = context(db, '2026-12-01T09:00:00Z');
    expect(await runCli(['rotate', '--at', '2026-12-01'], text.ctx)).toBe(0);
    const printed = text.out.join('\n');
    const finishedAt = (await db.collection(collections.rotationRuns).doc('rotation-2026-12-01').get()).get('finishedAt') as string;
    expect(printed).toContain(`already applied on ${companyTime(finishedAt, 'Europe/Moscow')} (Europe/Moscow) by cli; nothing moved now`);
    expect(printed).not.toMatch(/Summary: \d+ moved/);
    const json = context(db, '2026-12-02T09:00:00Z');
    expect(await runCli(['rotate', '--at', '2026-12-01', '--json'], json.ctx)).toBe(0);
    const again = JSON.parse(json.out.join(''));
    expect(again).toEqual({ ...applied, alreadyApplied: true, appliedAt: finishedAt, appliedBy: 'cli' });
  });

  it('lists a rotation and an offboarding later that day in the order they were made', async () => {
    const { db } = testFirestore('cli-rotate-history');
    await seed(db);
    const rotation = context(db, '2026-12-01T06:00:00Z');
    expect(await runCli(['rotate', '--at', '2026-12-01', '--json'], rotation.ctx)).toBe(0);
    const x1 = JSON.parse(rotation.out.join('')).moves.find((m: { clientId: string }) => m.clientId === 'x1');
    const offboard = context(db, '2026-12-01T10:00:00Z');
    expect(await runCli(['offboard', x1.to, '--json'], offboard.ctx)).toBe(0);
    const history = (await readHistory(db, 'x1')).filter((h) => h.type === 'transfer');
    expect(history.map((h) => [h.at, h.type === 'transfer' ? h.runId : ''])).toEqual([
      ['2026-12-01T06:00:00.000Z', 'rotation-2026-12-01'],
      ['2026-12-01T10:00:00.000Z', `offboarding-${x1.to}-2026-12-01`],
    ]);
  });

  it('offboards a manager and prints the moves as JSON', async () => {
    const { db } = testFirestore('cli-offboard');
    await seed(db);
    const run = context(db);
    expect(await runCli(['offboard', 'a', '--json'], run.ctx)).toBe(0);
    const report = JSON.parse(run.out.join(''));
    expect(report.runId).toBe('offboarding-a-2026-12-01');
    expect(report.moves.map((m: { clientId: string; reason: string }) => [m.clientId, m.reason])).toEqual([
      ['x1', 'offboarding'],
      ['x2', 'offboarding'],
    ]);
    expect((await db.collection(collections.managers).doc('a').get()).get('active')).toBe(false);
  });

  it('exits 2 naming the argument for a bad date or an unknown manager, and writes nothing', async () => {
    const { db } = testFirestore('cli-rotate-bad');
    await seed(db);
    const before = await allDocumentPaths(db);
    const badDate = context(db);
    expect(await runCli(['rotate', '--at', '2026-13-01'], badDate.ctx)).toBe(2);
    expect(badDate.err.join('\n')).toContain('--at:');
    const unknown = context(db);
    expect(await runCli(['offboard', 'nobody'], unknown.ctx)).toBe(2);
    expect(unknown.err.join('\n')).toContain('MANAGER_ID: no such manager on the roster');
    const badAt = context(db);
    expect(await runCli(['offboard', 'a', '--at', 'tomorrow'], badAt.ctx)).toBe(2);
    expect(badAt.err.join('\n')).toContain('--at:');
    expect(await allDocumentPaths(db)).toEqual(before);
  });
});
