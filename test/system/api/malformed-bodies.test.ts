import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import type { Firestore } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDocumentPaths } from '../../support/firestore.ts';
import {
  badDate,
  beforeTheHolding,
  brokenText,
  hostileName,
  hugeNumber,
  impossibleDate,
  noContacts,
  profitOverAmount,
  reservedId,
  unsafeNumber,
} from '../../support/hostile-values.ts';
import { startApi, type Api } from './api-harness.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi('api-fuzz');
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
  expect(
    (await api.call('POST', '/clients', { as: 'anna', body: { id: 'c1', name: 'Fuzz target', kind: 'person', phones: ['+79160000001'] } }))
      .status,
  ).toBe(201);
});
afterAll(() => api.close());

type WriteRoute = { method: string; path: string; as: string; valid: Record<string, unknown>; typed: string[] };

/** Every write route, with a body that would be accepted and the fields whose type matters. */
const routes: WriteRoute[] = [
  {
    method: 'POST',
    path: '/clients',
    as: 'anna',
    valid: { name: 'New', kind: 'person', phones: ['+79160000002'] },
    typed: ['name', 'kind', 'phones'],
  },
  { method: 'PATCH', path: '/clients/c1', as: 'anna', valid: { version: 1, changes: { name: 'Renamed' } }, typed: ['version', 'changes'] },
  {
    method: 'POST',
    path: '/clients/c1/deals',
    as: 'anna',
    valid: { date: '2026-02-01', amount: 100, profit: 10 },
    typed: ['date', 'amount', 'profit'],
  },
  { method: 'POST', path: '/clients/c1/contacts', as: 'anna', valid: { channel: 'call', text: 'hello' }, typed: ['channel', 'text'] },
  { method: 'POST', path: '/clients/c1/notes', as: 'anna', valid: { text: 'a note' }, typed: ['text'] },
  {
    method: 'POST',
    path: '/clients/batch',
    as: 'anna',
    valid: { rows: [{ clientId: 'c1', version: 1, changes: { name: 'B' } }] },
    typed: ['rows'],
  },
  { method: 'PUT', path: '/admin/rules', as: 'head', valid: { rules: { rotation: { holdMonths: 5 } } }, typed: [] },
  {
    method: 'POST',
    path: '/admin/managers',
    as: 'head',
    valid: { id: 'new', name: 'New', email: 'new@example.com', level: 1 },
    typed: ['id', 'name', 'email', 'level'],
  },
  { method: 'PATCH', path: '/admin/managers/anna', as: 'head', valid: { level: 2 }, typed: ['level'] },
  { method: 'PUT', path: '/admin/clients/c1/pin', as: 'head', valid: { pinned: true }, typed: ['pinned'] },
  { method: 'POST', path: '/admin/clients/c1/contacts/release', as: 'head', valid: { contact: '+79160000009' }, typed: ['contact'] },
  {
    method: 'POST',
    path: '/admin/deals/review',
    as: 'head',
    valid: { rows: [{ dealId: 'd1', version: 1, decision: 'reject', reason: 'duplicate' }] },
    typed: ['rows'],
  },
  { method: 'POST', path: '/admin/clients/c1/restore', as: 'head', valid: { at: '2026-02-01T00:00:00.000Z' }, typed: ['at'] },
  {
    method: 'POST',
    path: '/clients/c1/consents',
    as: 'anna',
    valid: { channel: 'email', status: 'granted', method: 'staff' },
    typed: ['channel', 'status', 'method'],
  },
  {
    method: 'POST',
    path: '/clients/c1/contacts/verify',
    as: 'anna',
    valid: { channel: 'email', address: 'stranger@example.com', decision: 'decline' },
    typed: ['channel', 'address', 'decision'],
  },
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
const notADate = fc
  .oneof(fc.string({ maxLength: 20 }), fc.constantFrom('tomorrow', '2026-13-45T00:00:00Z', 'yesterday 10am'))
  .filter((v) => Number.isNaN(Date.parse(v.trim())) && !/^\d{4}-\d{2}-\d{2}$/.test(v.trim()));
const unknownKey = fc.string({ minLength: 1, maxLength: 12 }).map((k) => `x_${k}`);
const wrongFor = (value: unknown) =>
  typeof value === 'string'
    ? fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.constant({}))
    : typeof value === 'number'
      ? fc.oneof(fc.string({ maxLength: 10 }), fc.boolean(), fc.double({ noInteger: true, noNaN: true }), fc.constant([]))
      : typeof value === 'boolean'
        ? fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null))
        : fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());

type Case = { route: WriteRoute; raw: string; contentType: string };

const malformed: fc.Arbitrary<Case> = fc.constantFrom(...routes).chain((route) =>
  fc.oneof(
    notJson.map((raw) => ({ route, raw, contentType: 'application/json' })),
    fc
      .oneof(
        fc.integer(),
        fc.string({ maxLength: 20 }),
        fc.constant(null),
        fc.boolean(),
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
      )
      .map((v) => ({ route, raw: JSON.stringify(v), contentType: 'application/json' })),
    fc
      .tuple(unknownKey, fc.jsonValue({ maxDepth: 2 }))
      .map(([k, v]) => ({ route, raw: JSON.stringify({ ...route.valid, [k]: v }), contentType: 'application/json' })),
    fc
      .dictionary(unknownKey, fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 })
      .map((d) => ({ route, raw: JSON.stringify(d), contentType: 'application/json' })),
    ...(route.typed.length > 0
      ? [
          fc.constantFrom(...route.typed).chain((field) =>
            wrongFor(route.valid[field]).map((v) => ({
              route,
              raw: JSON.stringify({ ...route.valid, [field]: v }),
              contentType: 'application/json',
            })),
          ),
        ]
      : []),
    ...(route.path === '/admin/rules'
      ? [
          fc
            .jsonValue({ maxDepth: 2 })
            .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
            .map((v) => ({ route, raw: JSON.stringify({ rules: { rotation: v } }), contentType: 'application/json' })),
        ]
      : []),
    fc.jsonValue({ maxDepth: 2 }).map((v) => ({ route, raw: JSON.stringify(v), contentType: 'text/plain' })),
    // Text that is no date where a date belongs (a check that crashed on these once answered 500).
    ...('date' in route.valid
      ? [notADate.map((d) => ({ route, raw: JSON.stringify({ ...route.valid, date: d }), contentType: 'application/json' }))]
      : []),
  ),
);

/** Every document but the audit log (failed admin actions and refusals are logged by design). */
async function dataState(db: Firestore): Promise<string> {
  const paths = await allDocumentPaths(db, { except: ['audit'] });
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
        expect(answer.body).toMatchObject({
          type: expect.stringMatching(/^https:\/\/clientbase\.dev\/problems\//),
          status: answer.status,
          detail: expect.any(String),
        });
      }),
      { numRuns: 1000 },
    );
    expect(await dataState(api.db)).toEqual(before);
    expect([...statuses.keys()].every((s) => s === 400 || s === 415)).toBe(true);
  });

  it('refuses 250 hostile bodies (broken text, reserved ids, bad or early dates, huge numbers, no contacts), writing nothing', async () => {
    const before = await dataState(api.db);
    await fc.assert(
      fc.asyncProperty(hostile, async ({ route, raw, field }) => {
        const answer = await api.call(route.method, route.path, { as: route.as, rawBody: raw });
        const what = `${route.method} ${route.path} ${field} ${raw}`;
        if (route.path === '/clients/batch' || route.path === '/admin/deals/review') {
          // A batch (of edits or of deal reviews) answers each row; a hostile row is refused on its own, naming the field.
          expect(answer.status, what).toBe(200);
          expect(answer.body.rows[0], what).toMatchObject({
            status: 'invalid',
            // The batch names a field within its row, the review by its place in the body.
            errors: expect.arrayContaining([
              expect.objectContaining({ path: route.path === '/clients/batch' ? field.replace('rows[0].', '') : field }),
            ]),
          });
          return;
        }
        expect(answer.status, what).toBe(400);
        expect(answer.contentType).toMatch(/^application\/problem\+json/);
        expect(
          answer.body.errors.map((e: { path: string }) => e.path),
          what,
        ).toContain(field);
      }),
      { numRuns: 250 },
    );
    expect(await dataState(api.db)).toEqual(before);
  });

  it('answers reserved, undecodable or oversized ids in the path with 400, writing nothing', async () => {
    const before = await dataState(api.db);
    const token = api.tokenFor('head@example.com');
    for (const route of pathRoutes) {
      for (const id of pathIds) {
        const answer = await rawRequest(route.method, route.path.replace('{id}', id), token, JSON.stringify(route.valid));
        expect(answer.status, `${route.method} ${route.path} ${id}`).toBe(400);
      }
    }
    expect(await dataState(api.db)).toEqual(before);
  });
});

type HostileCase = { route: WriteRoute; raw: string; field: string };

/** Where each class of hostile value goes: a route, the path of the field in its valid body, and the values. */
const targets: Array<{ route: WriteRoute; field: string; values: fc.Arbitrary<unknown> }> = [];
const target = (path: string, method: string, field: string, values: fc.Arbitrary<unknown>) => {
  const route = routes.find((r) => r.path === path && r.method === method)!;
  targets.push({ route, field, values });
};
target('/clients', 'POST', 'name', hostileName);
target('/clients', 'POST', 'phones[0]', hostileName);
target('/clients', 'POST', 'id', reservedId);
target('/clients/c1', 'PATCH', 'changes.name', hostileName);
target('/clients/c1', 'PATCH', 'changes.competitor', hostileName);
target('/clients/c1', 'PATCH', 'changes.lostAt', fc.oneof(badDate, beforeTheHolding));
target('/clients/c1', 'PATCH', 'changes.phones', noContacts);
target('/clients', 'POST', 'phones', noContacts);
target('/clients/c1', 'PATCH', 'version', unsafeNumber);
target('/clients/c1/deals', 'POST', 'date', fc.oneof(badDate, beforeTheHolding));
target('/clients/c1/deals', 'POST', 'amount', fc.oneof(hugeNumber, fc.constant(0)));
target('/clients/c1/deals', 'POST', 'profit', fc.oneof(hugeNumber, fc.integer({ min: 101, max: 10_000_000_000_000 })));
target('/clients/c1/deals', 'POST', 'id', reservedId);
target('/clients/c1/contacts', 'POST', 'text', brokenText);
target('/clients/c1/notes', 'POST', 'text', brokenText);
target('/clients/c1/consents', 'POST', 'proof.formId', hostileName);
target('/clients/c1/consents', 'POST', 'proof.textVersion', hostileName);
target('/clients/c1/consents', 'POST', 'proof.address', hostileName);
target('/clients/c1/consents', 'POST', 'proof.note', brokenText);
target('/clients/c1/contacts/verify', 'POST', 'address', hostileName);
target('/clients/batch', 'POST', 'rows[0].changes.name', hostileName);
target('/clients/batch', 'POST', 'rows[0].changes.lostAt', fc.oneof(badDate, beforeTheHolding));
target('/clients/batch', 'POST', 'rows[0].changes.phones', noContacts);
target(
  '/admin/clients/c1/contacts/release',
  'POST',
  'contact',
  fc.oneof(hostileName, fc.constantFrom('', '+79160000001', 'nobody@example.com')),
);
target('/clients/batch', 'POST', 'rows[0].clientId', reservedId);
target('/admin/deals/review', 'POST', 'rows[0].dealId', reservedId);
target('/admin/deals/review', 'POST', 'rows[0].version', unsafeNumber);
target('/admin/deals/review', 'POST', 'rows[0].reason', fc.oneof(brokenText, fc.constant('')));
target('/admin/deals/review', 'POST', 'rows[0].decision', fc.constantFrom('approve', 'CONFIRM', '', 'pay'));
target('/admin/managers', 'POST', 'name', hostileName);
target('/admin/managers', 'POST', 'id', reservedId);
target('/admin/managers', 'POST', 'level', hugeNumber);
target('/admin/managers/anna', 'PATCH', 'name', hostileName);
target('/tasks/t1/report', 'POST', 'text', brokenText);
target('/admin/rotation/preview', 'POST', 'at', impossibleDate);
target('/admin/rules', 'PUT', 'rules.bonus.attractionBonus', hugeNumber);
target('/admin/rules', 'PUT', 'rules.intake.managerId', reservedId);

/** Sets `path` (`a.b[0].c`) in a copy of `body`. */
function withValue(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let at: Record<string, unknown> = copy;
  keys.slice(0, -1).forEach((k) => {
    at[k] ??= {};
    at = at[k] as Record<string, unknown>;
  });
  at[keys.at(-1)!] = value;
  return copy;
}

const hostile: fc.Arbitrary<HostileCase> = fc.oneof(
  ...targets.map(({ route, field, values }) =>
    values.map((v) => ({ route, field, raw: JSON.stringify(withValue(route.valid, field, v)) })),
  ),
  profitOverAmount.map(({ amount, profit }) => ({
    route: routes.find((r) => r.path === '/clients/c1/deals')!,
    field: 'profit',
    raw: JSON.stringify({ date: '2026-02-01', amount, profit }),
  })),
);

const pathRoutes = [
  { method: 'GET', path: '/clients/{id}', valid: undefined },
  { method: 'PATCH', path: '/clients/{id}', valid: { version: 1, changes: { name: 'X' } } },
  { method: 'POST', path: '/clients/{id}/notes', valid: { text: 'a note' } },
  { method: 'POST', path: '/clients/{id}/contacts/verify', valid: { channel: 'email', address: 'a@example.com', decision: 'accept' } },
  { method: 'POST', path: '/tasks/{id}/report', valid: { text: 'done', outcome: 'other' } },
  { method: 'PATCH', path: '/admin/managers/{id}', valid: { level: 2 } },
  { method: 'PUT', path: '/admin/clients/{id}/pin', valid: { pinned: true } },
];
const pathIds = [
  '.',
  '..',
  '%2E',
  '%2e%2E',
  '__x__',
  '%5F%5Fx%5F%5F',
  '%2F',
  'a%00b',
  '%ED%A0%80',
  '%E0%A4%A',
  'x'.repeat(1600),
  '%E2%80%AEevil',
];

/** A request exactly as written: fetch would resolve `..` and `%2E%2E` before sending. */
function rawRequest(method: string, path: string, token: string, body: string | undefined): Promise<{ status: number }> {
  const url = new URL(api.baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined && method !== 'GET') headers['content-type'] = 'application/json';
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end(method === 'GET' ? undefined : body);
  });
}
