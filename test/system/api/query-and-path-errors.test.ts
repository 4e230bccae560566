import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startApi, type Api } from './api-harness.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi('api-query-path');
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
});
afterAll(() => api.close());

describe('a query or path the routes cannot take', () => {
  it('names an unknown query parameter at its own path, beside a bad one', async () => {
    const answer = await api.call('GET', '/clients?foo=1&limit=abc', { as: 'anna' });
    expectProblem(answer, 400);
    const paths = (answer.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['foo', 'limit']);
    expect(answer.body.errors).toContainEqual({ path: 'foo', message: 'unknown query parameter' });
    const admin = await api.call('GET', '/admin/managers?extra=x', { as: 'head' });
    expect(admin.body.errors).toEqual([{ path: 'extra', message: 'unknown query parameter' }]);
  });

  it('answers a path parameter that does not decode with 400 naming it', async () => {
    const answer = await api.call('GET', '/clients/%zz', { as: 'anna' });
    expectProblem(answer, 400);
    expect(answer.body.errors).toEqual([{ path: 'id', message: 'is not valid percent-encoding' }]);
    const offboard = await api.call('POST', '/admin/managers/%E0%A4%A/offboard', { as: 'head', body: { dryRun: true } });
    expect(offboard.body.errors).toEqual([{ path: 'id', message: 'is not valid percent-encoding' }]);
  });
});
