import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fairnessFigures, fairnessMoves, seedFairnessCompany } from '../../support/fairness-company.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

let api: Api;

beforeAll(async () => {
  api = await startApi('api-fairness');
  await seedFairnessCompany(api.db);
});
afterAll(() => api.close());

const pathsOf = (answer: { body: { errors?: Array<{ path: string }> } }) => (answer.body.errors ?? []).map((e) => e.path);

describe('GET /admin/rotation/fairness', () => {
  it('answers the hand-computed figures of a company with two rotations', async () => {
    const transfers = await api.db.collectionGroup('history').where('type', '==', 'transfer').get();
    expect(transfers.docs.map((d) => [d.get('clientId'), d.get('from'), d.get('to'), d.get('reason')]).sort()).toEqual(
      [...fairnessMoves].sort(),
    );
    const answer = await api.call('GET', '/admin/rotation/fairness?from=2026-01-01&to=2026-12-31', { as: 'head' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(fairnessFigures);
  });

  it('covers only the rotations inside the period', async () => {
    const march = await api.call('GET', '/admin/rotation/fairness?from=2026-03-01&to=2026-03-31', { as: 'head' });
    expect(march.body.runs).toEqual([fairnessFigures.runs[0]]);
    expect(march.body.managers.map((m: { managerId: string; received: unknown }) => [m.managerId, m.received])).toEqual([
      ['anna', { regular: 1, large: 0, topUps: 1 }],
      ['boris', { regular: 1, large: 1, topUps: 0 }],
    ]);
  });

  it('refuses a manager', async () => {
    expectProblem(await api.call('GET', '/admin/rotation/fairness?from=2026-01-01&to=2026-12-31', { as: 'anna' }), 403);
  });

  it('refuses a period it cannot report on, naming the parameter', async () => {
    const ask = (query: string) => api.call('GET', `/admin/rotation/fairness${query}`, { as: 'head' });
    const cases: Array<[string, string[]]> = [
      ['', ['from', 'to']],
      ['?from=2026-01-01', ['to']],
      ['?from=2026-02-30&to=2026-03-01', ['from']],
      ['?from=2026-01-01&to=tomorrow', ['to']],
      ['?from=2026-06-01&to=2026-05-31', ['to']],
      ['?from=2025-01-01&to=2026-01-02', ['to']],
      ['?from=2026-01-01&to=2026-12-31&managerId=anna', ['managerId']],
      ['?from=2026-01-01&from=2026-02-01&to=2026-12-31', ['from']],
      [`?from=2026-01-01&to=${'9'.repeat(5000)}`, ['to']],
    ];
    for (const [query, paths] of cases) {
      const answer = await ask(query);
      expectProblem(answer, 400);
      expect(pathsOf(answer), query).toEqual(paths);
    }
  });
});
