import { rulesConfigSchema } from '../../functions/src/schema/rules-config.ts';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import fc from 'fast-check';
import type { Firestore } from 'firebase-admin/firestore';
import { runCli } from '../../functions/src/cli/main.ts';
import { companyToday } from '../../functions/src/core/calendar.ts';
import { signupHandler } from '../../functions/src/consent-http/signup.ts';
import { unsubscribeHandler } from '../../functions/src/consent-http/unsubscribe.ts';
import { collections } from '../../functions/src/store/collections.ts';
import { openFirestore } from '../../functions/src/store/db.ts';
import { publishRules } from '../../functions/src/store/rules-store.ts';
import {
  anyHostile,
  badDate,
  deepNesting,
  hostileName,
  hugeNumber,
  nestedJsonText,
  nestingBomb,
  profitOverAmount,
  reservedId,
} from './hostile-values.ts';
import { awaitJob } from './await-job.ts';
import { startApiServer } from './api-server.ts';
import { logWrites } from './write-log.ts';

/**
 * Fuzzing at scale: fast-check on every staff API route, the importer (the CLI), the public sign-up,
 * the unsubscribe function and its gateway reports, and the rules publish, with the input classes
 * that have bitten before. Two rules per case: never
 * a 5xx (nor exit status 1 from the importer), and nothing written when the input is refused (the
 * audit log and the sign-up rate counters excepted: refusals are counted there by design).
 */
export type FuzzCounts = { api: number; import: number; signup: number; rules: number; unsubscribe: number };
export type FuzzSummary = {
  seed: number;
  cases: number;
  byTarget: FuzzCounts;
  statuses: Record<string, number>;
  serverErrors: number;
  writesOnRefusal: number;
};

type Sent = { status: number; body: string };

function send(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Sent> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sets `path` (`a.b[0].c`) in a copy of `body`. */
function withValue(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let at: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) {
    if (typeof at[k] !== 'object' || at[k] === null) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys.at(-1)!] = value;
  return copy;
}

/** Paths of every leaf of a JSON value (`a.b[0].c`), and the containers themselves. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => leafPaths(v, `${prefix}[${i}]`))].filter((p) => p !== '');
  if (value && typeof value === 'object')
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k))].filter((p) => p !== '');
  return [prefix];
}

/**
 * A route and a valid request to it; the fuzzer spoils one part at a time. Job routes get only spoiled
 * bodies (a valid one would start background work).
 */
type Route = {
  method: string;
  path: string;
  as: 'anna' | 'head';
  body?: unknown;
  query?: Record<string, string>;
  ids?: string[];
  onlySpoiled?: boolean;
};

/** Today where the fuzzed company works (the default rules' zone): the first day a holder may date things on a client made now. */
const today = companyToday('Europe/Moscow');

const routes: Route[] = [
  { method: 'GET', path: '/me', as: 'anna' },
  {
    method: 'GET',
    path: '/clients',
    as: 'anna',
    query: { limit: '50', sort: 'name', order: 'asc', q: 'Fuzz', kind: 'person', size: 'regular', lost: 'false' },
  },
  { method: 'GET', path: '/clients', as: 'head', query: { managerId: 'anna', cursor: 'eyJ4IjoxfQ' } },
  { method: 'GET', path: '/clients/{id}', as: 'anna', ids: ['c1'] },
  { method: 'POST', path: '/clients/departures', as: 'anna', body: { ids: ['c1', 'gone'] } },
  {
    method: 'POST',
    path: '/clients',
    as: 'anna',
    body: {
      name: 'New',
      kind: 'person',
      size: 'regular',
      phones: ['+79160000002'],
      emails: ['new@example.com'],
      taxNumber: '7707083893',
      source: 'website',
    },
  },
  {
    method: 'POST',
    path: '/clients',
    as: 'head',
    body: { name: 'Placed', kind: 'company', taxNumber: '500100732259', managerId: 'anna', attractedBy: 'anna' },
  },
  {
    method: 'PATCH',
    path: '/clients/{id}',
    as: 'anna',
    ids: ['c1'],
    body: {
      version: 1,
      changes: {
        name: 'Renamed',
        phones: ['+79160000001'],
        lostAt: today,
        lostReason: 'moved',
        competitor: 'Rival',
        source: 'event',
      },
    },
  },
  {
    method: 'POST',
    path: '/clients/batch',
    as: 'anna',
    body: { rows: [{ clientId: 'c1', version: 1, changes: { name: 'B', emails: ['b@example.com'], size: 'large' } }] },
  },
  {
    method: 'POST',
    path: '/clients/{id}/deals',
    as: 'anna',
    ids: ['c1'],
    body: { id: 'd-new', date: today, amount: 100, profit: 10 },
  },
  {
    method: 'POST',
    path: '/clients/{id}/deals',
    as: 'head',
    ids: ['c1'],
    body: { date: '2026-02-01', amount: 100, profit: 10, managerId: 'anna' },
  },
  { method: 'POST', path: '/clients/{id}/contacts', as: 'anna', ids: ['c1'], body: { channel: 'call', text: 'hello' } },
  { method: 'POST', path: '/clients/{id}/notes', as: 'anna', ids: ['c1'], body: { text: 'a note' } },
  {
    method: 'POST',
    path: '/clients/{id}/consents',
    as: 'anna',
    ids: ['c1'],
    body: { channel: 'email', status: 'granted', method: 'staff', proof: { formId: 'f1', address: 'x@example.com' } },
  },
  {
    method: 'POST',
    path: '/clients/{id}/consents',
    as: 'head',
    ids: ['c1'],
    body: { channel: 'sms', status: 'granted', method: 'questionnaire', proof: { formId: 'q-17', textVersion: 'v3', note: 'paper form' } },
  },
  {
    method: 'POST',
    path: '/clients/{id}/contacts/verify',
    as: 'anna',
    ids: ['c1'],
    body: { channel: 'email', address: 'stranger@example.com', decision: 'accept' },
  },
  { method: 'GET', path: '/statements/{id}', as: 'anna', ids: ['2026-02'] },
  { method: 'GET', path: '/statements/{id}', as: 'head', ids: ['2026-02'], query: { managerId: 'anna' } },
  { method: 'GET', path: '/tasks', as: 'anna' },
  { method: 'POST', path: '/tasks/{id}/report', as: 'anna', ids: ['t1'], body: { text: 'done', outcome: 'other' } },
  { method: 'GET', path: '/admin/rules', as: 'head' },
  { method: 'GET', path: '/admin/managers', as: 'head' },
  {
    method: 'POST',
    path: '/admin/managers',
    as: 'head',
    body: { id: 'new', name: 'New', email: 'new@example.com', level: 1, role: 'manager' },
  },
  { method: 'PATCH', path: '/admin/managers/{id}', as: 'head', ids: ['anna'], body: { name: 'Anna', level: 2, role: 'manager' } },
  { method: 'POST', path: '/admin/managers/{id}/offboard', as: 'head', ids: ['leaver'], body: { dryRun: true } },
  { method: 'PUT', path: '/admin/clients/{id}/pin', as: 'head', ids: ['c1'], body: { pinned: true } },
  { method: 'POST', path: '/admin/clients/{id}/contacts/release', as: 'head', ids: ['c1'], body: { contact: '+79160000009' } },
  { method: 'GET', path: '/admin/deals', as: 'head', query: { status: 'unconfirmed' } },
  {
    method: 'POST',
    path: '/admin/deals/review',
    as: 'head',
    body: { rows: [{ dealId: 'd-new', version: 1, decision: 'reject', reason: 'no invoice' }] },
  },
  { method: 'POST', path: '/admin/rotation/preview', as: 'head', body: { at: '2026-02-01' } },
  { method: 'POST', path: '/admin/rotation/apply', as: 'head', body: {}, onlySpoiled: true },
  { method: 'POST', path: '/admin/bonus/{id}/compute', as: 'head', ids: ['2026-02'], body: {}, onlySpoiled: true },
  { method: 'POST', path: '/admin/bonus/{id}/close', as: 'head', ids: ['2026-02'], body: {}, onlySpoiled: true },
  { method: 'POST', path: '/admin/mailing-exports', as: 'head', body: { channel: 'email' }, onlySpoiled: true },
  { method: 'GET', path: '/admin/audit', as: 'head', query: { limit: '10' } },
  { method: 'GET', path: '/admin/jobs/{id}', as: 'head', ids: ['api-none'] },
];

const hostileText = fc.oneof(
  hostileName,
  reservedId,
  badDate,
  fc.string({ maxLength: 30 }),
  fc.constantFrom('-1', '1e300', 'NaN', '%', '%ED%A0%80', '%00'),
);
/** Path ids as written on the wire: reserved, undecodable, oversized, or random. */
const hostilePathId = fc.oneof(
  reservedId.filter((id) => id !== '' && !id.includes('/')).map((id) => encodeURIComponent(id)),
  fc.constantFrom('%2E', '%2e%2E', '%5F%5Fx%5F%5F', '%2F', 'a%00b', '%ED%A0%80', '%E0%A4%A', '%E2%80%AEevil', '2026-13', '9999-99'),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => encodeURIComponent(s)),
);

type ApiCase = { route: Route; path: string; body?: string; what: string };

const spoiledBody = (route: Route): fc.Arbitrary<{ body: string; what: string }> => {
  const body = route.body ?? {};
  const fields = leafPaths(body);
  return fc.oneof(
    ...(fields.length > 0
      ? [
          fc
            .tuple(fc.constantFrom(...fields), anyHostile)
            .map(([f, v]) => ({ body: JSON.stringify(withValue(body, f, v)), what: `${f} = ${JSON.stringify(v)?.slice(0, 80)}` })),
        ]
      : []),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 10 }), anyHostile)
      .map(([k, v]) => ({ body: JSON.stringify({ ...(body as object), [`x_${k}`]: v }), what: `unknown field x_${k}` })),
    deepNesting.map((v) => ({ body: JSON.stringify({ ...(body as object), deep: v }), what: 'a deeply nested field' })),
    nestingBomb.map((depth) => ({ body: nestedJsonText(depth), what: `a body nested ${depth} deep` })),
    nestingBomb.map((depth) => ({
      body: JSON.stringify({ ...(body as object), deep: 0 }).replace('"deep":0', `"deep":${nestedJsonText(depth)}`),
      what: `a field nested ${depth} deep`,
    })),
    fc.jsonValue({ maxDepth: 4 }).map((v) => ({ body: JSON.stringify(v), what: 'a random JSON body' })),
  );
};

const apiCase: fc.Arbitrary<ApiCase> = fc.constantFrom(...routes).chain((route) => {
  const base = route.path.replace('{id}', route.ids?.[0] ?? '');
  const queryString = (q?: Record<string, string>) => (q && Object.keys(q).length > 0 ? `?${new URLSearchParams(q).toString()}` : '');
  const spoiled: Array<fc.Arbitrary<ApiCase>> = [];
  if (route.body !== undefined)
    spoiled.push(spoiledBody(route).map(({ body, what }) => ({ route, path: `${base}${queryString(route.query)}`, body, what })));
  if (route.ids)
    spoiled.push(
      hostilePathId.map((id) => ({
        route,
        path: route.path.replace('{id}', id),
        ...(route.body !== undefined ? { body: JSON.stringify(route.body) } : {}),
        what: `path id ${id}`,
      })),
    );
  const params = Object.keys(route.query ?? {});
  // A query on a route that reads none leaves a valid request, which a job route must not get.
  if (!route.onlySpoiled)
    spoiled.push(
      fc.tuple(fc.constantFrom(...(params.length > 0 ? params : ['limit', 'cursor', 'x'])), hostileText).map(([p, v]) => ({
        route,
        path: `${base}${queryString({ ...(route.query ?? {}), [p]: v })}`,
        ...(route.body !== undefined ? { body: JSON.stringify(route.body) } : {}),
        what: `query ${p} = ${JSON.stringify(v).slice(0, 80)}`,
      })),
    );
  // A valid request now and then, so the refusals are not all the fuzzer sees.
  if (!route.onlySpoiled)
    spoiled.push(
      fc.constant({
        route,
        path: `${base}${queryString(route.query)}`,
        ...(route.body !== undefined ? { body: JSON.stringify(route.body) } : {}),
        what: 'valid',
      }),
    );
  return fc.oneof(...spoiled);
});

/** A valid snapshot and one hostile value somewhere in it (or a structure that is not one). */
const validSnapshot = () => ({
  config: { timeZone: 'Europe/Moscow', rotation: { holdMonths: 6 }, bonus: { normalRate: 0.05 } },
  managers: [{ id: 'm1', name: 'Anna Orlova', email: 'anna@example.com', level: 1, active: true }],
  clients: [
    {
      id: 'i1',
      name: 'Ivan Petrov',
      kind: 'person',
      phones: ['+79161234567'],
      emails: ['ivan@example.com'],
      managerId: 'm1',
      assignedAt: '2025-01-10',
      attractedBy: 'm1',
      consents: [{ channel: 'email', status: 'granted', at: '2025-02-01', method: 'import' }],
    },
  ],
  deals: [{ id: 'd1', clientId: 'i1', managerId: 'm1', date: '2025-03-01', amount: 100_000, profit: 20_000 }],
  history: [{ id: 'h1', clientId: 'i1', type: 'note', at: '2025-02-02', by: 'm1', text: 'first call' }],
});
const snapshotCase = fc.oneof(
  fc
    .tuple(fc.constantFrom(...leafPaths(validSnapshot())), anyHostile)
    .map(([f, v]) => ({ snapshot: withValue(validSnapshot(), f, v), what: `${f} = ${JSON.stringify(v)?.slice(0, 80)}` })),
  profitOverAmount.map(({ amount, profit }) => ({
    snapshot: withValue(withValue(validSnapshot(), 'deals[0].amount', amount), 'deals[0].profit', profit),
    what: 'profit over amount',
  })),
  deepNesting.map((v) => ({ snapshot: withValue(validSnapshot(), 'config.rotation', v), what: 'deeply nested config' })),
);

/** A sign-up form with one hostile value, as JSON or a form post (whose brackets nest). */
const validForm = {
  name: 'Olga',
  phone: '+79165550101',
  email: 'olga@example.com',
  consents: { sms: true, email: true },
  formId: 'site',
  consentTextVersion: 'v1',
  source: 'website',
  incentive: { kind: 'gift', reference: 'mug' },
};
const signupCase = fc.oneof(
  fc.tuple(fc.constantFrom(...leafPaths(validForm)), anyHostile).map(([f, v]) => ({
    body: JSON.stringify(withValue(validForm, f, v)),
    contentType: 'application/json',
    what: `${f} = ${JSON.stringify(v)?.slice(0, 80)}`,
  })),
  fc
    .tuple(
      fc.constantFrom('name', 'phone', 'email', 'formId', 'consents[sms]', 'incentive[reference]'),
      fc.oneof(hostileName, fc.string({ maxLength: 30 })),
    )
    .map(([f, v]) => ({
      body: new URLSearchParams({ name: 'Olga', phone: '+79165550101', formId: 'site', consentTextVersion: 'v1', [f]: v }).toString(),
      contentType: 'application/x-www-form-urlencoded',
      what: `form ${f} = ${JSON.stringify(v).slice(0, 80)}`,
    })),
  fc.integer({ min: 10, max: 2000 }).map((depth) => ({
    body: `name=Olga&formId=f&consentTextVersion=v&phone=%2B79165550101&consents${'[a]'.repeat(depth)}=on`,
    contentType: 'application/x-www-form-urlencoded',
    what: `form brackets nested ${depth} deep`,
  })),
  fc.integer({ min: 17, max: 64 }).map((kib) => ({
    body: JSON.stringify({ ...validForm, name: 'x'.repeat(kib * 1024) }),
    contentType: 'application/json',
    what: `${kib} KiB body`,
  })),
);

/** Rules as published from the config sheet, with one hostile value or a nesting bomb. */
const validRules = {
  timeZone: 'Europe/Moscow',
  rotation: { holdMonths: 6, reportDays: 14 },
  bonus: {
    normalRate: 0.05,
    campaign: { from: '2026-01-01', to: '2026-03-31' },
    attractionTiers: [{ minClients: 3, amount: 1000 }],
    cohortTiers: [{ minShare: 0.5, rate: 0.03 }],
  },
  mailing: { smsCadenceDays: 7 },
  intake: { rule: 'fixed', managerId: 'anna' },
};
const rulesCase = fc.oneof(
  fc.tuple(fc.constantFrom(...leafPaths(validRules)), anyHostile).map(([f, v]) => ({
    body: JSON.stringify({ rules: withValue(validRules, f, v) }),
    what: `rules.${f} = ${JSON.stringify(v)?.slice(0, 80)}`,
  })),
  deepNesting.map((v) => ({ body: JSON.stringify({ rules: { ...validRules, bonus: v } }), what: 'rules.bonus nested deep' })),
  nestingBomb.map((depth) => ({ body: `{"rules":${nestedJsonText(depth)}}`, what: `rules nested ${depth} deep` })),
  fc.jsonValue({ maxDepth: 4 }).map((v) => ({ body: JSON.stringify({ rules: v }), what: 'random rules' })),
  fc
    .tuple(hugeNumber, fc.constantFrom('expectedVersion'))
    .map(([v, k]) => ({ body: JSON.stringify({ rules: validRules, [k]: v }), what: `${k} = ${v}` })),
);

/**
 * The unsubscribe function: its page and button with a token that is no token (the same answer as
 * for any token, and nothing withdrawn), and the gateways' SMS STOP replies and bounces with one
 * hostile value, with and without the secret.
 */
const gatewaySecret = 'fuzz-gateway-secret-0123456789';
/** Every byte of the text's UTF-8 percent-encoded (a lone surrogate goes as U+FFFD, as on any wire). */
const percentEncoded = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
const validStop = { phone: '+79160000001', text: 'STOP' };
const validBounce = { channel: 'email', address: 'nobody@example.com', reason: 'mailbox full' };
const unsubscribeCase = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('GET', 'POST'),
      fc.oneof(
        fc.oneof(hostileText, fc.string({ maxLength: 300 }), fc.base64String({ maxLength: 200 })).map(percentEncoded),
        fc.constantFrom('%ED%A0%80', '%E0%A4%A', '%', '%00', 'a&t=b', '%FF%FE'),
      ),
    )
    .map(([method, token]) => ({
      method,
      path: `/?t=${token}`,
      headers: (method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) as Record<string, string>,
      body: method === 'POST' ? 'List-Unsubscribe=One-Click' : undefined,
      token: true,
      what: `${method} t=${JSON.stringify(token).slice(0, 60)}`,
    })),
  fc
    .tuple(fc.constantFrom(['/sms-stop', validStop] as const, ['/bounce', validBounce] as const), fc.boolean())
    .chain(([[path, valid], withSecret]) =>
      fc
        .oneof(
          fc
            .tuple(fc.constantFrom(...leafPaths(valid)), anyHostile)
            .map(([f, v]) => ({ body: JSON.stringify(withValue(valid, f, v)), what: `${path} ${f} = ${JSON.stringify(v)?.slice(0, 60)}` })),
          nestingBomb.map((depth) => ({ body: nestedJsonText(depth), what: `${path} nested ${depth} deep` })),
        )
        .map((c) => ({
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json', ...(withSecret ? { 'x-gateway-secret': gatewaySecret } : {}) } as Record<
            string,
            string
          >,
          body: c.body as string | undefined,
          token: false,
          what: `${c.what}${withSecret ? '' : ' without the secret'}`,
        })),
    ),
);

/** Writes a refusal may make: the audit of refused and failed actions, and the sign-up rate counters. */
const byDesign = (path: string) => path.startsWith(`${collections.audit}/`) || path.startsWith(`${collections.rateLimits}/`);

export type FuzzWorld = {
  db: Firestore;
  close: () => Promise<void>;
  apiUrl: string;
  signupUrl: string;
  unsubscribeUrl: string;
  tokenFor: (id: string) => string;
};

/** The API (the deployed `api` entry point) and the sign-up function on the emulator, with their data. */
export async function fuzzWorld(): Promise<FuzzWorld> {
  const projectId = `fuzz-${randomUUID().slice(0, 8)}`;
  const db = openFirestore(projectId);
  for (const m of [
    { id: 'anna', role: 'manager', level: 1 },
    { id: 'leaver', role: 'manager', level: 1 },
    { id: 'head', role: 'admin', level: 3 },
  ])
    await db
      .collection(collections.managers)
      .doc(m.id)
      .set({ ...m, name: m.id, email: `${m.id}@example.com`, active: true });
  await publishRules(db, rulesConfigSchema.parse({ intake: { signupsPerMinutePerIp: 10_000 } }), {
    by: 'head',
    at: '2026-01-01T00:00:00.000Z',
  });
  const api = await startApiServer(projectId, {
    UNSUBSCRIBE_SECRET: 'fuzz-unsubscribe-secret-0123456789abcdef',
    UNSUBSCRIBE_URL: 'https://example.test/unsubscribe',
  });
  http('fuzz-signup', signupHandler({ db: () => db, answerFloorMs: 0 }));
  http(
    'fuzz-unsubscribe',
    unsubscribeHandler({ db: () => db, env: { ...process.env, SMS_GATEWAY_SECRET: gatewaySecret, ESP_WEBHOOK_SECRET: gatewaySecret } }),
  );
  const signup: Server = getTestServer('fuzz-signup');
  const unsubscribe: Server = getTestServer('fuzz-unsubscribe');
  for (const s of [signup, unsubscribe]) await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const created = await send(
    api.url,
    'POST',
    '/clients',
    { authorization: `Bearer ${api.tokenFor('anna')}`, 'content-type': 'application/json' },
    JSON.stringify({ id: 'c1', name: 'Fuzz target', kind: 'person', phones: ['+79160000001'] }),
  );
  if (created.status !== 201) throw new Error(`fuzz setup: ${created.status} ${created.body}`);
  return {
    db,
    apiUrl: api.url,
    signupUrl: `http://127.0.0.1:${(signup.address() as AddressInfo).port}`,
    unsubscribeUrl: `http://127.0.0.1:${(unsubscribe.address() as AddressInfo).port}`,
    tokenFor: api.tokenFor,
    close: async () => {
      for (const s of [signup, unsubscribe]) await new Promise<void>((resolve) => s.close(() => resolve()));
      await api.close();
    },
  };
}

/**
 * Runs the campaign: `runs` cases per target, from `seed`. A failing case makes fast-check shrink
 * it and throw with the seed and path to replay it.
 */
export async function fuzzCampaign(world: FuzzWorld, runs: FuzzCounts, seed: number): Promise<FuzzSummary> {
  const summary: FuzzSummary = {
    seed,
    cases: 0,
    byTarget: { api: 0, import: 0, signup: 0, rules: 0, unsubscribe: 0 },
    statuses: {},
    serverErrors: 0,
    writesOnRefusal: 0,
  };
  const writes = logWrites(world.db);
  const tokens = { anna: world.tokenFor('anna'), head: world.tokenFor('head') };
  const record = (target: keyof FuzzCounts, status: string) => {
    summary.cases++;
    summary.byTarget[target]++;
    summary.statuses[status] = (summary.statuses[status] ?? 0) + 1;
  };
  /** Never a 5xx; a refusal (4xx) writes nothing but what refusals record by design. */
  const judge = (target: keyof FuzzCounts, what: string, status: number, body: string, refused: boolean) => {
    record(target, String(status));
    const written = writes.take().filter((p) => !byDesign(p));
    if (status >= 500) summary.serverErrors++;
    if (refused && written.length > 0) summary.writesOnRefusal++;
    if (status >= 500) throw new Error(`${target} ${what}: answered ${status} ${body.slice(0, 300)}`);
    if (refused && written.length > 0)
      throw new Error(`${target} ${what}: refused (${status}) but wrote ${written.slice(0, 5).join(', ')}`);
  };
  const settings = (numRuns: number) => ({ numRuns, seed, endOnFailure: true });
  try {
    if (runs.api > 0)
      await fc.assert(
        fc.asyncProperty(apiCase, async (c) => {
          writes.take();
          const headers: Record<string, string> = {
            authorization: `Bearer ${tokens[c.route.as]}`,
            ...(c.body !== undefined ? { 'content-type': 'application/json' } : {}),
          };
          const answer = await send(world.apiUrl, c.route.method, c.path, headers, c.body);
          // An accepted long job goes on writing after its 202: wait for it, so that its writes are not
          // taken for those of the next case.
          if (answer.status === 202) {
            await awaitJob({ status: 202, body: JSON.parse(answer.body) }, async (poll) => {
              const look = await send(world.apiUrl, 'GET', poll, { authorization: `Bearer ${tokens.head}` });
              return { status: look.status, body: JSON.parse(look.body) };
            });
          }
          const batchRefused =
            (c.route.path === '/clients/batch' || c.route.path === '/admin/deals/review') &&
            answer.status === 200 &&
            (JSON.parse(answer.body) as { applied: number }).applied === 0;
          judge(
            'api',
            `${c.route.method} ${c.path.slice(0, 120)} (${c.what})`,
            answer.status,
            answer.body,
            answer.status >= 400 || batchRefused,
          );
        }),
        settings(runs.api),
      );
    if (runs.rules > 0)
      await fc.assert(
        fc.asyncProperty(rulesCase, async (c) => {
          writes.take();
          const answer = await send(
            world.apiUrl,
            'PUT',
            '/admin/rules',
            { authorization: `Bearer ${tokens.head}`, 'content-type': 'application/json' },
            c.body,
          );
          judge('rules', c.what, answer.status, answer.body, answer.status >= 400);
        }),
        settings(runs.rules),
      );
    if (runs.signup > 0) {
      let ip = 0;
      await fc.assert(
        fc.asyncProperty(signupCase, async (c) => {
          writes.take();
          ip++;
          const answer = await send(
            world.signupUrl,
            'POST',
            '/',
            { 'content-type': c.contentType, 'x-forwarded-for': `198.51.${(ip >> 8) & 255}.${ip & 255}` },
            c.body,
          );
          judge('signup', c.what, answer.status, answer.body, answer.status >= 400);
        }),
        settings(runs.signup),
      );
    }
    if (runs.unsubscribe > 0)
      await fc.assert(
        fc.asyncProperty(unsubscribeCase, async (c) => {
          writes.take();
          const answer = await send(world.unsubscribeUrl, c.method, c.path, c.headers, c.body);
          // A token that is no token gets the same page as any other, and withdraws nothing.
          judge('unsubscribe', c.what, answer.status, answer.body, c.token || answer.status >= 400);
        }),
        settings(runs.unsubscribe),
      );
    if (runs.import > 0) {
      const dir = mkdtempSync(join(tmpdir(), 'clientbase-fuzz-'));
      const out: string[] = [];
      const ctx = {
        db: () => world.db,
        out: (t: string) => void out.push(t),
        err: (t: string) => void out.push(t),
        now: () => new Date('2026-11-24T10:00:00Z'),
      };
      try {
        let n = 0;
        await fc.assert(
          fc.asyncProperty(snapshotCase, async (c) => {
            const file = join(dir, `s${++n}.json`);
            writeFileSync(file, JSON.stringify(c.snapshot));
            writes.take();
            out.length = 0;
            const code = await runCli(['import', '--quiet', file], ctx);
            // Exit 1 is the importer's internal error, the CLI's 5xx.
            judge('import', c.what, code === 1 ? 500 : code === 0 ? 200 : 400, out.join('\n'), code !== 0);
          }),
          settings(runs.import),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    writes.stop();
  }
  return summary;
}
