import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDocumentPaths } from '../../support/firestore.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi('api-admin');
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
  expect(
    (await api.call('POST', '/clients', { as: 'anna', body: { id: 'c1', name: 'Pin me', kind: 'company', phones: ['+79160000001'] } }))
      .status,
  ).toBe(201);
});
afterAll(() => api.close());

const auditActions = async (actor: string) =>
  (await api.db.collection('audit').where('actor', '==', actor).get()).docs.map((d) => d.data() as { action: string; outcome: string });

describe('admin routes', () => {
  it('answers 403 to a manager on every admin route, audits it, and writes nothing else', async () => {
    const before = (await allDocumentPaths(api.db)).filter((p) => !p.startsWith('audit/'));
    const calls: [string, string, unknown?][] = [
      ['GET', '/admin/rules'],
      ['PUT', '/admin/rules', { rules: {} }],
      ['GET', '/admin/managers'],
      ['POST', '/admin/managers', { id: 'x', name: 'X', email: 'x@example.com', level: 1 }],
      ['PATCH', '/admin/managers/anna', { level: 5 }],
      ['PUT', '/admin/clients/c1/pin', { pinned: true }],
      ['GET', '/admin/audit'],
      ['GET', '/admin/jobs/api-x'],
    ];
    for (const [method, path, body] of calls)
      expectProblem(await api.call(method, path, { as: 'anna', ...(body !== undefined ? { body } : {}) }), 403);
    expect((await allDocumentPaths(api.db)).filter((p) => !p.startsWith('audit/'))).toEqual(before);
    expect((await auditActions('anna')).filter((a) => a.outcome === 'refused').length).toBe(calls.length);
  });

  it('publishes validated rules as a new version, keeping the previous one when invalid', async () => {
    const initial = await api.call('GET', '/admin/rules', { as: 'head' });
    expect(initial.body).toMatchObject({ version: 0, rules: { rotation: { holdMonths: 6 } } });
    const published = await api.call('PUT', '/admin/rules', {
      as: 'head',
      body: { rules: { rotation: { holdMonths: 4 } }, expectedVersion: 0 },
    });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 1, publishedBy: 'head', rules: { rotation: { holdMonths: 4, noDealMonths: 12 } } });
    const before = await allDocumentPaths(api.db);
    const invalid = await api.call('PUT', '/admin/rules', {
      as: 'head',
      body: { rules: { rotation: { holdMonths: 0 }, bonus: { newClientMultiplier: 5 }, typo: 1 } },
    });
    expectProblem(invalid, 400);
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'rules',
      'rules.bonus.newClientMultiplier',
      'rules.rotation.holdMonths',
    ]);
    expect((await allDocumentPaths(api.db)).filter((p) => !p.startsWith('audit/'))).toEqual(before.filter((p) => !p.startsWith('audit/')));
    expect((await api.call('GET', '/admin/rules', { as: 'head' })).body).toMatchObject({
      version: 1,
      rules: { rotation: { holdMonths: 4 } },
    });
    const stale = await api.call('PUT', '/admin/rules', { as: 'head', body: { rules: {}, expectedVersion: 0 } });
    expectProblem(stale, 409);
    expect(stale.body.currentVersion).toBe(1);
  });

  it('keeps the roster: add, change level, refuse deactivation outside offboarding, re-activate', async () => {
    const added = await api.call('POST', '/admin/managers', {
      as: 'head',
      body: { id: 'vera', name: 'Vera', email: 'Vera@Example.com', level: 2 },
    });
    expect(added.status).toBe(201);
    expect(added.body.manager).toEqual({
      id: 'vera',
      name: 'Vera',
      email: 'vera@example.com',
      level: 2,
      role: 'manager',
      active: true,
      version: 1,
    });
    expect((await api.call('GET', '/me', { as: 'vera' })).body.level).toBe(2);
    const dup = await api.call('POST', '/admin/managers', {
      as: 'head',
      body: { id: 'vera2', name: 'V', email: 'vera@example.com', level: 1 },
    });
    expectProblem(dup, 409);
    expect(dup.body.errors[0].path).toBe('email');
    const level = await api.call('PATCH', '/admin/managers/vera', { as: 'head', body: { level: 3 } });
    expect(level.body.manager.level).toBe(3);
    const deactivate = await api.call('PATCH', '/admin/managers/vera', { as: 'head', body: { active: false } });
    expectProblem(deactivate, 400);
    expect(deactivate.body.errors[0].message).toMatch(/offboard/);
    await api.db.collection('managers').doc('vera').update({ active: false, deactivatedAt: '2026-03-01' });
    const back = await api.call('PATCH', '/admin/managers/vera', { as: 'head', body: { active: true } });
    expect(back.body.manager).toMatchObject({ active: true });
    expect(back.body.manager.deactivatedAt).toBeUndefined();
    const roster = await api.call('GET', '/admin/managers', { as: 'head' });
    expect(roster.body.managers.map((m: { id: string }) => m.id)).toEqual(['anna', 'head', 'vera']);
    expectProblem(await api.call('PATCH', '/admin/managers/nobody', { as: 'head', body: { level: 2 } }), 404);
  });

  it('pins and unpins a client, bumping its version and taking it out of rotation', async () => {
    const pinned = await api.call('PUT', '/admin/clients/c1/pin', { as: 'head', body: { pinned: true } });
    expect(pinned.body.client).toMatchObject({ pinned: true, rotatable: false, version: 2 });
    const unpinned = await api.call('PUT', '/admin/clients/c1/pin', { as: 'head', body: { pinned: false } });
    expect(unpinned.body.client).toMatchObject({ rotatable: true, version: 3 });
    expect(unpinned.body.client.pinned).toBeUndefined();
    expectProblem(await api.call('PUT', '/admin/clients/c1/pin', { as: 'head', body: { pinned: 'yes' } }), 400);
    expectProblem(await api.call('PUT', '/admin/clients/none/pin', { as: 'head', body: { pinned: true } }), 404);
  });

  it('audits every admin action and pages the audit log newest first', async () => {
    const actions = await auditActions('head');
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['read rules', 'publish rules', 'add manager', 'change manager', 'pin client', 'read roster']),
    );
    expect(actions.some((a) => a.action === 'publish rules' && a.outcome === 'failed')).toBe(true);
    const first = await api.call('GET', '/admin/audit?limit=5', { as: 'head' });
    expect(first.body.entries).toHaveLength(5);
    const second = await api.call('GET', `/admin/audit?limit=5&cursor=${first.body.nextCursor}`, { as: 'head' });
    const ids = [...first.body.entries, ...second.body.entries].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(10);
    expect([...ids].sort().reverse()).toEqual(ids);
    expectProblem(await api.call('GET', '/admin/audit?cursor=zzz', { as: 'head' }), 400);
    expectProblem(await api.call('GET', '/admin/audit?limit=100000', { as: 'head' }), 400);
  });
});
