import { describe, expect, it } from 'vitest';
import { runCli } from '../../../functions/src/cli/main.ts';
import { testFirestore } from '../../support/firestore.ts';

describe('clientbase seed --demo', () => {
  it('loads a company with managers on three levels, large, lost and unassigned clients, and deals', async () => {
    const { db } = testFirestore('seed');
    const out: string[] = [];
    const ctx = { db: () => db, out: (t: string) => out.push(t), err: () => undefined, now: () => new Date('2026-11-24T10:00:00Z') };
    expect(await runCli(['seed', '--demo', '--clients', '400'], ctx)).toBe(0);
    const managers = (await db.collection('managers').get()).docs.map((d) => d.data());
    expect(new Set(managers.filter((m) => m.role === 'manager').map((m) => m.level))).toEqual(new Set([1, 2, 3]));
    expect(managers.filter((m) => m.role === 'manager')).toHaveLength(20);
    expect(managers.some((m) => m.role === 'admin')).toBe(true);
    const clients = (await db.collection('clients').get()).docs.map((d) => d.data());
    expect(clients).toHaveLength(400);
    expect(clients.some((c) => c.size === 'large')).toBe(true);
    expect(clients.some((c) => c.lostAt !== undefined)).toBe(true);
    expect(clients.some((c) => c.managerId === null)).toBe(true);
    expect((await db.collection('deals').count().get()).data().count).toBeGreaterThan(100);

    // A second seed refuses to pile a second company on top.
    expect(await runCli(['seed', '--demo', '--clients', '400'], ctx)).toBe(0);
    expect(out.join('\n')).toContain('already holds clients; nothing seeded');
    expect((await db.collection('clients').count().get()).data().count).toBe(400);
  });

  it('refuses a nonsensical client count with exit 2', async () => {
    const { db } = testFirestore('seed-bad');
    const err: string[] = [];
    expect(
      await runCli(['seed', '--demo', '--clients', '0'], {
        db: () => db,
        out: () => undefined,
        err: (t) => err.push(t),
        now: () => new Date(),
      }),
    ).toBe(2);
    expect(err.join('\n')).toContain('--clients: must be a whole number from 1 to 1000000');
  });
});
