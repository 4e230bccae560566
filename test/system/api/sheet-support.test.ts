import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDay, companyToday, daysBetween } from '../../../functions/src/core/calendar.ts';
import { rotationDueOn } from '../../../functions/src/core/rotation/staleness.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

// What the manager's spreadsheet needs from the API beyond plain client routes: the derived
// columns computed on the server, pages big enough for a whole book, who made a conflicting edit,
// why a client left the book, client names on handover tasks, and refusals that say which one.
let api: Api;

async function client(id: string, managerId: string, phone: string, extra: Record<string, unknown> = {}): Promise<void> {
  const created = await api.call('POST', '/clients', {
    as: 'head',
    body: { id, name: `Client ${id}`, kind: 'company', managerId, phones: [phone] },
  });
  expect(created.status).toBe(201);
  if (Object.keys(extra).length > 0) await api.db.collection('clients').doc(id).update(extra);
}

const today = () => companyToday('Europe/Moscow');

beforeAll(async () => {
  api = await startApi('api-sheet');
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'boris' });
  await api.addManager({ id: 'head', name: 'Head of Sales', role: 'admin', level: 9 });
  await api.addManager({ id: 'gone', active: false });
  await client('fresh', 'anna', '+79161110001');
  await client('old', 'anna', '+79161110002', { assignedAt: '2024-01-10' });
  await client('lost', 'anna', '+79161110003', { assignedAt: '2024-01-10', lostAt: '2025-01-01', rotatable: false });
});
afterAll(() => api.close());

describe("the api for the manager's spreadsheet", () => {
  it('lists each client with days held, rotation due on and report due, computed from the rules in force', async () => {
    const page = await api.call('GET', '/clients?limit=1000&managerId=anna', { as: 'anna' });
    expect(page.status).toBe(200);
    const byId = Object.fromEntries(page.body.clients.map((c: { id: string }) => [c.id, c]));
    const fresh = byId.fresh;
    expect(fresh.daysHeld).toBe(0);
    expect(fresh.rotationDueOn).toBe(
      rotationDueOn({ assignedAt: fresh.assignedAt, dealsSinceAssignment: 0, lastDealAt: null }, { holdMonths: 6, noDealMonths: 12 }),
    );
    expect(fresh.reportDueOn).toBeNull();
    expect(byId.old).toMatchObject({ daysHeld: daysBetween('2024-01-10', today()), rotationDueOn: '2024-07-10' });
    expect(byId.lost.rotationDueOn).toBeNull();

    // The rule follows the published rules: a shorter hold moves the day.
    const rules = (await api.call('GET', '/admin/rules', { as: 'head' })).body;
    const published = await api.call('PUT', '/admin/rules', {
      as: 'head',
      body: { rules: { ...rules.rules, rotation: { ...rules.rules.rotation, holdMonths: 3 } }, expectedVersion: rules.version },
    });
    expect(published.status).toBe(200);
    const again = await api.call('GET', '/clients/old', { as: 'anna' });
    expect(again.body.client.rotationDueOn).toBe('2024-04-10');
  });

  it('serves pages of up to 2,500 clients and refuses more, naming the field', async () => {
    const tooMany = await api.call('GET', '/clients?limit=2501', { as: 'anna' });
    expectProblem(tooMany, 400);
    expect(tooMany.body.errors).toEqual([{ path: 'limit', message: 'must be at most 2500' }]);
  });

  it('names who made the edit a save ran into, and no one when the newer version was not an edit', async () => {
    const v = (await api.call('GET', '/clients/fresh', { as: 'anna' })).body.client.version;
    const byHead = await api.call('PATCH', '/clients/fresh', { as: 'head', body: { version: v, changes: { name: 'Renamed by head' } } });
    expect(byHead.status).toBe(200);
    const stale = await api.call('POST', '/clients/batch', {
      as: 'anna',
      body: { rows: [{ clientId: 'fresh', version: v, changes: { name: 'Mine' } }] },
    });
    expect(stale.body.rows[0]).toMatchObject({
      status: 'conflict',
      changedBy: { id: 'head', name: 'Head of Sales' },
      current: { name: 'Renamed by head', version: v + 1 },
    });
    expect(stale.body.rows[0].current.rotationDueOn).toEqual(expect.any(String));
    const patched = await api.call('PATCH', '/clients/fresh', { as: 'anna', body: { version: v, changes: { name: 'Mine' } } });
    expectProblem(patched, 409);
    expect(patched.body.changedBy).toEqual({ id: 'head', name: 'Head of Sales' });

    const deal = await api.call('POST', '/clients/fresh/deals', {
      as: 'anna',
      body: { date: today(), amount: 1000, profit: 100 },
    });
    expect(deal.status).toBe(201);
    const afterDeal = await api.call('POST', '/clients/batch', {
      as: 'anna',
      body: { rows: [{ clientId: 'fresh', version: v + 1, changes: { name: 'Mine' } }] },
    });
    expect(afterDeal.body.rows[0].status).toBe('conflict');
    expect(afterDeal.body.rows[0].changedBy).toBeUndefined();
    const applied = await api.call('POST', '/clients/batch', {
      as: 'anna',
      body: { rows: [{ clientId: 'fresh', version: v + 2, changes: { name: 'Mine' } }] },
    });
    expect(applied.body.rows[0]).toMatchObject({ status: 'applied', client: { name: 'Mine', dealsAwaiting: 1, daysHeld: 0 } });
  });

  it("says why clients left a manager's book, and nothing about clients they never held", async () => {
    await client('b-only', 'boris', '+79161110009');
    const done = await api.awaitJob(await api.call('POST', '/admin/rotation/apply', { as: 'head' }));
    expect(done.body.result.moves.map((m: { clientId: string }) => m.clientId)).toContain('old');
    const why = await api.call('POST', '/clients/departures', { as: 'anna', body: { ids: ['old', 'fresh', 'no-such-client'] } });
    expect(why.status).toBe(200);
    const left = done.body.result.moves.filter((m: { from: string }) => m.from === 'anna').map((m: { clientId: string }) => m.clientId);
    expect(why.body.departures).toEqual(
      expect.arrayContaining([
        { clientId: 'old', reason: 'rotation', at: today() },
        { clientId: 'no-such-client', reason: 'unknown', at: null },
      ]),
    );
    expect(why.body.departures.find((d: { clientId: string }) => d.clientId === 'fresh').reason).toBe(
      left.includes('fresh') ? 'rotation' : 'held',
    );
    const stranger = await api.call('POST', '/clients/departures', { as: 'boris', body: { ids: ['lost'] } });
    expect(stranger.body.departures).toEqual([{ clientId: 'lost', reason: 'unknown', at: null }]);
    expectProblem(await api.call('POST', '/clients/departures', { as: 'anna', body: { ids: [] } }), 400);
  });

  it('names the client on each open handover task', async () => {
    const tasks = await api.call('GET', '/tasks', { as: 'boris' });
    const task = tasks.body.tasks.find((t: { clientId: string }) => t.clientId === 'old');
    expect(task).toMatchObject({ clientName: 'Client old', dueDate: addDaysToDay(today(), 14) });
    const listed = await api.call('GET', '/clients?limit=1000&managerId=boris', { as: 'boris' });
    expect(listed.body.clients.find((c: { id: string }) => c.id === 'old').reportDueOn).toBe(task.dueDate);
  });

  it('says which refusal it is: not on the roster, no longer active, admins only', async () => {
    const stranger = await api.call('GET', '/me', { token: api.tokenFor('nobody@example.com') });
    expectProblem(stranger, 403);
    expect(stranger.body.reason).toBe('not-on-roster');
    const gone = await api.call('GET', '/me', { as: 'gone' });
    expect(gone.body.reason).toBe('inactive');
    const manager = await api.call('GET', '/admin/rules', { as: 'anna' });
    expect(manager.body.reason).toBe('admin-only');
  });
});
