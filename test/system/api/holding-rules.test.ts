import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyMonth, companyToday } from '../../../functions/src/core/calendar.ts';
import { rulesConfigSchema } from '../../../functions/src/schema/rules-config.ts';
import { createClient } from '../../../functions/src/store/client-store.ts';
import { publishRules } from '../../../functions/src/store/rules-store.ts';
import { allDocuments } from '../../support/firestore.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

// What a self-interested manager would type to be paid for a colleague's client, a colleague's
// month or a client they only re-registered, done through the API with their own token.

let api: Api;
const timeZone = 'Europe/Moscow';
beforeAll(async () => {
  api = await startApi('api-holding');
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'boris' });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
  await publishRules(api.db, rulesConfigSchema.parse({ timeZone }), { by: 'head', at: '2026-01-01T00:00:00.000Z' });
});
afterAll(() => api.close());

const paths = (answer: { body: { errors?: { path: string }[] } }) => (answer.body.errors ?? []).map((e) => e.path);
/** Every document but the audit log (refusals are audited by design), with its update time: a rewrite shows. */
const dataState = async () => Object.entries(await allDocuments(api.db)).filter(([path]) => !path.startsWith('audit/'));
const version = async (id: string) => (await api.db.collection('clients').doc(id).get()).get('version') as number;

/**
 * A company in the base since May, attracted by Anna, held by Boris since 1 November (Moscow) after
 * a handover: what an import of the department's history leaves.
 */
async function handedOver(id: string, phone: string): Promise<void> {
  await createClient(
    api.db,
    {
      id,
      name: `Company ${id}`,
      kind: 'company',
      size: 'regular',
      phones: [phone],
      emails: [],
      managerId: 'boris',
      assignedAt: '2026-10-31T21:00:00.000Z',
      attractedBy: 'anna',
      createdAt: '2026-05-04T09:00:00.000Z',
    },
    { by: 'import', at: '2026-05-04T09:00:00.000Z' },
  );
}

describe('dates tied to the holding', () => {
  beforeAll(async () => {
    await handedOver('held', '+74950000001');
    // The head of sales records Anna's September deal from before the handover: history an admin may write.
    const september = await api.call('POST', '/clients/held/deals', {
      as: 'head',
      body: { date: '2026-09-15', amount: 100_000, profit: 20_000, managerId: 'anna' },
    });
    expect(september.status).toBe(201);
  });

  it('refuses a lost day before the holding or the last deal: no raised part clawed back from the attractor', async () => {
    const before = await dataState();
    const v = await version('held');
    for (const lostAt of ['2026-08-01', '2026-10-31']) {
      const answer = await api.call('PATCH', '/clients/held', {
        as: 'boris',
        body: { version: v, changes: { lostAt, lostReason: 'gone' } },
      });
      expectProblem(answer, 400);
      expect(answer.body.errors).toEqual([{ path: 'changes.lostAt', message: expect.stringContaining('must not be before 2026-11-01') }]);
    }
    const batch = await api.call('POST', '/clients/batch', {
      as: 'boris',
      body: { rows: [{ clientId: 'held', version: v, changes: { lostAt: '2026-08-01', lostReason: 'gone' } }] },
    });
    expect(batch.body.rows[0]).toMatchObject({ status: 'invalid', errors: [{ path: 'changes.lostAt' }] });
    expect(await dataState()).toEqual(before);
    expect((await api.db.collection('bonusCorrections').get()).size).toBe(0);
  });

  it('refuses the new holder a deal dated before they held the client, naming the date, and takes one within it', async () => {
    const before = await dataState();
    const early = await api.call('POST', '/clients/held/deals', {
      as: 'boris',
      body: { date: '2026-10-15', amount: 50_000, profit: 9_000 },
    });
    expectProblem(early, 400);
    expect(early.body.errors).toEqual([{ path: 'date', message: expect.stringContaining('must not be before 2026-11-01') }]);
    expect(await dataState()).toEqual(before);
    const within = await api.call('POST', '/clients/held/deals', {
      as: 'boris',
      body: { date: '2026-11-02', amount: 50_000, profit: 9_000 },
    });
    expect(within.status).toBe(201);
  });

  it('refuses a deal dated before the client came to the base, on a client created today', async () => {
    const created = await api.call('POST', '/clients', {
      as: 'anna',
      body: { id: 'fresh', name: 'Fresh', kind: 'person', phones: ['+74950000002'] },
    });
    expect(created.status).toBe(201);
    const backdated = await api.call('POST', '/clients/fresh/deals', {
      as: 'anna',
      body: { date: '2026-07-01', amount: 100_000, profit: 25_000 },
    });
    expectProblem(backdated, 400);
    expect(paths(backdated)).toEqual(['date']);
    expect((await api.db.collection('deals').where('clientId', '==', 'fresh').get()).size).toBe(0);
  });

  it('lets the head of sales record history before the holding: an older deal, and a loss dated before it', async () => {
    const deal = await api.call('POST', '/clients/held/deals', {
      as: 'head',
      body: { date: '2026-10-20', amount: 10_000, profit: 1_000, managerId: 'boris' },
    });
    expect(deal.status).toBe(201);
    await handedOver('held-2', '+74950000003');
    const lost = await api.call('PATCH', '/clients/held-2', {
      as: 'head',
      body: { version: await version('held-2'), changes: { lostAt: '2026-08-01', lostReason: 'closed down in August' } },
    });
    expect(lost.status).toBe(200);
    expect(lost.body.client.lostAt).toBe('2026-08-01');
  });
});

describe('a real new client', () => {
  it('refuses a client without a phone, an e-mail or an INN, from a manager and the admin, naming phones', async () => {
    const before = await dataState();
    for (const [as, body] of [
      ['anna', { name: 'ООО Ромашка', kind: 'company' }],
      ['anna', { name: 'Someone', kind: 'person', phones: [], emails: [] }],
      ['head', { name: 'ООО Ромашка', kind: 'company', managerId: 'anna' }],
    ] as const) {
      const answer = await api.call('POST', '/clients', { as, body });
      expectProblem(answer, 400);
      expect(answer.body.errors).toEqual([{ path: 'phones', message: expect.stringContaining('add a phone, an e-mail or an INN') }]);
    }
    expect(await dataState()).toEqual(before);
  });

  it("refuses an edit removing a client's last contact, single and in a batch", async () => {
    await api.call('POST', '/clients', {
      as: 'anna',
      body: { id: 'one-phone', name: 'One phone', kind: 'person', phones: ['+74950000004'] },
    });
    const before = await dataState();
    const single = await api.call('PATCH', '/clients/one-phone', { as: 'anna', body: { version: 1, changes: { phones: [] } } });
    expectProblem(single, 400);
    expect(paths(single)).toEqual(['changes.phones']);
    const batch = await api.call('POST', '/clients/batch', {
      as: 'anna',
      body: { rows: [{ clientId: 'one-phone', version: 1, changes: { phones: [], emails: [] } }] },
    });
    expect(batch.body.rows[0]).toMatchObject({ status: 'invalid', errors: [{ path: 'changes.phones' }] });
    expect(await dataState()).toEqual(before);
  });
});

describe('the base remembers contacts', () => {
  const phone = '+74950000010';
  const email = 'buyer@old-client.ru';
  beforeAll(async () => {
    const created = await api.call('POST', '/clients', {
      as: 'anna',
      body: { id: 'old', name: 'Old client', kind: 'person', phones: [phone], emails: [email] },
    });
    expect(created.status).toBe(201);
    // Anna clears the old client's phone and e-mail (keeping another phone, as a client keeps a contact).
    const cleared = await api.call('PATCH', '/clients/old', {
      as: 'anna',
      body: { version: 1, changes: { phones: ['+74950000011'], emails: [] } },
    });
    expect(cleared.status).toBe(200);
  });

  it('refuses a "new" client with the contacts an old client had, whoever creates it, as already in the base', async () => {
    const before = await dataState();
    for (const [as, body] of [
      ['anna', { name: 'Old client again', kind: 'person', phones: ['8 495 000-00-10'] }],
      ['anna', { name: 'Old client again', kind: 'person', emails: [' Buyer@Old-Client.ru '] }],
      ['boris', { name: 'Taken over', kind: 'person', phones: [phone], emails: [email] }],
      ['head', { name: 'By the admin', kind: 'person', phones: [phone] }],
    ] as const) {
      const answer = await api.call('POST', '/clients', { as, body });
      expectProblem(answer, 409);
      expect(answer.body).toMatchObject({ code: 'duplicate', existingClientId: 'old' });
      expect(answer.body.detail).toContain('already in the base');
    }
    expect(await dataState()).toEqual(before);
  });

  it("refuses adding a contact the old client had to a colleague's client, and gives it back to the old one", async () => {
    const created = await api.call('POST', '/clients', {
      as: 'boris',
      body: { id: 'boris-1', name: 'Boris client', kind: 'person', phones: ['+74950000012'] },
    });
    expect(created.status).toBe(201);
    const taken = await api.call('PATCH', '/clients/boris-1', {
      as: 'boris',
      body: { version: 1, changes: { phones: ['+74950000012', phone] } },
    });
    expectProblem(taken, 409);
    expect(taken.body).toMatchObject({ existingClientId: 'old', errors: [{ path: 'changes.phones' }] });
    const v = await version('old');
    const back = await api.call('PATCH', '/clients/old', { as: 'anna', body: { version: v, changes: { emails: [email] } } });
    expect(back.status).toBe(200);
    expect(back.body.client.emails).toEqual([email]);
  });

  it('lets only the admin release a contact the client no longer has: audited, in its history, and then free', async () => {
    expectProblem(await api.call('POST', '/admin/clients/old/contacts/release', { as: 'anna', body: { contact: phone } }), 403);
    const held = await api.call('POST', '/admin/clients/old/contacts/release', { as: 'head', body: { contact: '+74950000011' } });
    expectProblem(held, 400);
    expect(held.body.errors).toEqual([{ path: 'contact', message: expect.stringContaining('still one of the client') }]);
    const never = await api.call('POST', '/admin/clients/old/contacts/release', { as: 'head', body: { contact: '+74959999999' } });
    expectProblem(never, 400);
    expect(paths(never)).toEqual(['contact']);
    expectProblem(await api.call('POST', '/admin/clients/old/contacts/release', { as: 'head', body: { contact: '' } }), 400);

    const released = await api.call('POST', '/admin/clients/old/contacts/release', { as: 'head', body: { contact: '8 (495) 000-00-10' } });
    expect(released.status).toBe(200);
    expect(released.body.released).toEqual([`phone:${phone}`]);
    const audit = await api.db.collection('audit').where('action', '==', 'release contact').get();
    expect(audit.docs.map((d) => d.data())).toEqual([
      expect.objectContaining({ actor: 'head', outcome: 'ok', target: 'clients/old', details: { released: [`phone:${phone}`] } }),
    ]);
    const card = await api.call('GET', '/clients/old', { as: 'anna' });
    expect(card.body.history.at(-1)).toMatchObject({ type: 'note', by: 'head', text: expect.stringContaining(`phone:${phone}`) });
    const now = await api.call('POST', '/clients', {
      as: 'boris',
      body: { name: 'New owner of the number', kind: 'person', phones: [phone] },
    });
    expect(now.status).toBe(201);
  });
});

describe('lost means out of the book', () => {
  let today: string;
  beforeAll(async () => {
    today = companyToday(timeZone);
    const created = await api.call('POST', '/clients', {
      as: 'anna',
      body: { id: 'parked', name: 'Rotation candidate', kind: 'person', phones: ['+74950000020'], emails: ['parked@example.com'] },
    });
    expect(created.status).toBe(201);
    const lost = await api.call('PATCH', '/clients/parked', {
      as: 'anna',
      body: { version: 1, changes: { lostAt: today, lostReason: 'parked' } },
    });
    expect(lost.status).toBe(200);
  });

  it('refuses the holder deals, contacts and consents on a lost client with 409 client-lost, writing nothing', async () => {
    const before = await dataState();
    for (const [path, body] of [
      ['/clients/parked/deals', { date: today, amount: 500_000, profit: 100_000 }],
      ['/clients/parked/contacts', { channel: 'call', text: 'still working it' }],
      ['/clients/parked/consents', { channel: 'email', status: 'granted', method: 'staff' }],
    ] as const) {
      const answer = await api.call('POST', path, { as: 'anna', body });
      expectProblem(answer, 409);
      expect(answer.body).toMatchObject({ code: 'client-lost', clientId: 'parked', lostAt: today });
      expect(answer.body.detail).toContain('ask the head of sales to reinstate it');
    }
    expect(await dataState()).toEqual(before);
  });

  it('still takes a withdrawal of consent and a note on a lost client', async () => {
    const withdrawn = await api.call('POST', '/clients/parked/consents', {
      as: 'anna',
      body: { channel: 'email', status: 'withdrawn', method: 'staff' },
    });
    expect(withdrawn.status).toBe(201);
    expect((await api.call('POST', '/clients/parked/notes', { as: 'anna', body: { text: 'lost to a rival' } })).status).toBe(201);
  });

  it('lets the admin record on a lost client and reinstate it, after which the holder works it again', async () => {
    const deal = await api.call('POST', '/clients/parked/deals', { as: 'head', body: { date: today, amount: 1_000, profit: 100 } });
    expect(deal.status).toBe(201);
    const back = await api.call('PATCH', '/clients/parked', {
      as: 'head',
      body: { version: await version('parked'), changes: { lostAt: null } },
    });
    expect(back.status).toBe(200);
    const again = await api.call('POST', '/clients/parked/deals', { as: 'anna', body: { date: today, amount: 1_000, profit: 100 } });
    expect(again.status).toBe(201);
  });

  it('counts on the dashboard the clients each manager marked lost this month, kept after the reinstatement', async () => {
    const month = companyMonth(new Date().toISOString(), timeZone);
    const dashboard = await api.call('GET', '/admin/dashboard?months=2', { as: 'head' });
    expect(dashboard.status).toBe(200);
    const row = dashboard.body.lostMarked.find((r: { month: string }) => r.month === month);
    expect(row.byManager).toMatchObject({ anna: 1, boris: 0 });
    expect(row.total).toBe(1);
  });
});
