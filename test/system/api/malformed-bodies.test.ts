import fc from 'fast-check';
import type { Firestore } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDocumentPaths } from '../../support/firestore.ts';
import { startApi, type Api } from './api-harness.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi('api-fuzz');
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
  expect((await api.call('POST', '/clients', { as: 'anna', body: { id: 'c1', name: 'Fuzz target', kind: 'person', phones: ['+79160000001'] } })).status).toBe(201);
});
afterAll(() => api.close());

type WriteRoute = { method: string; path: string; as: string; valid: Record<string, unknown>; typed: string[] };

/** Every write route, with a body that would be accepted and the fields whose type matters. */
const routes: WriteRoute[] = [
  { method: 'POST', path: '/clients', as: 'anna', valid: { name: 'New', kind: 'person', phones: ['+79160000002'] }, typed: ['name', 'kind', 'phones'] },
  { method: 'PATCH', path: '/clients/c1', as: 'anna', valid: { version: 1, changes: { name: 'Renamed' } }, typed: ['version', 'changes'] },
  { method: 'POST', path: '/clients/c1/deals', as: 'anna', valid: { date: '2026-02-01', amount: 100, profit: 10 }, typed: ['date', 'amount', 'profit'] },
  { method: 'POST', path: '/clients/c1/contacts', as: 'anna', valid: { channel: 'call', text: 'hello' }, typed: ['channel', 'text'] },
  { method: 'POST', path: '/clients/c1/notes', as: 'anna', valid: { text: 'a note' }, typed: ['text'] },
  { method: 'POST', path: '/clients/batch', as: 'anna', valid: { rows: [{ clientId: 'c1', version: 1, changes: { name: 'B' } }] }, typed: ['rows'] },
  { method: 'PUT', path: '/admin/rules', as: 'head', valid: { rules: { rotation: { holdMonths: 5 } } }, typed: [] },
  { method: 'POST', path: '/admin/managers', as: 'head', valid: { id: 'new', name: 'New', email: 'new@example.com', level: 1 }, typed: ['id', 'name', 'email', 'level'] },
  { method: 'PATCH', path: '/admin/managers/anna', as: 'head', valid: { level: 2 }, typed: ['level'] },
  { method: 'PUT', path: '/admin/clients/c1/pin', as: 'head', valid: { pinned: true }, typed: ['pinned'] },
  { method: 'POST', path: '/clients/c1/consents', as: 'anna', valid: { channel: 'email', status: 'granted', method: 'staff' }, typed: ['channel', 'status', 'method'] },
  { method: 'POST', path: '/tasks/t1/report', as: 'anna', valid: { text: 'done', outcome: 'other' }, typed: ['text', 'outcome'] },
  { method: 'POST', path: '/admin/rotation/preview', as: 'head', valid: {}, typed: [] },
  { method: 'POST', path: '/admin/rotation/apply', as: 'head', valid: {}, typed: [] },
  { method: 'POST', path: '/admin/managers/anna/offboard', as: 'head', valid: { dryRun: true }, typed: ['dryRun'] },
  { method: 'POST', path: '/admin/bonus/2026-02/compute', as: 'head', valid: {}, typed: [] },
  { method: 'POST', path: '/admin/bonus/2026-02/close', as: 'head', valid: {}, typed: [] },
  { method: 'POST', path: '/admin/mailing-exports', as: 'head', valid: { channel: 'email' }, typed: ['channel'] },
];

const notJson = fc.string({ maxLength: 60 }).filter((s) => {
  try {
    JSON.parse(s);
    return false;
  } catch {
    return s.trim() !== '';
  }
});
const notADate = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('tomorrow', '2026-13-45T00:00:00Z', 'yesterday 10am')).filter((v) => Number.isNaN(Date.parse(v.trim())) && !/^\d{4}-\d{2}-\d{2}$/.test(v.trim()));
const unknownKey = fc.string({ minLength: 1, maxLength: 12 }).map((k) => `x_${k}`);
const wrongFor = (value: unknown) =>
  typeof value === 'string' ? fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.constant({}))
  : typeof value === 'number' ? fc.oneof(fc.string({ maxLength: 10 }), fc.boolean(), fc.double({ noInteger: true, noNaN: true }), fc.constant([]))
  : typeof value === 'boolean' ? fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null))
  : fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());

type Case = { route: WriteRoute; raw: string; contentType: string };

const malformed: fc.Arbitrary<Case> = fc.constantFrom(...routes).chain((route) =>
  fc.oneof(
    notJson.map((raw) => ({ route, raw, contentType: 'application/json' })),
    fc.oneof(fc.integer(), fc.string({ maxLength: 20 }), fc.constant(null), fc.boolean(), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 })).map((v) => ({ route, raw: JSON.stringify(v), contentType: 'application/json' })),
    fc.tuple(unknownKey, fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => ({ route, raw: JSON.stringify({ ...route.valid, [k]: v }), contentType: 'application/json' })),
    fc.dictionary(unknownKey, fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }).map((d) => ({ route, raw: JSON.stringify(d), contentType: 'application/json' })),
    ...(route.typed.length > 0 ? [fc.constantFrom(...route.typed).chain((field) => wrongFor(route.valid[field]).map((v) => ({ route, raw: JSON.stringify({ ...route.valid, [field]: v }), contentType: 'application/json' })))] : []),
    ...(route.path === '/admin/rules'
      ? [fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)).map((v) => ({ route, raw: JSON.stringify({ rules: { rotation: v } }), contentType: 'application/json' }))]
      : []),
    fc.jsonValue({ maxDepth: 2 }).map((v) => ({ route, raw: JSON.stringify(v), contentType: 'text/plain' })),
    // Text that is no date where a date belongs (a check that crashed on these once answered 500).
    ...('date' in route.valid ? [notADate.map((d) => ({ route, raw: JSON.stringify({ ...route.valid, date: d }), contentType: 'application/json' }))] : []),
  ),
);

/** Every document but the audit log (failed admin actions and refusals are logged by design). */
async function dataState(db: Firestore): Promise<string> {
  const paths = (await allDocumentPaths(db)).filter((p) => !p.startsWith('audit/'));
  const docs = await Promise.all(paths.map(async (p) => [p, (await db.doc(p).get()).data()] as const));
  return JSON.stringify(docs);
}

describe('malformed bodies', () => {
  it('answers 1,000 random malformed bodies on the write routes with 4xx problem documents and writes nothing', async () => {
    const before = await dataState(api.db);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(malformed, async ({ route, raw, contentType }) => {
        const answer = await api.call(route.method, route.path, { as: route.as, rawBody: raw, contentType });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        expect(answer.status, `${route.method} ${route.path} ${raw}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${route.method} ${route.path} ${raw}`).toBeLessThan(500);
        expect(answer.contentType).toMatch(/^application\/problem\+json/);
        expect(answer.body).toMatchObject({ type: expect.stringMatching(/^https:\/\/clientbase\.dev\/problems\//), status: answer.status, detail: expect.any(String) });
      }),
      { numRuns: 1000 },
    );
    expect(await dataState(api.db)).toEqual(before);
    expect([...statuses.keys()].every((s) => s === 400 || s === 415)).toBe(true);
  });
});
