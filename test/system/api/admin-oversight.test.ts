import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDay, addMonthsToMonth, companyMonth, companyToday } from '../../../functions/src/core/calendar.ts';
import { allDocumentPaths } from '../../support/firestore.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

// The head of sales' reading routes: rules history with what differs from the rules in force,
// overdue handover reports by manager, a month's statements side by side, client names for plans,
// and the dashboard counted by Firestore's aggregation queries.
let api: Api;
const zone = 'America/New_York';
const today = companyToday(zone);
const thisMonth = today.slice(0, 7);
const lastMonth = addMonthsToMonth(thisMonth, -1);

beforeAll(async () => {
  api = await startApi('api-oversight');
  await api.addManager({ id: 'anna', name: 'Anna Orlova' });
  await api.addManager({ id: 'boris', name: 'Boris Petrov', level: 2 });
  await api.addManager({ id: 'gone', name: 'Gone Away', active: false, deactivatedAt: '2025-01-01' });
  await api.addManager({ id: 'head', name: 'Olga Head', role: 'admin', level: 9 });
});
afterAll(() => api.close());

describe('the admin oversight routes', () => {
  it('are refused to a manager with 403 admin-only, each refusal audited, nothing else written', async () => {
    const before = (await allDocumentPaths(api.db)).filter((p) => !p.startsWith('audit/'));
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/admin/rules/versions'],
      ['GET', '/admin/rules/versions/0'],
      ['GET', '/admin/overdue-reports'],
      ['GET', `/admin/bonus/${lastMonth}/statements`],
      ['POST', '/admin/clients/names', { ids: ['x'] }],
      ['GET', '/admin/dashboard'],
    ];
    for (const [method, path, body] of calls) {
      const answer = await api.call(method, path, { as: 'anna', ...(body !== undefined ? { body } : {}) });
      expectProblem(answer, 403);
      expect(answer.body.reason).toBe('admin-only');
    }
    expect((await allDocumentPaths(api.db)).filter((p) => !p.startsWith('audit/'))).toEqual(before);
    const refused = (await api.db.collection('audit').where('actor', '==', 'anna').get()).docs.map((d) => d.data());
    expect(
      refused
        .filter((a) => a.outcome === 'refused' && a.details.reason === 'role')
        .map((a) => a.action)
        .sort(),
    ).toEqual(calls.map(([m, p]) => `${m} ${p}`).sort());
  });

  it('keeps the rules history: who published each version, and what differs from the rules in force', async () => {
    expect(
      (
        await api.call('PUT', '/admin/rules', {
          as: 'head',
          body: { rules: { timeZone: zone, bonus: { normalRate: 0.05 } }, expectedVersion: 0 },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api.call('PUT', '/admin/rules', {
          as: 'head',
          body: { rules: { timeZone: zone, bonus: { normalRate: 0.06 }, rotation: { holdMonths: 4 } }, expectedVersion: 1 },
        })
      ).status,
    ).toBe(200);
    const history = await api.call('GET', '/admin/rules/versions', { as: 'head' });
    expect(history.status).toBe(200);
    expect(history.body.currentVersion).toBe(2);
    expect(history.body.versions.map((v: { version: number; publishedByName: string }) => [v.version, v.publishedByName])).toEqual([
      [2, 'Olga Head'],
      [1, 'Olga Head'],
    ]);
    expect(history.body.versions[0].changes).toEqual([]);
    expect(history.body.versions[1].changes).toEqual([
      { path: 'rotation.holdMonths', before: 6, after: 4 },
      { path: 'bonus.normalRate', before: 0.05, after: 0.06 },
    ]);
    const page = await api.call('GET', '/admin/rules/versions?limit=1', { as: 'head' });
    expect(page.body.versions.map((v: { version: number }) => v.version)).toEqual([2]);
    const next = await api.call('GET', `/admin/rules/versions?limit=1&cursor=${page.body.nextCursor}`, { as: 'head' });
    expect(next.body.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(next.body.nextCursor).toBeNull();
    expectProblem(await api.call('GET', '/admin/rules/versions?cursor=abc', { as: 'head' }), 400);

    const one = await api.call('GET', '/admin/rules/versions/1', { as: 'head' });
    expect(one.body).toMatchObject({ rules: { version: 1, publishedBy: 'head' }, current: { version: 2 } });
    expect(one.body.changes).toHaveLength(2);
    const defaults = await api.call('GET', '/admin/rules/versions/0', { as: 'head' });
    expect(defaults.body.changes.map((c: { path: string }) => c.path)).toEqual(['timeZone', 'rotation.holdMonths', 'bonus.normalRate']);
    expectProblem(await api.call('GET', '/admin/rules/versions/9', { as: 'head' }), 404);
    expectProblem(await api.call('GET', '/admin/rules/versions/two', { as: 'head' }), 400);
  });

  it('refuses rules that name a manager who cannot take sign-ups, keeping the version in force', async () => {
    const refused = await api.call('PUT', '/admin/rules', {
      as: 'head',
      body: { rules: { timeZone: zone, intake: { rule: 'fixed', managerId: 'gone' } }, expectedVersion: 2 },
    });
    expectProblem(refused, 400);
    expect(refused.body.errors).toEqual([{ path: 'rules.intake.managerId', message: 'gone is not an active sales manager' }]);
    expect((await api.call('GET', '/admin/rules', { as: 'head' })).body.version).toBe(2);
  });

  it('changes a roster entry on the version it was read at, and refuses one changed meanwhile', async () => {
    const roster = (await api.call('GET', '/admin/managers', { as: 'head' })).body.managers;
    const anna = roster.find((m: { id: string }) => m.id === 'anna');
    expect(anna.version).toBe(0);
    const changed = await api.call('PATCH', '/admin/managers/anna', { as: 'head', body: { level: 2, expectedVersion: 0 } });
    expect(changed.body.manager).toMatchObject({ id: 'anna', level: 2, version: 1 });
    const stale = await api.call('PATCH', '/admin/managers/anna', { as: 'head', body: { name: 'Anna O.', expectedVersion: 0 } });
    expectProblem(stale, 409);
    expect(stale.body.current).toMatchObject({ id: 'anna', name: 'Anna Orlova', level: 2, version: 1 });
    expectProblem(await api.call('PATCH', '/admin/managers/anna', { as: 'head', body: { expectedVersion: 1 } }), 400);
    expect(
      (await api.call('PATCH', '/admin/managers/anna', { as: 'head', body: { level: 1, expectedVersion: 1 } })).body.manager.version,
    ).toBe(2);
  });

  it('lists open handover reports past their day by manager, with names and days overdue', async () => {
    const task = (id: string, managerId: string, dueDate: string, status = 'open') =>
      api.db
        .collection('tasks')
        .doc(id)
        .set({
          id,
          runId: 'r',
          clientId: `client-${id}`,
          managerId,
          from: 'boris',
          reason: 'no-deal-since-assignment',
          dueDate,
          status,
          overdue: false,
          createdAt: '2025-01-01T00:00:00.000Z',
        });
    await api.db.collection('clients').doc('client-t1').set({ id: 'client-t1', name: 'Overdue One', managerId: 'anna' });
    await Promise.all([
      task('t1', 'anna', addDaysToDay(today, -3)),
      task('t2', 'anna', addDaysToDay(today, -1)),
      task('t3', 'boris', addDaysToDay(today, -10)),
      task('t4', 'anna', today),
      task('t5', 'anna', addDaysToDay(today, -5), 'closed'),
    ]);
    const report = await api.call('GET', '/admin/overdue-reports', { as: 'head' });
    expect(report.status).toBe(200);
    expect(report.body.asOf).toBe(today);
    expect(report.body.byManager).toEqual([
      { managerId: 'anna', name: 'Anna Orlova', count: 2, oldestDueDate: addDaysToDay(today, -3) },
      { managerId: 'boris', name: 'Boris Petrov', count: 1, oldestDueDate: addDaysToDay(today, -10) },
    ]);
    expect(report.body.tasks.map((t: { id: string; daysOverdue: number }) => [t.id, t.daysOverdue])).toEqual([
      ['t1', 3],
      ['t2', 1],
      ['t3', 10],
    ]);
    expect(report.body.tasks[0]).toMatchObject({ clientName: 'Overdue One', managerName: 'Anna Orlova', fromName: 'Boris Petrov' });
    expect(report.body.tasks[1].clientName).toBeNull();
  });

  it("names clients by id for the admin's sheets, leaving out ids that are not clients", async () => {
    const names = await api.call('POST', '/admin/clients/names', { as: 'head', body: { ids: ['client-t1', 'nope', 'client-t1'] } });
    expect(names.body.clients).toEqual([{ id: 'client-t1', name: 'Overdue One', managerId: 'anna' }]);
    expectProblem(await api.call('POST', '/admin/clients/names', { as: 'head', body: { ids: ['a/b'] } }), 400);
    expectProblem(await api.call('POST', '/admin/clients/names', { as: 'head', body: { ids: [] } }), 400);
  });

  it("puts a month's statements side by side with their totals, and says when it was closed", async () => {
    expectProblem(await api.call('GET', `/admin/bonus/${lastMonth}/statements`, { as: 'head' }), 404);
    for (const [id, manager, profit] of [
      ['s1', 'anna', 40_000],
      ['s2', 'boris', 90_000],
    ] as const) {
      expect(
        (
          await api.call('POST', '/clients', {
            as: manager,
            body: { id, name: `Buyer ${id}`, kind: 'company', phones: [`+7916555000${id.slice(1)}`] },
          })
        ).status,
      ).toBe(201);
      expect(
        // Dated before the client came to the base: history the head of sales records for the manager.
        (
          await api.call('POST', `/clients/${id}/deals`, {
            as: 'head',
            body: { date: `${lastMonth}-10`, amount: 100_000, profit, managerId: manager },
          })
        ).status,
      ).toBe(201);
    }
    await api.awaitJob(await api.call('POST', `/admin/bonus/${lastMonth}/compute`, { as: 'head' }));
    const open = await api.call('GET', `/admin/bonus/${lastMonth}/statements`, { as: 'head' });
    expect(open.body).toMatchObject({ month: lastMonth, closed: false, closedAt: null, computedBy: 'head', rulesVersion: 2 });
    expect(open.body.statements.map((s: { managerId: string; name: string }) => [s.managerId, s.name])).toEqual([
      ['anna', 'Anna Orlova'],
      ['boris', 'Boris Petrov'],
    ]);
    const anna = (await api.call('GET', `/statements/${lastMonth}?managerId=anna`, { as: 'head' })).body.statement;
    expect(open.body.statements[0]).toMatchObject({ totals: anna.totals, lines: anna.lines.length, adjustments: 0 });
    expect(open.body.totals.payable).toBe(
      open.body.statements.reduce((n: number, s: { totals: { payable: number } }) => n + s.totals.payable, 0),
    );
    expect((await api.call('POST', `/admin/bonus/${lastMonth}/close`, { as: 'head' })).status).toBe(200);
    const closed = await api.call('GET', `/admin/bonus/${lastMonth}/statements`, { as: 'head' });
    expect(closed.body).toMatchObject({ closed: true, closedBy: 'head', closedAt: expect.any(String) });
  });

  it('counts the dashboard with aggregation queries: the same numbers as reading everything', async () => {
    // New clients in the company's months, their first deals as bare days and as instants on the
    // edges of the month in New York (an instant just after midnight UTC on the 1st is still last month there).
    const firstOfThis = `${thisMonth}-01`;
    const fresh: Array<[string, string, string | null]> = [
      ['n1', 'anna', firstOfThis],
      ['n2', 'anna', `${firstOfThis}T02:00:00.000Z`],
      ['n3', 'boris', `${lastMonth}-15`],
      ['n4', 'anna', `${addMonthsToMonth(thisMonth, -13)}-15`],
      ['n5', 'gone', `${lastMonth}-02`],
    ];
    // Some of them marked lost by a manager, in one month or another.
    const marks: Record<string, { by: string; month: string }> = {
      n1: { by: 'anna', month: thisMonth },
      n3: { by: 'boris', month: lastMonth },
      n5: { by: 'gone', month: lastMonth },
    };
    for (const [id, by, firstDealAt] of fresh) {
      await api.db
        .collection('clients')
        .doc(id)
        .set({
          id,
          name: id,
          kind: 'person',
          managerId: by === 'gone' ? null : by,
          attractedBy: by,
          firstDealAt,
          version: 1,
          ...(marks[id] ? { lostAt: today, lostMark: marks[id] } : {}),
        });
    }
    await api.db
      .collection('rotationRuns')
      .doc(`rotation-${lastMonth}-01`)
      .set({ runId: 'x', kind: 'rotation', at: `${lastMonth}-01`, status: 'done', counts: { planned: 4, moved: 3, skipped: 1 } });
    await api.db
      .collection('rotationRuns')
      .doc(`offboarding-gone-${lastMonth}-20`)
      .set({ runId: 'y', kind: 'offboarding', at: `${lastMonth}-20`, status: 'done', counts: { planned: 5, moved: 5, skipped: 0 } });
    const answer = await api.call('GET', '/admin/dashboard?months=13', { as: 'head' });
    expect(answer.status).toBe(200);
    const d = answer.body;
    expect(d.months).toHaveLength(13);
    expect(d.months.at(-1)).toBe(thisMonth);
    expect(d.managers.map((m: { id: string }) => m.id)).toEqual(['boris', 'anna', 'gone']);

    // The same numbers read the long way: every document, in memory.
    const all = (await api.db.collection('clients').get()).docs.map((s) => s.data());
    const held = (id: string) => all.filter((c) => c.managerId === id).length;
    expect(d.clients).toEqual([
      { managerId: 'boris', level: 2, count: held('boris') },
      { managerId: 'anna', level: 1, count: held('anna') },
      { managerId: 'gone', level: 1, count: 0 },
    ]);
    expect(d.unassigned).toBe(all.filter((c) => c.managerId === null).length);
    for (const row of d.attracted) {
      for (const m of ['anna', 'boris', 'gone']) {
        const expected = all.filter(
          (c) => c.attractedBy === m && typeof c.firstDealAt === 'string' && companyMonth(c.firstDealAt, zone) === row.month,
        ).length;
        expect(row.byManager[m], `${m} ${row.month}`).toBe(expected);
      }
    }
    expect(d.attracted.find((r: { month: string }) => r.month === thisMonth).byManager.anna).toBe(1);
    for (const row of d.lostMarked) {
      for (const m of ['anna', 'boris', 'gone']) {
        const expected = all.filter((c) => c.lostMark?.by === m && c.lostMark.month === row.month).length;
        expect(row.byManager[m], `${m} ${row.month}`).toBe(expected);
      }
    }
    expect(d.lostMarked.find((r: { month: string }) => r.month === lastMonth)).toEqual({
      month: lastMonth,
      byManager: { boris: 1, anna: 0, gone: 1 },
      total: 2,
    });
    expect(d.moves.find((r: { month: string }) => r.month === lastMonth)).toEqual({ month: lastMonth, rotation: 3, offboarding: 5 });
    const statements = (await api.db.collection('statements').where('month', '==', lastMonth).get()).docs.map((s) => s.get('totals'));
    expect(d.bonuses.find((r: { month: string }) => r.month === lastMonth)).toEqual({
      month: lastMonth,
      payable: statements.reduce((n, t) => n + t.payable, 0),
      pending: statements.reduce((n, t) => n + t.pending, 0),
      cancelled: statements.reduce((n, t) => n + t.cancelled, 0),
    });
    expect(d.overdue).toEqual([
      { managerId: 'boris', count: 1 },
      { managerId: 'anna', count: 2 },
      { managerId: 'gone', count: 0 },
    ]);
    expectProblem(await api.call('GET', '/admin/dashboard?months=40', { as: 'head' }), 400);
  });
});
