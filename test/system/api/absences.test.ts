import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDay, companyToday } from '../../../functions/src/core/calendar.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

let api: Api;

beforeAll(async () => {
  api = await startApi('api-absences');
  await api.addManager({ id: 'head', role: 'admin', level: 9 });
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'boris' });
});
afterAll(() => api.close());

const leave = (from: string, to: string) => ({ from, to });
const entry = async (id: string) => (await api.db.collection('managers').doc(id).get()).data();
const pathsOf = (answer: { body: { errors: Array<{ path: string }> } }) => answer.body.errors.map((e) => e.path).sort();

describe('absences through the admin api', () => {
  it('adds a manager with leaves, lists them, replaces them and clears them', async () => {
    const added = await api.call('POST', '/admin/managers', {
      as: 'head',
      body: { id: 'vera', name: 'Vera', email: 'vera@example.com', level: 1, absences: [leave('2027-01-10', '2027-01-24')] },
    });
    expect(added.status).toBe(201);
    expect(added.body.manager.absences).toEqual([leave('2027-01-10', '2027-01-24')]);
    const listed = await api.call('GET', '/admin/managers', { as: 'head' });
    expect(listed.body.managers.find((m: { id: string }) => m.id === 'vera').absences).toEqual([leave('2027-01-10', '2027-01-24')]);

    const two = [leave('2027-01-10', '2027-01-24'), leave('2027-03-01', '2027-03-05')];
    const changed = await api.call('PATCH', '/admin/managers/vera', { as: 'head', body: { absences: two, expectedVersion: 1 } });
    expect(changed.status).toBe(200);
    expect(changed.body.manager).toMatchObject({ absences: two, version: 2 });
    const cleared = await api.call('PATCH', '/admin/managers/vera', { as: 'head', body: { absences: [] } });
    expect(cleared.body.manager.absences).toBeUndefined();
    expect((await entry('vera'))?.absences).toBeUndefined();
  });

  it('refuses malformed leaves naming the field, and writes nothing', async () => {
    const before = await entry('anna');
    const refused = async (absences: unknown, paths: string[]) => {
      const answer = await api.call('PATCH', '/admin/managers/anna', { as: 'head', body: { absences } });
      expectProblem(answer, 400);
      expect(pathsOf(answer)).toEqual(paths);
    };
    await refused(
      [leave('2027-01-10', '2027-01-24'), leave('2027-02-10', '2027-02-01'), leave('2027-03-01', '2027-02-28')],
      ['absences[1].to', 'absences[2].to'],
    );
    await refused([leave('2027-02-30', '2027-03-01')], ['absences[0].from']);
    await refused([leave('10.01.2027', '2027-01-24')], ['absences[0].from']);
    await refused([{ from: '2027-01-10' }], ['absences[0].to']);
    await refused([{ ...leave('2027-01-10', '2027-01-11'), note: 'ski' }], ['absences[0]']);
    await refused('2027-01-10..2027-01-24', ['absences']);
    await refused(
      Array.from({ length: 51 }, () => leave('2027-01-10', '2027-01-11')),
      ['absences'],
    );
    const add = await api.call('POST', '/admin/managers', {
      as: 'head',
      body: { id: 'gleb', name: 'Gleb', email: 'gleb@example.com', level: 1, absences: [leave('2027-01-10', '2027-01-01')] },
    });
    expectProblem(add, 400);
    expect(pathsOf(add)).toEqual(['absences[0].to']);
    expect(await entry('anna')).toEqual(before);
    expect(await entry('gleb')).toBeUndefined();
  });

  it('a rotation preview says who is away; an admin cannot hand a new client to someone away today', async () => {
    const today = companyToday('Europe/Moscow');
    await api.call('PATCH', '/admin/managers/boris', { as: 'head', body: { absences: [leave(today, addDaysToDay(today, 3))] } });
    const preview = await api.call('POST', '/admin/rotation/preview', { as: 'head', body: { at: today } });
    expect(preview.status).toBe(200);
    expect(preview.body.away).toEqual([{ managerId: 'boris', awayUntil: addDaysToDay(today, 3), kept: 0, paused: 0, deadlinesMoved: 0 }]);
    const created = await api.call('POST', '/clients', {
      as: 'head',
      body: { id: 'n1', name: 'New', kind: 'company', managerId: 'boris', phones: ['+79160000009'] },
    });
    expectProblem(created, 400);
    expect(created.body.errors).toEqual([{ path: 'managerId', message: expect.stringMatching(/^is away on /) }]);
  });

  it("the manager's sheet shows a rotation due day moved by their leaves", async () => {
    const created = await api.call('POST', '/clients', {
      as: 'anna',
      body: { id: 'a1', name: 'Held', kind: 'company', phones: ['+79160000010'] },
    });
    expect(created.status).toBe(201);
    await api.db.collection('clients').doc('a1').update({ assignedAt: '2026-05-01' });
    const dueOn = async () =>
      (await api.call('GET', '/clients?limit=10&managerId=anna', { as: 'anna' })).body.clients.find((c: { id: string }) => c.id === 'a1')
        .rotationDueOn;
    expect(await dueOn()).toBe('2026-11-01');
    await api.call('PATCH', '/admin/managers/anna', { as: 'head', body: { absences: [leave('2026-08-01', '2026-09-30')] } });
    expect(await dueOn()).toBe('2027-01-01');
  });
});
