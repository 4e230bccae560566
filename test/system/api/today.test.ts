import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDay } from '../../../functions/src/core/calendar.ts';
import { rotationDueOn } from '../../../functions/src/core/rotation/staleness.ts';
import type { ClientDoc } from '../../../functions/src/schema/client.ts';
import { seedTodayCompany, type TodayCompany } from '../../support/today-company.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

let api: Api;
let company: TodayCompany;
beforeAll(async () => {
  api = await startApi('api-today');
  await api.addManager({ id: 'anna', name: 'Anna Orlova' });
  await api.addManager({ id: 'boris', name: 'Boris Petrov' });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
  company = await seedTodayCompany(api.db);
});
afterAll(() => api.close());

const todayOf = async (as: string) => {
  const answer = await api.call('GET', '/today', { as });
  expect(answer.status).toBe(200);
  return answer.body;
};
const stored = async (id: string) => (await api.db.collection('clients').doc(id).get()).data() as ClientDoc;

describe('GET /today', () => {
  it("answers the manager's four lists for the seeded company", async () => {
    const lists = await todayOf('anna');
    const doc = await stored(company.rotating.id);
    const dueOn = rotationDueOn(doc, { holdMonths: 6, noDealMonths: 12 })!;
    expect(lists).toMatchObject({ today: company.today, warnDays: 30 });
    expect(lists.aboutToRotate).toEqual([
      {
        clientId: company.rotating.id,
        name: company.rotating.name,
        dueOn,
        daysLeft: expect.any(Number),
        keptBy: { dealBefore: dueOn, minDealAmount: 100 },
      },
    ]);
    // Month ends clamp: "6 months before today + 10" may land a day or two off.
    expect(Math.abs(lists.aboutToRotate[0].daysLeft - 10)).toBeLessThanOrEqual(3);
    expect(lists.reportsDue).toEqual([
      {
        taskId: company.overdue.taskId,
        clientId: company.overdue.id,
        name: company.overdue.name,
        dueDate: company.overdue.dueDate,
        overdue: true,
      },
      {
        taskId: company.received.taskId,
        clientId: company.received.id,
        name: company.received.name,
        dueDate: company.received.dueDate,
        overdue: false,
      },
    ]);
    expect(lists.followUps).toEqual([
      { clientId: company.followUp.id, name: company.followUp.name, nextContactOn: company.followUp.nextContactOn },
    ]);
    expect(lists.newToMe).toEqual([
      {
        clientId: company.received.id,
        name: company.received.name,
        receivedOn: addDaysToDay(company.today, -1),
        how: 'rotation',
        from: { id: 'boris', name: 'Boris Petrov' },
        reportDueOn: company.received.dueDate,
      },
    ]);
  });

  it("never shows a manager another's clients, and answers only the caller", async () => {
    const anna = JSON.stringify(await todayOf('anna'));
    expect(anna).not.toContain(company.borisOwn.id);
    expect(anna).not.toContain('task-boris');
    const boris = await todayOf('boris');
    const ids = [...boris.aboutToRotate, ...boris.reportsDue, ...boris.followUps, ...boris.newToMe].map((r) => r.clientId);
    expect(new Set(ids)).toEqual(new Set([company.borisOwn.id]));
    const annas = [company.rotating, company.overdue, company.followUp, company.received, company.later].map((c) => c.id);
    for (const id of annas) expect(JSON.stringify(boris)).not.toContain(id);
  });

  it('refuses a request without a token, and a query it does not take', async () => {
    expectProblem(await api.call('GET', '/today'), 401);
    const odd = await api.call('GET', '/today?managerId=boris', { as: 'anna' });
    expectProblem(odd, 400);
  });
});

describe('Next contact on, as the holder types it', () => {
  it('is set to a day from today on, listed once due, and cleared with null without counting as destructive', async () => {
    const id = company.later.id;
    const v = (await stored(id)).version;
    const set = await api.call('PATCH', `/clients/${id}`, { as: 'anna', body: { version: v, changes: { nextContactOn: company.today } } });
    expect(set.status).toBe(200);
    expect(set.body.client.nextContactOn).toBe(company.today);
    expect((await todayOf('anna')).followUps.map((f: { clientId: string }) => f.clientId)).toEqual([company.followUp.id, id]);
    const listed = await api.call('GET', '/clients?limit=50', { as: 'anna' });
    expect(listed.body.clients.find((c: { id: string }) => c.id === id).nextContactOn).toBe(company.today);
    const cleared = await api.call('PATCH', `/clients/${id}`, { as: 'anna', body: { version: v + 1, changes: { nextContactOn: null } } });
    expect(cleared.status).toBe(200);
    expect((await stored(id)).nextContactOn).toBeUndefined();
    expect((await api.db.collection('destructiveEdits').get()).size).toBe(0);
  });

  const abusive: Array<[string, unknown, RegExp]> = [
    ['a past day', 'yesterday', /today .* or later/],
    ['garbage', 'next week', /YYYY-MM-DD/],
    ['an impossible day', '2026-02-30', /./],
    ['a number', 20261231, /./],
  ];
  for (const [what, value, message] of abusive) {
    it(`refuses ${what}, naming the field, and writes nothing`, async () => {
      const typed = value === 'yesterday' ? addDaysToDay(company.today, -1) : value;
      const before = await stored(company.later.id);
      const refused = await api.call('PATCH', `/clients/${company.later.id}`, {
        as: 'anna',
        body: { version: before.version, changes: { nextContactOn: typed } },
      });
      expectProblem(refused, 400);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ path: 'changes.nextContactOn', message: expect.stringMatching(message) }),
      ]);
      expect(await stored(company.later.id)).toEqual(before);
    });
  }

  it('refuses a past day in a batch row too, naming the row and field', async () => {
    const before = await stored(company.later.id);
    const answer = await api.call('POST', '/clients/batch', {
      as: 'anna',
      body: {
        rows: [{ clientId: company.later.id, version: before.version, changes: { nextContactOn: addDaysToDay(company.today, -3) } }],
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ applied: 0, invalid: 1 });
    expect(JSON.stringify(answer.body.rows[0].errors)).toContain('nextContactOn');
    expect(await stored(company.later.id)).toEqual(before);
  });

  it("refuses setting it on another manager's client as not found, and writes nothing", async () => {
    const before = await stored(company.borisOwn.id);
    const refused = await api.call('PATCH', `/clients/${company.borisOwn.id}`, {
      as: 'anna',
      body: { version: before.version, changes: { nextContactOn: addDaysToDay(company.today, 2) } },
    });
    expectProblem(refused, 404);
    expect(await stored(company.borisOwn.id)).toEqual(before);
  });
});
