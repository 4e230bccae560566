import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDay, companyToday } from '../../../functions/src/core/calendar.ts';
import { publishRules } from '../../../functions/src/store/rules-store.ts';
import { allDocumentPaths } from '../../support/firestore.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';
import { rulesConfigSchema } from '../../../functions/src/schema/rules-config.ts';

// What an insider could send to game pay or rotation, or to crash a request, through the staff API.

let api: Api;
// West of UTC and with daylight saving: "today" is not the UTC day for hours of every day.
const timeZone = 'America/New_York';
beforeAll(async () => {
  api = await startApi('api-hostile');
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
  await publishRules(api.db, rulesConfigSchema.parse({ timeZone }), { by: 'head', at: '2026-01-01T00:00:00.000Z' });
  expect(
    (await api.call('POST', '/clients', { as: 'anna', body: { id: 'c1', name: 'Target', kind: 'person', phones: ['+79160000001'] } }))
      .status,
  ).toBe(201);
});
afterAll(() => api.close());

const paths = (answer: { body: { errors?: { path: string }[] } }) => (answer.body.errors ?? []).map((e) => e.path);
const version = async (id: string) => (await api.db.collection('clients').doc(id).get()).get('version') as number;

/** Sends a request exactly as written, without the URL normalisation fetch does (`/a/../b` stays). */
function rawRequest(method: string, path: string, token: string, body?: string): Promise<{ status: number; body: any }> {
  const url = new URL(api.baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('money that cannot be gamed', () => {
  it('refuses a profit above the amount, a negative amount and sums beyond 10^13 kopecks, naming the field, writing nothing', async () => {
    const before = await allDocumentPaths(api.db);
    const day = companyToday(timeZone);
    const overAmount = await api.call('POST', '/clients/c1/deals', {
      as: 'anna',
      body: { date: day, amount: 100, profit: 10_000_000_000_000 },
    });
    expectProblem(overAmount, 400);
    expect(overAmount.body.errors).toEqual([
      { path: 'profit', message: 'must not be more than the amount (profit is part of the amount)' },
    ]);
    expect(paths(await api.call('POST', '/clients/c1/deals', { as: 'anna', body: { date: day, amount: -1, profit: -1 } }))).toEqual([
      'amount',
    ]);
    expect(
      paths(await api.call('POST', '/clients/c1/deals', { as: 'anna', body: { date: day, amount: 10_000_000_000_001, profit: 1 } })),
    ).toEqual(['amount']);
    expect(
      paths(await api.call('POST', '/clients/c1/deals', { as: 'anna', body: { date: day, amount: 1e300, profit: -1e300 } })).sort(),
    ).toEqual(['amount', 'profit']);
    expect(paths(await api.call('POST', '/clients/c1/deals', { as: 'head', body: { date: day, amount: 100, profit: 101 } }))).toEqual([
      'profit',
    ]);
    expect(await allDocumentPaths(api.db)).toEqual(before);
  });

  it('still records a loss-making deal (negative profit)', async () => {
    const date = companyToday(timeZone);
    const answer = await api.call('POST', '/clients/c1/deals', { as: 'anna', body: { date, amount: 1_000, profit: -500 } });
    expect(answer.status).toBe(201);
    expect(answer.body.deal).toMatchObject({ amount: 1_000, profit: -500 });
  });
});

describe('dates that cannot be gamed', () => {
  it('refuses a deal dated after today in the company time zone, and takes one dated today there', async () => {
    const before = await allDocumentPaths(api.db);
    const today = companyToday(timeZone);
    for (const date of ['9999-12-31', addDaysToDay(today, 1), `${addDaysToDay(today, 1)}T12:00:00-05:00`]) {
      const answer = await api.call('POST', '/clients/c1/deals', { as: 'anna', body: { date, amount: 100, profit: 10 } });
      expectProblem(answer, 400);
      expect(answer.body.errors).toEqual([
        { path: 'date', message: expect.stringContaining(`must not be later than today (${today} in ${timeZone})`) },
      ]);
    }
    expect(await allDocumentPaths(api.db)).toEqual(before);
    const ok = await api.call('POST', '/clients/c1/deals', { as: 'anna', body: { date: today, amount: 100, profit: 10 } });
    expect(ok.status).toBe(201);
    const review = { rows: [{ dealId: ok.body.deal.id, version: 1, decision: 'confirm' }] };
    expect((await api.call('POST', '/admin/deals/review', { as: 'head', body: review })).body.applied).toBe(1);
    expect((await api.db.collection('clients').doc('c1').get()).get('lastDealAt')).toBe(today);
  });

  it('refuses a lost day in the future, on a single save and in a batch', async () => {
    const tomorrow = addDaysToDay(companyToday(timeZone), 1);
    const v = await version('c1');
    const answer = await api.call('PATCH', '/clients/c1', {
      as: 'anna',
      body: { version: v, changes: { lostAt: tomorrow, lostReason: 'parked' } },
    });
    expectProblem(answer, 400);
    expect(paths(answer)).toEqual(['changes.lostAt']);
    const batch = await api.call('POST', '/clients/batch', {
      as: 'anna',
      body: { rows: [{ clientId: 'c1', version: v, changes: { lostAt: '9999-12-31', lostReason: 'parked' } }] },
    });
    expect(batch.body.rows[0]).toMatchObject({ status: 'invalid', errors: [{ path: 'changes.lostAt' }] });
    expect(await version('c1')).toBe(v);
  });

  it('reads dates only as ISO 8601 typed, checking the calendar on the text', async () => {
    const before = await allDocumentPaths(api.db);
    for (const date of [
      '2026-02-30T10:00:00Z',
      '2026-02-30',
      'Feb 30 2026',
      '1',
      '2026-01-15T25:00:00Z',
      '2026-01-15T10:00:00',
      '2026-1-5',
      '15.01.2026',
    ]) {
      const answer = await api.call('POST', '/clients/c1/deals', { as: 'anna', body: { date, amount: 100, profit: 10 } });
      expectProblem(answer, 400);
      expect(paths(answer), date).toEqual(['date']);
    }
    const preview = await api.call('POST', '/admin/rotation/preview', { as: 'head', body: { at: '2026-02-30T00:00:00Z' } });
    expectProblem(preview, 400);
    expect(paths(preview)).toEqual(['at']);
    expect((await allDocumentPaths(api.db)).filter((p) => !p.startsWith('audit/'))).toEqual(before.filter((p) => !p.startsWith('audit/')));
    // A date before the client came to the base is the head of sales' to record.
    const withOffset = await api.call('POST', '/clients/c1/deals', {
      as: 'head',
      body: { date: '2026-01-20T10:00:00+03:00', amount: 100, profit: 10 },
    });
    expect(withOffset.body.deal.date).toBe('2026-01-20T07:00:00.000Z');
  });
});

describe('lost clients', () => {
  it('lets the holder mark a client lost with a reason, and only an admin reinstate it, audited', async () => {
    const today = companyToday(timeZone);
    await api.call('POST', '/clients', { as: 'anna', body: { id: 'parked', name: 'Parked', kind: 'company', phones: ['+79160000009'] } });
    const noReason = await api.call('PATCH', '/clients/parked', { as: 'anna', body: { version: 1, changes: { lostAt: today } } });
    expectProblem(noReason, 400);
    expect(noReason.body.errors).toEqual([{ path: 'changes.lostReason', message: 'is required when marking a client lost' }]);
    const lost = await api.call('PATCH', '/clients/parked', {
      as: 'anna',
      body: { version: 1, changes: { lostAt: today, lostReason: 'went quiet' } },
    });
    expect(lost.body.client).toMatchObject({ lostAt: today, rotatable: false, version: 2 });

    const back = await api.call('PATCH', '/clients/parked', { as: 'anna', body: { version: 2, changes: { lostAt: null } } });
    expectProblem(back, 403);
    expect(back.body.errors).toEqual([{ path: 'changes.lostAt', message: 'only the head of sales (admin) may reinstate a lost client' }]);
    const moved = await api.call('PATCH', '/clients/parked', {
      as: 'anna',
      body: { version: 2, changes: { lostAt: addDaysToDay(today, -1) } },
    });
    expectProblem(moved, 403);
    expect(paths(moved)).toEqual(['changes.lostAt']);
    const batch = await api.call('POST', '/clients/batch', {
      as: 'anna',
      body: { rows: [{ clientId: 'parked', version: 2, changes: { lostAt: null, lostReason: null } }] },
    });
    expect(batch.body.rows[0]).toMatchObject({
      status: 'invalid',
      errors: [{ path: 'changes.lostAt', message: 'only the head of sales (admin) may reinstate a lost client' }],
    });
    expect(await version('parked')).toBe(2);

    const reinstated = await api.call('PATCH', '/clients/parked', { as: 'head', body: { version: 2, changes: { lostAt: null } } });
    expect(reinstated.status).toBe(200);
    expect(reinstated.body.client).toMatchObject({ rotatable: true, version: 3 });
    expect(reinstated.body.client.lostAt).toBeUndefined();
    expect(reinstated.body.client.lostReason).toBeUndefined();
    const audit = await api.db.collection('audit').where('action', '==', 'reinstate lost client').get();
    expect(audit.docs.map((d) => d.data())).toEqual([
      expect.objectContaining({
        actor: 'head',
        outcome: 'ok',
        target: 'clients/parked',
        details: expect.objectContaining({ lostAt: today, lostReason: 'went quiet' }),
      }),
    ]);
    const refused = await api.db.collection('audit').where('outcome', '==', 'refused').where('actor', '==', 'anna').get();
    expect(refused.size).toBeGreaterThanOrEqual(3);
  });
});

describe('text that cannot crash a request', () => {
  it('refuses lone surrogates, control characters and bidi overrides at once with 400 naming the field', async () => {
    const before = await allDocumentPaths(api.db);
    const v = await version('c1');
    const cases: [string, string, unknown, string[]][] = [
      ['POST', '/clients', { name: 'Bad \ud800 name', kind: 'person' }, ['name']],
      ['POST', '/clients', { name: 'Ok', kind: 'person', phones: ['\udfff'] }, ['phones[0]']],
      ['POST', '/clients', { name: 'Tab\tname', kind: 'person' }, ['name']],
      ['POST', '/clients', { name: 'Admin\u202Enimda', kind: 'person' }, ['name']],
      ['POST', '/clients', { name: 'Iso\u2066late', kind: 'person' }, ['name']],
      ['PATCH', '/clients/c1', { version: v, changes: { name: '\ud83d' } }, ['changes.name']],
      ['PATCH', '/clients/c1', { version: v, changes: { competitor: 'Line\nbreak' } }, ['changes.competitor']],
      ['POST', '/clients/c1/notes', { text: 'half an emoji \ud83d' }, ['text']],
      ['POST', '/clients/c1/notes', { text: 'nul \u0000 byte' }, ['text']],
      ['POST', '/clients/c1/contacts', { channel: 'call', text: '\udc00' }, ['text']],
      [
        'POST',
        '/clients/c1/consents',
        { channel: 'sms', status: 'granted', method: 'staff', proof: { formId: '\ud800' } },
        ['proof.formId'],
      ],
      [
        'POST',
        '/clients/c1/consents',
        { channel: 'sms', status: 'granted', method: 'staff', proof: { note: 'bell \u0007', address: 'x\u202E' } },
        ['proof.address', 'proof.note'],
      ],
      ['POST', '/clients/c1/contacts/verify', { channel: 'email', address: 'a@b.ru\ud800', decision: 'accept' }, ['address']],
      ['POST', '/admin/managers', { id: 'm9', name: 'Bad\u0007bell', email: 'm9@example.com', level: 1 }, ['name']],
    ];
    for (const [method, path, body, expected] of cases) {
      const started = Date.now();
      const answer = await api.call(method, path, { as: path.startsWith('/admin') ? 'head' : 'anna', body });
      expectProblem(answer, 400);
      expect(paths(answer), `${method} ${path} ${JSON.stringify(body)}`).toEqual(expected);
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    expect((await allDocumentPaths(api.db)).filter((p) => !p.startsWith('audit/'))).toEqual(before.filter((p) => !p.startsWith('audit/')));
  });

  it('keeps line breaks and tabs in notes', async () => {
    const answer = await api.call('POST', '/clients/c1/notes', {
      as: 'anna',
      body: { text: 'called twice:\n\t- no answer\n\t- call back Monday' },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.entry.text).toBe('called twice:\n\t- no answer\n\t- call back Monday');
  });
});

describe('ids that cannot crash a request', () => {
  it('answers reserved or malformed ids in the path with 4xx, never 500', async () => {
    const token = api.tokenFor('anna@example.com');
    const report = JSON.stringify({ text: 'done', outcome: 'other' });
    for (const path of [
      '/tasks/../report',
      '/tasks/./report',
      '/tasks/%2E%2E/report',
      '/tasks/__x__/report',
      '/tasks/%2F/report',
      '/tasks/%ED%A0%80/report',
    ]) {
      const answer = await rawRequest('POST', path, token, report);
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
    }
    const dots = await rawRequest('POST', '/tasks/%2E%2E/report', token, report);
    expect(dots).toMatchObject({ status: 400, body: { errors: [{ path: 'taskId', message: 'must not be . or ..' }] } });
    for (const path of ['/clients/%2E%2E', '/clients/__x__', '/clients/%E0%A4%A', '/clients/a%00b']) {
      const answer = await rawRequest('GET', path, token);
      expect(answer.status, path).toBe(400);
    }
  });

  it('refuses paging cursors holding reserved ids or broken text with 400', async () => {
    const cursor = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const id of ['..', '.', '__x__', 'a/b', '\ud800']) {
      const clients = await api.call('GET', `/clients?cursor=${cursor(['name', 'asc', 'A', id])}`, { as: 'anna' });
      expectProblem(clients, 400);
      expect(paths(clients)).toEqual(['cursor']);
      const audit = await api.call('GET', `/admin/audit?cursor=${cursor(['2026-01-01T00:00:00.000Z', id])}`, { as: 'head' });
      expectProblem(audit, 400);
      expect(paths(audit)).toEqual(['cursor']);
    }
    expectProblem(await api.call('GET', `/clients?cursor=${cursor(['name', 'asc', '\udc00', 'c1'])}`, { as: 'anna' }), 400);
  });
});
