import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonthsToDay, addDaysToDay } from '../../../functions/src/core/calendar.ts';
import { runRotation } from '../../../functions/src/operations/rotation-job.ts';
import { companyToday } from '../../../functions/src/schema/company-day.ts';
import { rulesConfigSchema } from '../../../functions/src/schema/rules-config.ts';
import { publishRules } from '../../../functions/src/store/rules-store.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

let api: Api;
const today = companyToday('Europe/Moscow');
// The first run is old enough for every window, the second only for three months.
const firstDay = addMonthsToDay(today, -13);
const secondDay = addMonthsToDay(today, -4);
type Report = { moves: Array<{ clientId: string }>; heldOut: Array<{ clientId: string; managerId: string }> };
let first: Report;
let second: Report;
let phone = 0;

async function staleClient(id: string, managerId: string): Promise<void> {
  phone++;
  const answer = await api.call('POST', '/clients', {
    as: 'head',
    body: { id, name: `Stale ${id}`, kind: 'company', managerId, phones: [`+7916100${String(phone).padStart(4, '0')}`] },
  });
  expect(answer.status).toBe(201);
  await api.db
    .collection('clients')
    .doc(id)
    .update({ assignedAt: addMonthsToDay(firstDay, -24) });
}

let deal = 0;
async function dealOn(clientId: string, day: string, status: 'confirmed' | 'unconfirmed' = 'confirmed'): Promise<void> {
  deal++;
  await api.db
    .collection('deals')
    .doc(`effect-${deal}`)
    .set({ id: `effect-${deal}`, clientId, managerId: 'anna', date: day, amount: 100000, profit: 50000, status, seq: 1 });
}

const rotate = async (at: string) => (await runRotation(api.db, { at, dryRun: false, by: 'head' }, { pacing: false })).report as Report;

beforeAll(async () => {
  api = await startApi('api-rotation-effect');
  for (const id of ['anna', 'boris', 'vera']) await api.addManager({ id });
  await api.addManager({ id: 'head', role: 'admin', level: 9 });
  await publishRules(api.db, rulesConfigSchema.parse({ rotation: { holdoutShare: 0.5 } }), {
    by: 'head@example.com',
    at: new Date().toISOString(),
  });
  for (let i = 0; i < 20; i++) await staleClient(`c${i}`, ['anna', 'boris', 'vera'][i % 3]!);
}, 120_000);
afterAll(() => api.close());

describe('the effect of rotation through the api', () => {
  it('holds out half of the first run, and the same clients when the run is applied again', async () => {
    first = await rotate(firstDay);
    expect(first.heldOut).toHaveLength(10);
    expect(first.moves).toHaveLength(10);
    const held = new Set(first.heldOut.map((h) => h.clientId));
    expect(first.moves.filter((m) => held.has(m.clientId))).toEqual([]);
    for (const h of first.heldOut) expect((await api.db.collection('clients').doc(h.clientId).get()).get('managerId')).toBe(h.managerId);
    const again = await rotate(firstDay);
    expect(again.heldOut).toEqual(first.heldOut);
  });

  it('never holds out a client two runs running', async () => {
    // The moved clients were seen to since; the held-out ones are still stale, and six new ones join them.
    for (const m of first.moves)
      await api.db
        .collection('clients')
        .doc(m.clientId)
        .update({ assignedAt: addMonthsToDay(secondDay, -1) });
    for (let i = 20; i < 26; i++) await staleClient(`c${i}`, ['anna', 'boris', 'vera'][i % 3]!);
    second = await rotate(secondDay);
    const previous = new Set(first.heldOut.map((h) => h.clientId));
    expect(second.heldOut.map((h) => h.clientId).sort()).toEqual(['c20', 'c21', 'c22', 'c23', 'c24', 'c25']);
    expect(second.moves.map((m) => m.clientId).sort()).toEqual([...previous].sort());
  });

  it('answers counts, shares and the interval as computed by hand, with the young windows pending', async () => {
    const moved1 = first.moves.map((m) => m.clientId).sort();
    const held1 = first.heldOut.map((h) => h.clientId).sort();
    const moved2 = second.moves.map((m) => m.clientId).sort();
    const inFirst = addDaysToDay(firstDay, 20);
    for (const id of moved1.slice(0, 9)) await dealOn(id, inFirst);
    for (const id of held1.slice(0, 3)) await dealOn(id, inFirst);
    await dealOn(held1[3]!, inFirst, 'unconfirmed'); // not of record: does not count
    await dealOn(moved1[9]!, firstDay); // on the run day itself: before the move counts
    const inSecond = addDaysToDay(secondDay, 20);
    for (const id of moved2.slice(0, 2)) await dealOn(id, inSecond);
    await dealOn('c20', inSecond);

    expectProblem(await api.call('GET', '/admin/rotation/effect', { as: 'anna' }), 403);
    expectProblem(await api.call('GET', '/admin/rotation/effect?months=3', { as: 'head' }), 400);
    const answer = await api.call('GET', '/admin/rotation/effect', { as: 'head' });
    expect(answer.status).toBe(200);
    const { runs, total } = answer.body;
    // Per 100 clients: 9 deals of 500 ₽ profit among 10 clients are 90 deals and 4,500,000 kopecks.
    const nine = { withDeal: 9, share: 0.9, deals: 90, profit: 4_500_000 };
    const three = { withDeal: 3, share: 0.3, deals: 30, profit: 1_500_000 };
    // Counted by the group drawn, as a trial counts: two held-out clients the second run moved bought
    // again within twelve months of the first run, so its twelve-month window has those deals too.
    expect(runs).toEqual([
      {
        runId: `rotation-${firstDay}`,
        at: firstDay,
        moved: { clients: 10, m3: nine, m6: nine, m12: nine },
        heldOut: { clients: 10, m3: three, m6: three, m12: { ...three, deals: 50, profit: 2_500_000 } },
      },
      {
        runId: `rotation-${secondDay}`,
        at: secondDay,
        moved: { clients: 10, m3: { withDeal: 2, share: 0.2, deals: 20, profit: 1_000_000 }, m6: null, m12: null },
        heldOut: { clients: 6, m3: { withDeal: 1, share: 1 / 6, deals: 16.67, profit: 833_333 }, m6: null, m12: null },
      },
    ]);
    expect(total.moved).toBe(20);
    expect(total.heldOut).toBe(16);
    expect(total.m3.moved).toEqual({ clients: 20, withDeal: 11, share: 0.55 });
    expect(total.m3.heldOut).toEqual({ clients: 16, withDeal: 4, share: 0.25 });
    // Six and twelve months: the first run alone, 9/10 against 3/10, Newcombe 1998's example: 0.6, 0.1705 to 0.8090.
    for (const window of [total.m6, total.m12]) {
      expect(window.difference).toBeCloseTo(0.6, 10);
      expect(window.low).toBeCloseTo(0.1705, 4);
      expect(window.high).toBeCloseTo(0.809, 4);
      expect(window.significant).toBe(true);
    }
    expect(answer.body.holdout).toBe(true);
    expect(answer.body.sentence).toBe(
      'moved clients bought within 6 months 3.0 times as often as held-out ones: ' +
        '90 % against 30 %, difference 60 points, 95 % interval 17 to 81',
    );
  });
});
