import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonthsToDay } from '../../../functions/src/core/calendar.ts';
import { allDocumentPaths } from '../../support/firestore.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

// What a client's next deal earns, read before the deal, against what the bonus job pays once it is
// made. The company's today is the real one (Moscow); dates are taken relative to it.

let api: Api;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
const month = today.slice(0, 7);
let phone = 0;
type Line = { id: string; kind: string; status: string; amount: number; rate: number | null; dueDate: string | null };

async function newClient(id: string, since?: string): Promise<void> {
  const body = { id, name: `Client ${id}`, kind: 'person', phones: [`+7917${String(++phone).padStart(7, '0')}`] };
  expect((await api.call('POST', '/clients', { as: 'anna', body })).status).toBe(201);
  if (since !== undefined) await api.db.collection('clients').doc(id).update({ assignedAt: since, createdAt: since });
}

async function statementLines(managerId: string): Promise<Line[]> {
  const done = await api.awaitJob(await api.call('POST', `/admin/bonus/${month}/compute`, { as: 'head' }));
  expect(done.body.status).toBe('done');
  return (await api.call('GET', `/statements/${month}`, { as: managerId })).body.statement.lines;
}

const money = { amount: 100_000, profit: 40_000 };
const estimate = (clientId: string, body: unknown, as = 'anna') => api.call('POST', `/clients/${clientId}/estimate`, { as, body });
const nextDealOf = async (clientId: string) =>
  (await api.call('GET', '/clients?limit=200', { as: 'anna' })).body.clients.find((c: { id: string }) => c.id === clientId).nextDeal;

/** The estimate's lines, named as the statement will name them once the deal is recorded. */
const asRecorded = (lines: Line[], dealId: string) =>
  lines
    .map((l) => ({ ...l, id: l.id.replace(':estimate', `:${dealId}`) }))
    .map(({ id, kind, status, amount, rate, dueDate }) => ({
      id,
      kind,
      status,
      amount,
      rate,
      dueDate,
    }));
const pick = (lines: Line[], ids: string[]) =>
  lines
    .filter((l) => ids.includes(l.id))
    .map(({ id, kind, status, amount, rate, dueDate }) => ({ id, kind, status, amount, rate, dueDate }));

beforeAll(async () => {
  api = await startApi('api-next-deal');
  for (const id of ['anna', 'boris']) await api.addManager({ id });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
  const rules = {
    bonus: {
      normalRate: 0.05,
      newClientMultiplier: 3,
      retentionMonths: 3,
      attractionBonus: 100_000,
      dealConfirmation: 'not-required',
      campaign: { from: addMonthsToDay(today, -5), to: addMonthsToDay(today, 1) },
    },
  };
  expect((await api.call('PUT', '/admin/rules', { as: 'head', body: { rules } })).status).toBe(200);
});
afterAll(() => api.close());

describe("a client's next deal, foreseen and then paid", () => {
  it('before the retention gate: the first-deal rate held until the gate, and the attraction bonus, as the job then pays', async () => {
    await newClient('n1');
    const gate = addMonthsToDay(today, 3);
    expect(await nextDealOf('n1')).toEqual({
      rate: 0.15,
      normalRate: 0.05,
      raisedPart: `pending-until ${gate}`,
      attraction: 100_000,
      why: expect.stringContaining(`held until the retention gate ${gate} if kept`),
    });
    const card = (await api.call('GET', '/clients/n1', { as: 'anna' })).body;
    expect(card.client.nextDeal).toEqual(await nextDealOf('n1'));

    const foreseen = await estimate('n1', money);
    expect(foreseen.status).toBe(200);
    expect(foreseen.body).toMatchObject({ month, awaitsConfirmation: false, totals: { payable: 102_000, pending: 4_000 } });
    expect((await api.call('POST', '/clients/n1/deals', { as: 'anna', body: { id: 'n1-d1', date: today, ...money } })).status).toBe(201);
    const paid = await statementLines('anna');
    expect(pick(paid, ['normal:n1-d1', 'raised:n1-d1', 'attraction:n1'])).toEqual(asRecorded(foreseen.body.lines, 'n1-d1'));
    expect(paid.find((l) => l.id === 'raised:n1-d1')).toMatchObject({ status: 'pending', dueDate: gate, amount: 4_000 });
  });

  it('after the retention gate: the second-deal rate paid at once', async () => {
    const first = addMonthsToDay(today, -4);
    await newClient('n2', addMonthsToDay(first, -1));
    const admin = { id: 'n2-d1', date: first, ...money, managerId: 'anna' };
    expect((await api.call('POST', '/clients/n2/deals', { as: 'head', body: admin })).status).toBe(201);
    expect(await nextDealOf('n2')).toMatchObject({ rate: 0.075, raisedPart: 'payable', attraction: 0 });

    const foreseen = (await estimate('n2', money)).body;
    expect(foreseen.lines.map((l: Line) => l.id)).toEqual(['normal:estimate', 'raised:estimate']);
    expect((await api.call('POST', '/clients/n2/deals', { as: 'anna', body: { id: 'n2-d2', date: today, ...money } })).status).toBe(201);
    const paid = await statementLines('anna');
    expect(pick(paid, ['normal:n2-d2', 'raised:n2-d2'])).toEqual(asRecorded(foreseen.lines, 'n2-d2'));
    expect(paid.find((l) => l.id === 'raised:n2-d2')).toMatchObject({ status: 'payable', amount: 1_000 });
  });

  it('attracted outside the campaign window: only the normal rate, and the statement agrees', async () => {
    const first = addMonthsToDay(today, -7);
    await newClient('n3', addMonthsToDay(first, -1));
    const admin = { id: 'n3-d1', date: first, ...money, managerId: 'anna' };
    expect((await api.call('POST', '/clients/n3/deals', { as: 'head', body: admin })).status).toBe(201);
    const next = await nextDealOf('n3');
    expect(next).toMatchObject({ rate: 0.05, normalRate: 0.05, raisedPart: 'none', attraction: 0 });
    expect(next.why).toContain('outside the campaign window');

    const foreseen = (await estimate('n3', money)).body;
    expect((await api.call('POST', '/clients/n3/deals', { as: 'anna', body: { id: 'n3-d2', date: today, ...money } })).status).toBe(201);
    const paid = await statementLines('anna');
    expect(pick(paid, ['normal:n3-d2', 'raised:n3-d2'])).toEqual(asRecorded(foreseen.lines, 'n3-d2'));
    expect(foreseen.lines).toEqual([expect.objectContaining({ id: 'normal:estimate', amount: 2_000, status: 'payable' })]);
  });
});

describe('the estimate refuses', () => {
  it("another manager's client and the head of sales, as not found", async () => {
    await newClient('n4');
    expectProblem(await estimate('n4', money, 'boris'), 404);
    expectProblem(await estimate('n4', money, 'head'), 404);
    expectProblem(await estimate('nobody', money), 404);
    const listed = (await api.call('GET', '/clients', { as: 'boris' })).body.clients;
    expect(listed).toEqual([]);
  });

  it('a negative, garbage or missing amount and a profit above it, naming the field, writing nothing', async () => {
    const before = (await allDocumentPaths(api.db)).filter((p) => !p.startsWith('audit/'));
    const cases: Array<[unknown, string]> = [
      [{ amount: -5, profit: 0 }, 'amount'],
      [{ amount: 'lots', profit: 0 }, 'amount'],
      [{ amount: 1.5, profit: 0 }, 'amount'],
      [{ profit: 10 }, 'amount'],
      [{ amount: 100, profit: 'x' }, 'profit'],
      [{ amount: 100, profit: 200 }, 'profit'],
    ];
    for (const [body, field] of cases) {
      const answer = await estimate('n4', body);
      expectProblem(answer, 400);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    const dated = await estimate('n4', { ...money, date: today });
    expectProblem(dated, 400);
    expect(JSON.stringify(dated.body.errors)).toContain('date');
    expect((await allDocumentPaths(api.db)).filter((p) => !p.startsWith('audit/'))).toEqual(before);
  });
});
