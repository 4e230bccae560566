import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyToday } from '../../../functions/src/core/calendar.ts';
import { closeBonusMonth, computeBonusMonth } from '../../../functions/src/operations/bonus-job.ts';
import { allDocumentPaths } from '../../support/firestore.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi('api-clients');
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'boris' });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
});
afterAll(() => api.close());

const create = (as: string, body: unknown) => api.call('POST', '/clients', { as, body });
/** Today in the company's time zone (the default rules'): the first day a client created now may have a holder's deal. */
const today = () => companyToday('Europe/Moscow');

describe('staff clients', () => {
  it('creates a client held and attracted by the caller, with normalised contacts', async () => {
    const answer = await create('anna', {
      id: 'c-anna-1',
      name: 'Ivan Petrov',
      kind: 'person',
      phones: ['8 916 123 45 67'],
      emails: [' Ivan@Example.com '],
    });
    expect(answer.status).toBe(201);
    expect(answer.body.client).toMatchObject({
      id: 'c-anna-1',
      managerId: 'anna',
      attractedBy: 'anna',
      phones: ['+79161234567'],
      emails: ['ivan@example.com'],
      version: 1,
    });
    expect(answer.body.client.contactKeys).toBeUndefined();
  });

  it('refuses a duplicate with 409 and only the existing client id', async () => {
    const before = await allDocumentPaths(api.db);
    const answer = await create('boris', { name: 'Same Ivan', kind: 'person', phones: ['+7 (916) 123-45-67'] });
    expectProblem(answer, 409);
    expect(answer.body).toMatchObject({ code: 'duplicate', existingClientId: 'c-anna-1' });
    expect(JSON.stringify(answer.body)).not.toMatch(/Ivan Petrov|"anna"|managerId|916/);
    expect(await allDocumentPaths(api.db)).toEqual(before);
  });

  it('refuses a manager setting the holder, pin or attribution, naming the fields, and writes nothing', async () => {
    const before = await allDocumentPaths(api.db);
    const answer = await create('anna', { name: 'X', kind: 'company', managerId: 'boris', pinned: true, phones: ['12'] });
    expectProblem(answer, 400);
    expect(answer.body.errors).toEqual([{ path: '(body)', message: 'unknown field(s): managerId, pinned' }]);
    const bad = await create('anna', { name: '', kind: 'alien' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['kind', 'name']);
    const badPhone = await create('anna', { name: 'Y', kind: 'person', phones: ['12'] });
    expect(badPhone.body.errors).toEqual([{ path: 'phones[0]', message: 'not a valid phone number' }]);
    expect(await allDocumentPaths(api.db)).toEqual(before);
  });

  it("answers another manager's client with 404 that reveals nothing, and audits the attempt", async () => {
    const read = await api.call('GET', '/clients/c-anna-1', { as: 'boris' });
    expectProblem(read, 404);
    expect(read.body.detail).toBe('client c-anna-1 not found');
    expect(await api.call('GET', '/clients/no-such', { as: 'boris' })).toMatchObject({
      status: 404,
      body: { detail: 'client no-such not found' },
    });
    const before = await allDocumentPaths(api.db);
    expectProblem(await api.call('PATCH', '/clients/c-anna-1', { as: 'boris', body: { version: 1, changes: { name: 'Mine now' } } }), 404);
    expectProblem(
      await api.call('POST', '/clients/c-anna-1/deals', { as: 'boris', body: { date: '2026-02-01', amount: 100, profit: 10 } }),
      404,
    );
    expectProblem(await api.call('POST', '/clients/c-anna-1/notes', { as: 'boris', body: { text: 'hi' } }), 404);
    const after = await allDocumentPaths(api.db);
    expect(after.filter((p) => !p.startsWith('audit/'))).toEqual(before.filter((p) => !p.startsWith('audit/')));
    const audit = (await api.db.collection('audit').where('actor', '==', 'boris').get()).docs.map((d) => d.data());
    expect(audit.filter((a) => a.outcome === 'refused').length).toBeGreaterThanOrEqual(4);
  });

  it('reads one client with its full history in order', async () => {
    expect(
      (await api.call('POST', '/clients/c-anna-1/contacts', { as: 'anna', body: { channel: 'call', text: 'asked about prices' } })).status,
    ).toBe(201);
    expect((await api.call('POST', '/clients/c-anna-1/notes', { as: 'anna', body: { text: 'wants a discount' } })).status).toBe(201);
    const deal = await api.call('POST', '/clients/c-anna-1/deals', {
      as: 'anna',
      body: { date: today(), amount: 100000, profit: 20000 },
    });
    expect(deal.status).toBe(201);
    expect(deal.body.deal).toMatchObject({ clientId: 'c-anna-1', managerId: 'anna', seq: 1 });
    const read = await api.call('GET', '/clients/c-anna-1', { as: 'anna' });
    expect(read.status).toBe(200);
    expect(read.body.client).toMatchObject({ id: 'c-anna-1', dealCount: 0, dealsAwaiting: 1, version: 2 });
    expect(read.body.deals).toEqual([expect.objectContaining({ id: deal.body.deal.id, status: 'unconfirmed', recordedVia: 'holder' })]);
    expect(read.body.history.map((h: { type: string }) => h.type)).toEqual(['contact', 'note', 'deal']);
  });

  it('refuses a deal naming another manager: deals are recorded as the caller', async () => {
    const answer = await api.call('POST', '/clients/c-anna-1/deals', {
      as: 'anna',
      body: { date: '2026-02-02', amount: 1, profit: 1, managerId: 'boris' },
    });
    expectProblem(answer, 400);
    expect(answer.body.errors[0].message).toMatch(/unknown field/);
  });

  it('updates a client from the version it was read at, re-normalising contacts and keeping the keys of removed ones', async () => {
    const read = await api.call('GET', '/clients/c-anna-1', { as: 'anna' });
    const answer = await api.call('PATCH', '/clients/c-anna-1', {
      as: 'anna',
      body: { version: read.body.client.version, changes: { phones: ['+7 903 000-11-22'], taxNumber: null, size: 'large' } },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.client).toMatchObject({ phones: ['+79030001122'], size: 'large', version: read.body.client.version + 1 });
    const keys = (await api.db.collection('contactKeys').get()).docs.map((d) => d.data().key).sort();
    expect(keys).toEqual(['email:ivan@example.com', 'phone:+79030001122', 'phone:+79161234567']);
    // The removed number stays the client's: nobody registers it again as a new client.
    const again = await create('boris', { name: 'Old number', kind: 'person', phones: ['89161234567'] });
    expectProblem(again, 409);
    expect(again.body).toMatchObject({ code: 'duplicate', existingClientId: 'c-anna-1' });
    expect((await create('boris', { id: 'c-boris-1', name: 'Own number', kind: 'person', phones: ['89161230000'] })).status).toBe(201);
  });

  it('answers a stale version with 409 and the current values, changing nothing', async () => {
    const before = await api.db.collection('clients').doc('c-anna-1').get();
    const answer = await api.call('PATCH', '/clients/c-anna-1', { as: 'anna', body: { version: 1, changes: { name: 'Overwrite' } } });
    expectProblem(answer, 409);
    expect(answer.body.current).toMatchObject({ id: 'c-anna-1', name: 'Ivan Petrov', version: before.get('version') });
    expect((await api.db.collection('clients').doc('c-anna-1').get()).get('name')).toBe('Ivan Petrov');
  });

  it("refuses an update taking another client's phone, and one changing the holder", async () => {
    const v = (await api.db.collection('clients').doc('c-anna-1').get()).get('version');
    const dup = await api.call('PATCH', '/clients/c-anna-1', {
      as: 'anna',
      body: { version: v, changes: { phones: ['8 916 123 00 00'] } },
    });
    expectProblem(dup, 409);
    expect(dup.body).toMatchObject({ code: 'duplicate', existingClientId: 'c-boris-1' });
    const holder = await api.call('PATCH', '/clients/c-anna-1', {
      as: 'anna',
      body: { version: v, changes: { managerId: 'boris', attractedBy: 'boris' } },
    });
    expectProblem(holder, 400);
    expect(holder.body.errors[0]).toMatchObject({ path: 'changes', message: 'unknown field(s): managerId, attractedBy' });
    expect((await api.db.collection('clients').doc('c-anna-1').get()).get('version')).toBe(v);
  });

  it('marks a client lost with a history entry, and takes it out of rotation', async () => {
    const v = (await api.db.collection('clients').doc('c-anna-1').get()).get('version');
    const answer = await api.call('PATCH', '/clients/c-anna-1', {
      as: 'anna',
      body: { version: v, changes: { lostAt: today(), lostReason: 'went to a competitor', competitor: 'Rival LLC' } },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.client).toMatchObject({ lostAt: today(), rotatable: false });
    const history = (await api.call('GET', '/clients/c-anna-1', { as: 'anna' })).body.history;
    expect(history.at(-1)).toMatchObject({ type: 'lost', reason: 'went to a competitor', competitor: 'Rival LLC', by: 'anna' });
  });

  it('lets an admin place a new client with an active manager only', async () => {
    const placed = await create('head', { id: 'c-head-1', name: 'Placed', kind: 'company', managerId: 'boris', phones: ['+79035550000'] });
    expect(placed.status).toBe(201);
    expect(placed.body.client).toMatchObject({ managerId: 'boris', version: 1 });
    expect(placed.body.client.attractedBy).toBeUndefined();
    const nobody = await create('head', { name: 'Nowhere', kind: 'company', managerId: 'ghost', phones: ['+79035550002'] });
    expectProblem(nobody, 400);
    expect(nobody.body.errors).toEqual([{ path: 'managerId', message: 'no active manager with this id' }]);
    const newBase = await create('head', { id: 'c-head-2', name: 'Unassigned', kind: 'person', managerId: null, phones: ['+79035550003'] });
    expect(newBase.body.client).toMatchObject({ managerId: null, rotatable: false });
  });

  it('refuses an admin making an admin, themselves or another, the holder of a new client, naming managerId; writes nothing', async () => {
    await api.addManager({ id: 'deputy', role: 'admin', level: 2 });
    const before = await allDocumentPaths(api.db);
    for (const managerId of ['head', 'deputy']) {
      const answer = await create('head', { name: 'Held by an admin', kind: 'company', managerId, phones: ['+79035550001'] });
      expectProblem(answer, 400);
      expect(answer.body.errors).toEqual([{ path: 'managerId', message: expect.stringMatching(/admin/) }]);
    }
    expect(await allDocumentPaths(api.db)).toEqual(before);
  });

  it('lets an admin read and list any client', async () => {
    expect((await api.call('GET', '/clients/c-anna-1', { as: 'head' })).status).toBe(200);
    const all = await api.call('GET', '/clients', { as: 'head' });
    expect(all.body.clients.map((c: { id: string }) => c.id).sort()).toEqual(['c-anna-1', 'c-boris-1', 'c-head-1', 'c-head-2']);
    const audit = (await api.db.collection('audit').where('actor', '==', 'head').get()).docs.map((d) => d.data().action);
    expect(audit).toEqual(expect.arrayContaining(['read client', 'list clients']));
  });
});

describe('my clients list', () => {
  beforeAll(async () => {
    const batch = api.db.batch();
    for (let i = 0; i < 25; i++) {
      const id = `list-${String(i).padStart(2, '0')}`;
      batch.set(api.db.collection('clients').doc(id), {
        id,
        name: `Client ${String(i).padStart(2, '0')}`,
        kind: i % 2 === 0 ? 'person' : 'company',
        size: i % 5 === 0 ? 'large' : 'regular',
        phones: [`+7916000${String(1000 + i)}`],
        emails: [],
        managerId: 'boris',
        assignedAt: '2026-01-01',
        contactKeys: [],
        dealCount: 0,
        dealsSinceAssignment: 0,
        firstDealAt: null,
        lastDealAt: i < 3 ? `2026-02-0${i + 1}` : null,
        rotatable: true,
        version: 1,
        updatedAt: '2026-01-01T00:00:00.000Z',
        ...(i === 7 ? { lostAt: '2026-02-01' } : {}),
      });
    }
    await batch.commit();
  });

  it('pages through only my clients with a cursor, each with its version', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const answer = await api.call('GET', `/clients?limit=10${cursor ? `&cursor=${cursor}` : ''}`, { as: 'boris' });
      expect(answer.status).toBe(200);
      for (const c of answer.body.clients) {
        expect(c.managerId).toBe('boris');
        expect(typeof c.version).toBe('number');
        seen.push(c.id);
      }
      cursor = answer.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(27);
    expect(new Set(seen).size).toBe(27);
    expect(seen.slice(0, 2)).toEqual(['list-00', 'list-01']);
  });

  it('filters by text, kind, size and lost, and sorts', async () => {
    const ids = async (query: string) =>
      (await api.call('GET', `/clients?${query}`, { as: 'boris' })).body.clients.map((c: { id: string }) => c.id);
    expect(await ids('q=client%2012')).toEqual(['list-12']);
    expect(await ids('q=0001013')).toEqual(['list-13']);
    expect(await ids('size=large&kind=person')).toEqual(['list-00', 'list-10', 'list-20']);
    expect(await ids('lost=true')).toEqual(['list-07']);
    expect((await ids('lost=false&limit=200')).length).toBe(26);
    expect(await ids('sort=lastDealAt&order=desc&limit=3')).toEqual(['list-02', 'list-01', 'list-00']);
  });

  it('bounds the page size and refuses a forged cursor or a foreign manager filter', async () => {
    expectProblem(await api.call('GET', '/clients?limit=5000', { as: 'boris' }), 400);
    const forged = await api.call('GET', '/clients?cursor=abc', { as: 'boris' });
    expectProblem(forged, 400);
    expect(forged.body.errors[0].path).toBe('cursor');
    expectProblem(await api.call('GET', '/clients?managerId=anna', { as: 'boris' }), 403);
  });
});

describe('a deal dated in a closed bonus month', () => {
  it('is recorded with a correction mark in the same write, for the next bonus run to adjust the closed month', async () => {
    expect((await create('anna', { id: 'c-anna-late', name: 'Late Ltd', kind: 'company', phones: ['+79035550004'] })).status).toBe(201);
    await computeBonusMonth(api.db, { month: '2025-03', by: 'head', at: '2025-04-01T02:00:00.000Z' });
    await closeBonusMonth(api.db, { month: '2025-03', by: 'head', at: '2025-04-02T09:00:00.000Z' });
    // A deal from before the client came to the base is history only the head of sales records.
    const deal = await api.call('POST', '/clients/c-anna-late/deals', {
      as: 'head',
      body: { date: '2025-03-20', amount: 1000, profit: 200, managerId: 'anna' },
    });
    expect(deal.status).toBe(201);
    const mark = (await api.db.collection('bonusCorrections').doc('c-anna-late').get()).data();
    // The head of sales' deal is of record at once: it is the client's first deal too.
    expect(mark).toMatchObject({
      clientId: 'c-anna-late',
      dealDates: ['2025-03-20'],
      firstDealDates: expect.arrayContaining(['2025-03-20']),
      version: 1,
    });
    // A deal of this month corrects nothing closed: no mark.
    expect((await create('anna', { id: 'c-anna-now', name: 'Now Ltd', kind: 'company', phones: ['+79035550005'] })).status).toBe(201);
    const now = await api.call('POST', '/clients/c-anna-now/deals', { as: 'anna', body: { date: today(), amount: 1000, profit: 200 } });
    expect(now.status).toBe(201);
    expect((await api.db.collection('bonusCorrections').doc('c-anna-now').get()).exists).toBe(false);
  });
});
