import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonthsToMonth } from '../../../functions/src/core/calendar.ts';
import { allDocumentPaths } from '../../support/firestore.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

// The head of sales previews edited rules on the last closed months: nothing is stored or published.

let api: Api;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
const month = today.slice(0, 7);
const closed = [addMonthsToMonth(month, -2), addMonthsToMonth(month, -1)];
const baseRules = { bonus: { normalRate: 0.05, newClientMultiplier: 3, retentionMonths: 3, attractionBonus: 50_000 } };
const whatIf = (body: unknown, as = 'head') => api.call('POST', '/admin/rules/what-if', { as, body });
const written = async () => (await allDocumentPaths(api.db)).filter((p) => !p.startsWith('audit/'));

beforeAll(async () => {
  api = await startApi('api-rules-what-if');
  for (const id of ['vera', 'gleb']) await api.addManager({ id, name: id === 'vera' ? 'Vera' : 'Gleb' });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
  expect((await api.call('PUT', '/admin/rules', { as: 'head', body: { rules: baseRules } })).status).toBe(200);
  const seats: Array<[string, string, string]> = [
    ['v1', 'vera', `${closed[1]}-10`],
    ['g1', 'gleb', `${closed[0]}-12`],
  ];
  for (const [i, [id, holder, day]] of seats.entries()) {
    const body = { id, name: `Client ${id}`, kind: 'person', phones: [`+7916555000${i}`], managerId: holder, attractedBy: holder };
    const made = await api.call('POST', '/clients', { as: 'head', body });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    await api.db
      .collection('clients')
      .doc(id)
      .update({ assignedAt: `${closed[0]}-01`, createdAt: `${closed[0]}-01` });
    const deal = { id: `${id}-d1`, date: day, amount: 100_000, profit: 40_000, managerId: holder };
    const recorded = await api.call('POST', `/clients/${id}/deals`, { as: 'head', body: deal });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
  }
  for (const m of closed) {
    expect((await api.awaitJob(await api.call('POST', `/admin/bonus/${m}/compute`, { as: 'head' }))).body.status).toBe('done');
    expect((await api.call('POST', `/admin/bonus/${m}/close`, { as: 'head' })).status).toBe(200);
  }
});
afterAll(() => api.close());

describe('what edited rules would have paid', () => {
  it('shows no difference under the rules in force, per manager and closed month, writing nothing', async () => {
    const before = await written();
    const current = (await api.call('GET', '/admin/rules', { as: 'head' })).body.rules;
    const answer = await whatIf({ rules: current, months: 12 });
    expect(answer.status).toBe(200);
    // First deal: normal 5 % of 40 000 plus the 50 000 attraction; the raised part is held until the gate.
    expect(answer.body).toEqual({
      months: closed,
      managers: [
        {
          managerId: 'gleb',
          name: 'Gleb',
          months: [
            { month: closed[0], paid: 52_000, wouldBe: 52_000 },
            { month: closed[1], paid: 0, wouldBe: 0 },
          ],
        },
        {
          managerId: 'vera',
          name: 'Vera',
          months: [
            { month: closed[0], paid: 0, wouldBe: 0 },
            { month: closed[1], paid: 52_000, wouldBe: 52_000 },
          ],
        },
      ],
      totalDifference: 0,
    });
    expect(await written()).toEqual(before);
  });

  it('shows the exact difference of a raised normal rate, on the last months asked only, publishing nothing', async () => {
    const before = await written();
    const raised = { ...baseRules, bonus: { ...baseRules.bonus, normalRate: 0.07 } };
    const answer = await whatIf({ rules: raised, months: 1 });
    expect(answer.body).toEqual({
      months: [closed[1]],
      managers: [{ managerId: 'vera', name: 'Vera', months: [{ month: closed[1], paid: 52_000, wouldBe: 52_800 }] }],
      totalDifference: 800,
    });
    expect((await whatIf({ rules: raised, months: 2 })).body.totalDifference).toBe(1_600);
    expect((await api.call('GET', '/admin/rules', { as: 'head' })).body.rules.bonus.normalRate).toBe(0.05);
    expect(await written()).toEqual(before);
  });

  it('refuses bad rules and months naming the field, and a manager', async () => {
    const bad = await whatIf({ rules: { bonus: { normalRate: 2 } }, months: 3 });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['rules.bonus.normalRate']);
    for (const months of [0, 13, 1.5, 'all']) {
      const answer = await whatIf({ rules: baseRules, months });
      expectProblem(answer, 400);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toEqual(['months']);
    }
    expectProblem(await whatIf({ rules: baseRules, months: 1 }, 'vera'), 403);
  });
});
