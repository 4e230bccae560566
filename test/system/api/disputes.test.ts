import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagOverdueDisputes } from '../../../functions/src/store/dispute-store.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

// Months long ended on the real clock: they can be computed and closed now.
const feb = '2026-02';
const mar = '2026-03';
const apr = '2026-04';

let api: Api;
const statementOf = async (month: string, as: string) => (await api.call('GET', `/statements/${month}`, { as })).body.statement;
const compute = async (month: string) => {
  const done = await api.awaitJob(await api.call('POST', `/admin/bonus/${month}/compute`, { as: 'head' }));
  expect(done.body.status).toBe('done');
};
const close = async (month: string) => expect((await api.call('POST', `/admin/bonus/${month}/close`, { as: 'head' })).status).toBe(200);
const auditActions = async () =>
  (await api.db.collection('audit').get()).docs.map((d) => `${d.get('actor')} ${d.get('action')} ${d.get('outcome')}`);

beforeAll(async () => {
  api = await startApi('api-disputes');
  await api.addManager({ id: 'anna', name: 'Orlova; Anna "Ann"' });
  await api.addManager({ id: 'boris', name: 'Boris Petrov' });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
  await api.addManager({ id: 'head2', role: 'admin', level: 3 });
  for (const [id, as, phone] of [
    ['c1', 'anna', '+79160000001'],
    ['c2', 'boris', '+79160000002'],
  ] as const)
    expect((await api.call('POST', '/clients', { as, body: { id, name: `Buyer ${id}`, kind: 'company', phones: [phone] } })).status).toBe(
      201,
    );
  // History the head of sales records for each manager, February and March.
  for (const [id, client, managerId, date, profit] of [
    ['d1', 'c1', 'anna', `${feb}-10`, 40_000],
    ['d2', 'c2', 'boris', `${feb}-11`, 90_000],
    ['d3', 'c1', 'head2', `${feb}-12`, 10_000],
    ['d4', 'c1', 'anna', `${mar}-10`, 20_001],
  ] as const) {
    const body = { id, date, amount: 100_000, profit, managerId };
    expect((await api.call('POST', `/clients/${client}/deals`, { as: 'head', body })).status).toBe(201);
  }
  await compute(feb);
  await close(feb);
});
afterAll(() => api.close());

describe('a dispute from the statement to the next month', () => {
  let accepted: string;
  let rejected: string;

  it('opens on a line of my own statement, or on a missing deal with no line', async () => {
    const opened = await api.call('POST', `/statements/${feb}/disputes`, {
      as: 'anna',
      body: { lineId: 'normal:d1', reason: 'wrong-amount', text: 'The profit was 50 000, not 40 000.' },
    });
    expect(opened.status).toBe(201);
    expect(opened.body.dispute).toMatchObject({
      month: feb,
      managerId: 'anna',
      lineId: 'normal:d1',
      clientId: 'c1',
      status: 'open',
      paidIn: null,
    });
    accepted = opened.body.dispute.id;
    const missing = await api.call('POST', `/statements/${feb}/disputes`, {
      as: 'anna',
      body: { reason: 'missing-deal', text: 'Deal of 14 Feb' },
    });
    expect(missing.status).toBe(201);
    expect(missing.body.dispute).toMatchObject({ lineId: null, clientId: null });
    rejected = missing.body.dispute.id;
  });

  it("refuses another manager's line, a second dispute on a line, a bad reason or no line, naming the field, writing nothing", async () => {
    const before = (await api.db.collection('disputes').get()).size;
    const foreign = await api.call('POST', `/statements/${feb}/disputes`, {
      as: 'boris',
      body: { lineId: 'normal:d1', reason: 'wrong-client', text: 'mine' },
    });
    expectProblem(foreign, 400);
    expect(foreign.body.errors).toEqual([{ path: 'lineId', message: `is not a line of your statement for ${feb}` }]);
    const twice = await api.call('POST', `/statements/${feb}/disputes`, {
      as: 'anna',
      body: { lineId: 'normal:d1', reason: 'other', text: 'again' },
    });
    expectProblem(twice, 409);
    expect(twice.body.errors[0].path).toBe('lineId');
    const reason = await api.call('POST', `/statements/${feb}/disputes`, {
      as: 'anna',
      body: { lineId: 'normal:d1', reason: 'greed', text: 'x' },
    });
    expectProblem(reason, 400);
    expect(reason.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
    const noLine = await api.call('POST', `/statements/${feb}/disputes`, { as: 'anna', body: { reason: 'wrong-rule', text: 'x' } });
    expect(noLine.body.errors.map((e: { path: string }) => e.path)).toEqual(['lineId']);
    const text = await api.call('POST', `/statements/${feb}/disputes`, {
      as: 'anna',
      body: { lineId: 'normal:d1', reason: 'other', text: 'x'.repeat(2001) },
    });
    expect(text.body.errors.map((e: { path: string }) => e.path)).toEqual(['text']);
    expectProblem(await api.call('POST', '/statements/2026-13/disputes', { as: 'anna', body: { reason: 'missing-deal', text: 'x' } }), 400);
    expect((await api.db.collection('disputes').get()).size).toBe(before);
    expect(await auditActions()).toContain('boris open dispute refused');
  });

  it('shows the head of sales the open ones; a manager cannot resolve, nor an admin their own', async () => {
    const open = await api.call('GET', '/admin/disputes?status=open', { as: 'head' });
    expect(open.status).toBe(200);
    expect(open.body.disputeDays).toBe(10);
    expect(open.body.disputes.map((d: { id: string }) => d.id)).toEqual([accepted, rejected]);
    expect(open.body.disputes[0].overdue).toBe(false);
    expectProblem(await api.call('GET', '/admin/disputes?status=pending', { as: 'head' }), 400);
    expectProblem(await api.call('GET', '/admin/disputes', { as: 'anna' }), 403);
    expectProblem(
      await api.call('POST', `/admin/disputes/${accepted}/resolve`, { as: 'anna', body: { decision: 'accepted', amount: 1 } }),
      403,
    );

    const own = await api.call('POST', `/statements/${feb}/disputes`, {
      as: 'head2',
      body: { lineId: 'normal:d3', reason: 'other', text: 'mine' },
    });
    expect(own.status).toBe(201);
    const self = await api.call('POST', `/admin/disputes/${own.body.dispute.id}/resolve`, {
      as: 'head2',
      body: { decision: 'accepted', amount: 100 },
    });
    expectProblem(self, 403);
    expect(self.body.errors[0].path).toBe('id');
    const byOther = await api.call('POST', `/admin/disputes/${own.body.dispute.id}/resolve`, {
      as: 'head',
      body: { decision: 'rejected', reason: 'The line is right.' },
    });
    expect(byOther.body.dispute).toMatchObject({ status: 'rejected', resolvedBy: 'head' });
  });

  it('refuses a resolution without its amount or reason, or with an abusive amount, naming the field', async () => {
    for (const [body, path] of [
      [{ decision: 'accepted' }, 'amount'],
      [{ decision: 'accepted', amount: 0 }, 'amount'],
      [{ decision: 'accepted', amount: -500 }, 'amount'],
      [{ decision: 'accepted', amount: 12.5 }, 'amount'],
      [{ decision: 'accepted', amount: '100' }, 'amount'],
      [{ decision: 'rejected', reason: '  ' }, 'reason'],
      [{ decision: 'accept', amount: 1 }, 'decision'],
    ] as const) {
      const answer = await api.call('POST', `/admin/disputes/${accepted}/resolve`, { as: 'head', body });
      expectProblem(answer, 400);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    expectProblem(await api.call('POST', '/admin/disputes/nope/resolve', { as: 'head', body: { decision: 'rejected', reason: 'x' } }), 404);
    expect((await api.call('GET', '/admin/disputes?status=open', { as: 'head' })).body.disputes).toHaveLength(2);
  });

  it('pays the accepted one as an adjustment line of the next month, naming the dispute; the rejected one shows its reason', async () => {
    const febBefore = await statementOf(feb, 'anna');
    const yes = await api.call('POST', `/admin/disputes/${accepted}/resolve`, {
      as: 'head',
      body: { decision: 'accepted', amount: 5_000 },
    });
    expect(yes.body.dispute).toMatchObject({ status: 'accepted', amount: 5_000, resolvedBy: 'head' });
    expectProblem(
      await api.call('POST', `/admin/disputes/${accepted}/resolve`, { as: 'head', body: { decision: 'accepted', amount: 9 } }),
      409,
    );
    const no = await api.call('POST', `/admin/disputes/${rejected}/resolve`, {
      as: 'head',
      body: { decision: 'rejected', reason: 'That deal was in January.' },
    });
    expect(no.status).toBe(200);

    await compute(mar);
    const march = await statementOf(mar, 'anna');
    const line = march.lines.find((l: { id: string }) => l.id === `dispute:${accepted}`);
    expect(line).toMatchObject({ kind: 'adjustment', amount: 5_000, status: 'payable', clientId: 'c1' });
    expect(line.note).toContain(`accepted dispute ${accepted}`);
    expect(march.totals.payable).toBe(1_000 + 5_000);
    // Recomputed, the month pays it once; the closed month it was about is untouched.
    await compute(mar);
    expect((await statementOf(mar, 'anna')).lines.filter((l: { id: string }) => l.id.startsWith('dispute:'))).toHaveLength(1);
    expect(await statementOf(feb, 'anna')).toEqual(febBefore);

    const mine = await api.call('GET', '/disputes', { as: 'anna' });
    expect(
      mine.body.disputes.map((d: { id: string; status: string; paidIn: string | null; rejection: string | null }) => [
        d.id,
        d.status,
        d.paidIn,
        d.rejection,
      ]),
    ).toEqual([
      [accepted, 'accepted', mar, null],
      [rejected, 'rejected', null, 'That deal was in January.'],
    ]);
    expect((await api.call('GET', '/disputes', { as: 'boris' })).body.disputes).toEqual([]);
    const actions = await auditActions();
    expect(actions).toContain('anna open dispute ok');
    expect(actions).toContain('head resolve dispute ok');
  });
});

describe('acknowledging a statement', () => {
  it('is refused for an open month and for a month without my statement; my closed month is signed off once', async () => {
    const open = await api.call('POST', `/statements/${mar}/acknowledge`, { as: 'anna' });
    expectProblem(open, 409);
    expect(open.body.errors[0].path).toBe('month');
    expectProblem(await api.call('POST', `/statements/${apr}/acknowledge`, { as: 'anna' }), 404);
    const first = await api.call('POST', `/statements/${feb}/acknowledge`, { as: 'anna' });
    expect(first.body).toMatchObject({ month: feb, acknowledgedAt: expect.any(String) });
    const again = await api.call('POST', `/statements/${feb}/acknowledge`, { as: 'anna' });
    expect(again.body.acknowledgedAt).toBe(first.body.acknowledgedAt);
    expect(await auditActions()).toContain('anna acknowledge statement ok');
  });

  it('shows the head of sales who acknowledged and who has open disputes', async () => {
    await api.call('POST', `/statements/${feb}/disputes`, {
      as: 'boris',
      body: { lineId: 'normal:d2', reason: 'wrong-rule', text: '10 %?' },
    });
    const view = await api.call('GET', `/admin/bonus/${feb}/statements`, { as: 'head' });
    const by = Object.fromEntries(view.body.statements.map((s: { managerId: string }) => [s.managerId, s]));
    expect(by.anna).toMatchObject({ acknowledgedAt: expect.any(String), openDisputes: 0 });
    expect(by.boris).toMatchObject({ acknowledgedAt: null, openDisputes: 1 });
  });
});

describe('payroll of a closed month', () => {
  it("equals the statements' payable totals to the kopeck, parses with its BOM and ';', and is the same file twice", async () => {
    await close(mar);
    expectProblem(await api.call('GET', `/admin/bonus/${apr}/payroll`, { as: 'head' }), 409);
    expectProblem(await api.call('GET', `/admin/bonus/${mar}/payroll`, { as: 'anna' }), 403);
    expectProblem(await api.call('GET', `/admin/bonus/${mar}/payroll?lines=yes`, { as: 'head' }), 400);
    const file = await api.call('GET', `/admin/bonus/${mar}/payroll`, { as: 'head' });
    expect(file.status).toBe(200);
    expect(file.body.file).toBe(`payroll-${mar}.csv`);
    expect(file.body.csv.startsWith('\uFEFFmonth;manager_id;')).toBe(true);
    const rows = parse(file.body.csv, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.manager_id)).toEqual(['anna']);
    const anna = await statementOf(mar, 'anna');
    expect(rows[0]).toMatchObject({
      name: 'Orlova; Anna "Ann"',
      email: 'anna@example.com',
      accepted_disputes: '1',
      acknowledged: 'no',
      adjustments_rub: '50,00',
    });
    expect(Number(rows[0]!.payable_rub!.replace(',', ''))).toBe(anna.totals.payable);
    expect((await api.call('GET', `/admin/bonus/${mar}/payroll`, { as: 'head' })).body.csv).toBe(file.body.csv);

    const lines = await api.call('GET', `/admin/bonus/${mar}/payroll?lines=true`, { as: 'head' });
    const payable = parse(lines.body.csv, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(payable.map((l) => l.line_id).sort()).toEqual(
      ['normal:d4', `dispute:${(await api.call('GET', '/disputes', { as: 'anna' })).body.disputes[0].id}`].sort(),
    );
    const sum = payable.reduce((n, l) => n + Number(l.amount_rub!.replace(',', '')), 0);
    expect(sum).toBe(anna.totals.payable);
    expect((await auditActions()).filter((a) => a === 'head export payroll ok').length).toBeGreaterThanOrEqual(3);
  });
});

describe('disputes left open', () => {
  it('are flagged to the head of sales once open longer than disputeDays, once', async () => {
    const open = (await api.call('GET', '/admin/disputes?status=open', { as: 'head' })).body.disputes as Array<{
      id: string;
      openedOn: string;
    }>;
    expect(open).toHaveLength(1);
    const later = { day: '2099-01-01', at: '2099-01-01T00:00:00.000Z', days: 10 };
    expect(await flagOverdueDisputes(api.db, later)).toEqual([open[0]!.id]);
    await flagOverdueDisputes(api.db, later);
    const alert = await api.db.collection('adminAlerts').doc(`overdue-dispute_${open[0]!.id}`).get();
    expect(alert.data()).toMatchObject({ type: 'overdue-dispute', managerId: 'boris', month: feb, at: later.at });
    expect(await flagOverdueDisputes(api.db, { ...later, day: open[0]!.openedOn })).toEqual([]);
  });
});
