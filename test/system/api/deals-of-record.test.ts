import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonthsToDay, addMonthsToMonth } from '../../../functions/src/core/calendar.ts';
import { allDocumentPaths } from '../../support/firestore.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

// Deals of record through the API, as a manager and the head of sales would use it. The company's
// today is the real one (Moscow); dates are taken relative to it.

let api: Api;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
const month = today.slice(0, 7);
const lastMonth = addMonthsToMonth(month, -1);
let phone = 0;
type Line = { id: string; kind: string; status: string; amount: number; note: string; ofMonth?: string; dueDate: string | null };

async function newClient(as: string, id: string, extra: Record<string, unknown> = {}): Promise<void> {
  const body = { id, name: `Client ${id}`, kind: 'person', phones: [`+7916${String(++phone).padStart(7, '0')}`], ...extra };
  const answer = await api.call('POST', '/clients', { as, body });
  expect(answer.status).toBe(201);
}

/** Held (and in the base) since long ago: a rotation candidate unless a deal that counts says otherwise. */
async function heldSince(id: string, day: string): Promise<void> {
  await api.db.collection('clients').doc(id).update({ assignedAt: day, createdAt: day });
}

async function deal(as: string, clientId: string, body: Record<string, unknown>) {
  return api.call('POST', `/clients/${clientId}/deals`, { as, body: { date: today, amount: 100_000, profit: 40_000, ...body } });
}

async function statement(m: string, managerId: string): Promise<{ lines: Line[]; totals: Record<string, number> }> {
  const done = await api.awaitJob(await api.call('POST', `/admin/bonus/${m}/compute`, { as: 'head' }));
  expect(done.body.status).toBe('done');
  const answer = await api.call('GET', `/statements/${m}`, { as: managerId });
  return answer.status === 404 ? { lines: [], totals: {} } : answer.body.statement;
}

async function review(rows: unknown[]) {
  const answer = await api.call('POST', '/admin/deals/review', { as: 'head', body: { rows } });
  expect(answer.status).toBe(200);
  return answer.body;
}

const versionOf = async (dealId: string) => (await api.db.collection('deals').doc(dealId).get()).get('version') as number;
const publish = (rules: Record<string, unknown>) => api.call('PUT', '/admin/rules', { as: 'head', body: { rules } });

beforeAll(async () => {
  api = await startApi('api-deals-of-record');
  for (const id of ['anna', 'boris', 'vera', 'gleb']) await api.addManager({ id });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
  expect((await publish({ bonus: { attractionBonus: 100_000 } })).status).toBe(200);
});
afterAll(() => api.close());

describe('a deal its holder records waits for the head of sales', () => {
  it('shows on the card and the statement as awaiting, and pays once the head of sales confirms it', async () => {
    await newClient('anna', 'w1');
    const recorded = await deal('anna', 'w1', { id: 'w1-d1' });
    expect(recorded.status).toBe(201);
    expect(recorded.body.deal).toMatchObject({ status: 'unconfirmed', recordedVia: 'holder', recordedBy: 'anna', version: 1 });
    const card = (await api.call('GET', '/clients/w1', { as: 'anna' })).body;
    expect(card.deals).toEqual([expect.objectContaining({ id: 'w1-d1', status: 'unconfirmed', recordedVia: 'holder', reason: null })]);
    expect(card.client).toMatchObject({ dealsAwaiting: 1, firstDealAt: null, dealsSinceAssignment: 0 });

    const awaiting = await statement(month, 'anna');
    expect(awaiting.lines.find((l) => l.id === 'normal:w1-d1')).toMatchObject({ status: 'awaiting-confirmation', amount: 2_000 });
    expect(awaiting.lines.some((l) => l.id === 'attraction:w1')).toBe(false);
    expect(awaiting.totals).toMatchObject({ payable: 0, pending: 0 });
    expect(awaiting.totals.awaiting).toBeGreaterThan(2_000);

    expectProblem(await api.call('GET', '/admin/deals', { as: 'anna' }), 403);
    const listed = await api.call('GET', '/admin/deals?status=unconfirmed&managerId=anna', { as: 'head' });
    expect(listed.body.deals).toEqual([
      expect.objectContaining({ dealId: 'w1-d1', clientName: 'Client w1', managerName: 'anna', status: 'unconfirmed', version: 1 }),
    ]);

    const answer = await review([{ dealId: 'w1-d1', version: 1, decision: 'confirm' }]);
    expect(answer).toMatchObject({ applied: 1, conflicts: 0, invalid: 0 });
    expect(answer.rows[0].deal).toMatchObject({ status: 'confirmed', version: 2 });
    const paid = await statement(month, 'anna');
    expect(paid.lines.find((l) => l.id === 'normal:w1-d1')).toMatchObject({ status: 'payable', amount: 2_000 });
    expect(paid.lines.find((l) => l.id === 'attraction:w1')).toMatchObject({ status: 'payable', amount: 100_000 });
    expect(paid.totals.awaiting).toBe(0);
    expect((await api.call('GET', '/clients/w1', { as: 'anna' })).body.client).toMatchObject({ dealsAwaiting: 0, firstDealAt: today });
    const audit = (await api.db.collection('audit').where('target', '==', 'deals/w1-d1').get()).docs.map((d) => d.data());
    expect(audit).toEqual([expect.objectContaining({ actor: 'head', action: 'confirm deal', outcome: 'ok' })]);
  });

  it('rejects with the reason on the statement, and answers a row reviewed meanwhile as a conflict, not an overwrite', async () => {
    await newClient('anna', 'w2');
    for (const id of ['w2-d1', 'w2-d2']) expect((await deal('anna', 'w2', { id })).status).toBe(201);
    // Another admin rejected w2-d2 first; this sheet still holds version 1 of it.
    expect((await review([{ dealId: 'w2-d2', version: 1, decision: 'reject', reason: 'no invoice' }])).applied).toBe(1);
    const answer = await review([
      { dealId: 'w2-d1', version: 1, decision: 'reject', reason: 'a duplicate of w1-d1' },
      { dealId: 'w2-d2', version: 1, decision: 'confirm' },
      { dealId: 'w2-d1', version: 1, decision: 'reject' },
      { dealId: 'nothing-here', version: 1, decision: 'confirm' },
    ]);
    expect(answer).toMatchObject({ applied: 1, conflicts: 1, invalid: 2 });
    expect(answer.rows[1]).toMatchObject({ status: 'conflict', current: { status: 'rejected', version: 2 }, changedBy: { id: 'head' } });
    expect(answer.rows[2]).toMatchObject({ status: 'invalid', errors: [{ path: 'rows[2].reason' }] });
    expect(answer.rows[3]).toMatchObject({ status: 'invalid', errors: [{ path: 'rows[3].dealId' }] });
    expect((await api.db.collection('deals').doc('w2-d2').get()).get('status')).toBe('rejected');

    const s = await statement(month, 'anna');
    expect(s.lines.find((l) => l.id === 'normal:w2-d2')).toMatchObject({ status: 'not-paid', amount: 0, note: 'rejected: no invoice' });
    expect(s.lines.find((l) => l.id === 'normal:w2-d1')).toMatchObject({ status: 'not-paid', note: 'rejected: a duplicate of w1-d1' });
    expect(s.lines.some((l) => l.id === 'attraction:w2')).toBe(false);
    const card = (await api.call('GET', '/clients/w2', { as: 'anna' })).body;
    expect(card.deals.map((d: { status: string; reason: string }) => [d.status, d.reason])).toEqual([
      ['rejected', 'no invoice'],
      ['rejected', 'a duplicate of w1-d1'],
    ]);
    expect(card.client).toMatchObject({ dealsAwaiting: 0, firstDealAt: null });
  });

  it('pays a confirmation of a deal dated in a closed month as an adjustment in the open month', async () => {
    await newClient('boris', 'late');
    await heldSince('late', `${lastMonth}-01`);
    expect((await deal('boris', 'late', { id: 'late-d1', date: `${lastMonth}-15` })).status).toBe(201);
    const closedMonth = await statement(lastMonth, 'boris');
    expect(closedMonth.lines.find((l) => l.id === 'normal:late-d1')).toMatchObject({ status: 'awaiting-confirmation' });
    expect((await api.call('POST', `/admin/bonus/${lastMonth}/close`, { as: 'head' })).status).toBe(200);

    await review([{ dealId: 'late-d1', version: await versionOf('late-d1'), decision: 'confirm' }]);
    const open = await statement(month, 'boris');
    const adjusted = open.lines.filter((l) => l.kind === 'adjustment' && l.ofMonth === lastMonth);
    // The normal line and the attraction are paid now; the raised part waits for the client's retention gate.
    const sum = (status: string) => adjusted.filter((l) => l.status === status).reduce((n, l) => n + l.amount, 0);
    expect(sum('payable')).toBe(2_000 + 100_000);
    expect(sum('pending')).toBeGreaterThan(0);
    expect(sum('awaiting-confirmation')).toBeLessThan(0);
    // What the closed month showed as awaiting moves out of awaiting as it is paid.
    expect(open.totals).toMatchObject({ payable: 2_000 + 100_000, awaiting: sum('awaiting-confirmation') });
  });
});

describe('what a manager could type to be paid more', () => {
  it('never releases a raised part early for a deal backdated before the client was in the base', async () => {
    await newClient('gleb', 'back');
    const fiveMonthsBack = addMonthsToDay(today, -5);
    // The head of sales may record history before the holding; the gate still counts from the creation.
    expect((await deal('head', 'back', { id: 'back-d1', date: fiveMonthsBack, managerId: 'gleb' })).status).toBe(201);
    const s = await statement(fiveMonthsBack.slice(0, 7), 'gleb');
    const raised = s.lines.find((l) => l.id === 'raised:back-d1');
    expect(raised).toMatchObject({ status: 'pending', dueDate: addMonthsToDay(today, 3) });
    expect(s.totals.pending).toBe(raised!.amount);
    for (const m of [addMonthsToMonth(month, -2), month])
      expect((await statement(m, 'gleb')).lines.some((l) => l.kind === 'raised-release')).toBe(false);
  });

  it('pays no attraction for a company without INN, nor for three clients with a 1-kopeck deal', async () => {
    await newClient('vera', 'romashka', { kind: 'company', name: 'ООО Ромашка' });
    expect((await api.call('GET', '/clients/romashka', { as: 'vera' })).body.client.payBlock).toBe('add-tax-number');
    const ids = ['romashka-d1'];
    expect((await deal('vera', 'romashka', { id: 'romashka-d1' })).status).toBe(201);
    for (const c of ['k1', 'k2', 'k3']) {
      await newClient('vera', c);
      expect((await deal('vera', c, { id: `${c}-d1`, amount: 1, profit: 0 })).status).toBe(201);
      ids.push(`${c}-d1`);
    }
    expect((await review(ids.map((dealId) => ({ dealId, version: 1, decision: 'confirm' })))).applied).toBe(4);
    const s = await statement(month, 'vera');
    expect(s.lines.find((l) => l.id === 'attraction:romashka')).toMatchObject({
      status: 'not-paid',
      amount: 0,
      note: expect.stringContaining('add the INN to be paid for this client'),
    });
    expect(s.lines.find((l) => l.id === 'raised:romashka-d1')).toMatchObject({ status: 'not-paid', amount: 0 });
    for (const c of ['k1', 'k2', 'k3'])
      expect(s.lines.find((l) => l.id === `attraction:${c}`)).toMatchObject({
        status: 'not-paid',
        note: expect.stringContaining('below the minimum deal'),
      });
    expect(s.totals.payable).toBe(2_000);
  });

  it('refuses a 0 ₽ deal, and keeps a stale client in the rotation plan after a deal below the minimum or one not confirmed', async () => {
    await newClient('anna', 'zero');
    const before = await allDocumentPaths(api.db, { except: ['audit'] });
    for (const as of ['anna', 'head']) {
      const refused = await deal(as, 'zero', { amount: 0, profit: 0 });
      expectProblem(refused, 400);
      expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['amount']);
    }
    expect(await allDocumentPaths(api.db, { except: ['audit'] })).toEqual(before);

    for (const id of ['small', 'unconfirmed', 'real']) {
      await newClient('anna', id);
      await heldSince(id, '2024-01-10');
    }
    expect((await deal('anna', 'small', { id: 'small-d1', amount: 50, profit: 10 })).status).toBe(201);
    expect((await deal('anna', 'unconfirmed', { id: 'unconfirmed-d1' })).status).toBe(201);
    expect((await deal('anna', 'real', { id: 'real-d1' })).status).toBe(201);
    await review(['small-d1', 'real-d1'].map((dealId) => ({ dealId, version: 1, decision: 'confirm' })));
    const preview = (await api.call('POST', '/admin/rotation/preview', { as: 'head' })).body;
    const planned = [...preview.moves, ...preview.skipped].map((m: { clientId: string }) => m.clientId);
    expect(planned).toEqual(expect.arrayContaining(['small', 'unconfirmed']));
    expect(planned).not.toContain('real');
  });

  it("keeps today's behaviour under 'not-required': a holder's deal counts at once", async () => {
    const current = (await api.call('GET', '/admin/rules', { as: 'head' })).body.rules;
    expect((await publish({ ...current, bonus: { ...current.bonus, dealConfirmation: 'not-required' } })).status).toBe(200);
    await newClient('boris', 'free');
    expect((await deal('boris', 'free', { id: 'free-d1' })).body.deal).toMatchObject({ status: 'confirmed', recordedVia: 'holder' });
    const s = await statement(month, 'boris');
    expect(s.lines.find((l) => l.id === 'normal:free-d1')).toMatchObject({ status: 'payable' });
    expect(s.lines.find((l) => l.id === 'attraction:free')).toMatchObject({ status: 'payable', amount: 100_000 });
  });
});
