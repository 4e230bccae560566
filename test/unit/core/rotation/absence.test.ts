import { describe, expect, it } from 'vitest';
import { absenceOn, dayAfterPresentDays, daysAway, isAway, pausedHolding } from '../../../../functions/src/core/rotation/absence.ts';
import { planOffboarding } from '../../../../functions/src/core/rotation/plan-offboarding.ts';
import { planRotation } from '../../../../functions/src/core/rotation/plan-rotation.ts';
import type { RotationClient, RotationManager } from '../../../../functions/src/core/rotation/types.ts';
import { chooseIntakeManager } from '../../../../functions/src/core/consent/intake-assignment.ts';
import { receivesClients } from '../../../../functions/src/core/roster.ts';
import { managerSchema } from '../../../../functions/src/schema/manager.ts';
import { rotationDueOn } from '../../../../functions/src/core/rotation/staleness.ts';
import { rotationRulesSchema, rulesConfigSchema } from '../../../../functions/src/schema/rules-config.ts';

const rules = rotationRulesSchema.parse({});
const leave = (from: string, to: string) => ({ from, to });

describe('days away', () => {
  const leaves = [leave('2027-01-10', '2027-01-24'), leave('2027-01-20', '2027-01-31'), leave('2027-03-01', '2027-03-05')];

  it('is away on both ends of a leave and not the day before or after', () => {
    expect([
      isAway(leaves, '2027-01-09'),
      isAway(leaves, '2027-01-10'),
      isAway(leaves, '2027-01-31'),
      isAway(leaves, '2027-02-01'),
    ]).toEqual([false, true, true, false]);
    expect(absenceOn(leaves, '2027-01-21')).toEqual(leave('2027-01-20', '2027-01-31'));
    expect(isAway(undefined, '2027-01-10')).toBe(false);
  });

  it('counts overlapping leaves once, after the first day up to the last', () => {
    expect(daysAway(leaves, '2027-01-01', '2027-12-31')).toBe(22 + 5);
    expect(daysAway(leaves, '2027-01-10', '2027-01-12')).toBe(2);
    expect(daysAway(leaves, '2027-02-01', '2027-02-28')).toBe(0);
    expect(daysAway(leaves, '2027-03-05', '2027-03-01')).toBe(0);
  });

  it('moves a deadline falling in a leave past it by the days of the leave', () => {
    // 14 days from 1 Jan would be 15 Jan, inside the leave: the 15 days away (10–24 Jan) are added.
    expect(dayAfterPresentDays([leave('2027-01-10', '2027-01-24')], '2027-01-01', 14)).toBe('2027-01-30');
    // A second leave reached by the moved deadline moves it again.
    expect(dayAfterPresentDays([leave('2027-01-10', '2027-01-24'), leave('2027-01-28', '2027-01-29')], '2027-01-01', 14)).toBe(
      '2027-02-01',
    );
    expect(dayAfterPresentDays([leave('2027-02-10', '2027-02-24')], '2027-01-01', 14)).toBe('2027-01-15');
    expect(dayAfterPresentDays(undefined, '2027-01-01', 14)).toBe('2027-01-15');
  });

  it('pauses the holding clock: assignment and last deal seem later by the days away since', () => {
    const client = { assignedAt: '2026-06-01T09:00:00.000Z', dealsSinceAssignment: 1, lastDealAt: '2026-08-01' };
    expect(pausedHolding(client, [leave('2026-07-01', '2026-08-30')], '2026-12-01')).toEqual({
      assignedAt: '2026-08-01',
      dealsSinceAssignment: 1,
      lastDealAt: '2026-08-30',
    });
    expect(pausedHolding(client, undefined, '2026-12-01')).toBe(client);
  });

  it('a manager away that day receives no clients', () => {
    const m = { active: true, absences: [leave('2027-01-10', '2027-01-24')] };
    expect([receivesClients(m, '2027-01-09'), receivesClients(m, '2027-01-10'), receivesClients(m)]).toEqual([true, false, true]);
  });
});

describe('a roster entry with absences', () => {
  const entry = { id: 'a', name: 'A', email: 'a@x.ru', level: 1, active: true };
  const issues = (absences: unknown) => {
    const r = managerSchema.safeParse({ ...entry, absences });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('takes up to 50 leaves of real days, from not after to', () => {
    expect(issues([leave('2027-01-10', '2027-01-10')])).toEqual([]);
    expect(issues(Array.from({ length: 50 }, () => leave('2027-01-10', '2027-01-11')))).toEqual([]);
  });

  it('refuses a leave ending before it starts, an impossible day, a 51st leave, an unknown key', () => {
    expect(issues([leave('2027-01-10', '2027-01-11'), leave('2027-01-10', '2027-01-09')])).toEqual([
      'absences.1.to: must not be before from',
    ]);
    expect(issues([leave('2027-02-30', '2027-03-01')])[0]).toMatch(/^absences\.0\.from: /);
    expect(issues([{ from: '2027-01-10' }])[0]).toMatch(/^absences\.0\.to: /);
    expect(issues(Array.from({ length: 51 }, () => leave('2027-01-10', '2027-01-11')))).toEqual(['absences: at most 50 absences']);
    expect(issues([{ ...leave('2027-01-10', '2027-01-11'), why: 'x' }])[0]).toMatch(/^absences\.0/);
  });
});

const at = '2026-12-01';
const mgr = (id: string, extra: Partial<RotationManager> = {}): RotationManager => ({ id, level: 1, active: true, ...extra });
const stale = (id: string, managerId: string, extra: Partial<RotationClient> = {}): RotationClient => ({
  id,
  managerId,
  assignedAt: '2026-01-10',
  dealsSinceAssignment: 0,
  lastDealAt: null,
  version: 1,
  ...extra,
});

describe('rotation with someone away', () => {
  const staleOf = (m: string, n: number) => Array.from({ length: n }, (_, i) => stale(`${m}-${i}`, m));

  it('the manager away on the run day neither gives nor receives; the others stay even', () => {
    const managers = [mgr('a'), mgr('b'), mgr('c', { absences: [leave('2026-11-20', '2026-12-10')] })];
    const p = planRotation({ managers, candidates: [...staleOf('a', 2), ...staleOf('b', 2), ...staleOf('c', 3)], rules, at, seq: 2 });
    expect(p.moves.some((mv) => mv.from === 'c' || mv.to === 'c')).toBe(false);
    expect(p.balance).toEqual([
      { managerId: 'a', given: 2, received: 2 },
      { managerId: 'b', given: 2, received: 2 },
    ]);
    expect(p.unbalanced).toEqual([]);
    expect(p.away).toEqual([{ managerId: 'c', awayUntil: '2026-12-10', kept: 3, paused: 0, deadlinesMoved: 0 }]);
  });

  it('a client held through two months of leave is not stale because of it', () => {
    // Assigned 1 May; 6 months on 1 Nov, but 61 days away in Aug–Sep: stale only from 1 Jan.
    const managers = [mgr('a', { absences: [leave('2026-08-01', '2026-09-30')] }), mgr('b')];
    const p = planRotation({
      managers,
      candidates: [stale('held', 'a', { assignedAt: '2026-05-01' }), stale('b1', 'b', { assignedAt: '2026-05-01' })],
      rules,
      at,
      seq: 2,
    });
    expect(p.moves.map((mv) => mv.clientId)).toEqual(['b1']);
    expect(p.away).toEqual([{ managerId: 'a', awayUntil: null, kept: 0, paused: 1, deadlinesMoved: 0 }]);
  });

  it("a receiver's report deadline falling in a planned leave moves past it", () => {
    const managers = [mgr('a', { absences: [leave('2026-12-05', '2027-01-31')] }), mgr('b')];
    const p = planRotation({ managers, candidates: [stale('x', 'a'), stale('y', 'b')], rules, at, seq: 2 });
    const due = Object.fromEntries(p.moves.map((mv) => [mv.to, mv.reportDue]));
    expect(due.b).toBe(dayAfterPresentDays(undefined, at, rules.reportDays));
    // 14 days from 1 Dec: 3 present days (2–4 Dec), 58 away, then the 11 left.
    expect(due.a).toBe('2027-02-11');
    expect(p.away).toEqual([{ managerId: 'a', awayUntil: null, kept: 0, paused: 0, deadlinesMoved: 1 }]);
  });

  it('an offboarding hands nothing to a colleague away that day', () => {
    const managers = [mgr('leaver', { active: false }), mgr('a'), mgr('b', { absences: [leave(at, at)] })];
    const clients = Array.from({ length: 4 }, (_, i) => stale(`l${i}`, 'leaver'));
    const p = planOffboarding({ managers, leaverId: 'leaver', clients, rules, at, seq: 2 });
    expect(p.moves.map((mv) => mv.to)).toEqual(['a', 'a', 'a', 'a']);
    expect(p.away).toEqual([{ managerId: 'b', awayUntil: at, kept: 0, paused: 0, deadlinesMoved: 0 }]);
  });
});

describe("the sheet's rotation due day with leaves", () => {
  const client = { assignedAt: '2026-05-01', dealsSinceAssignment: 0, lastDealAt: null };

  it('moves later by the days away, past and planned, and the planner agrees on that very day', () => {
    expect(rotationDueOn(client, rules)).toBe('2026-11-01');
    const leaves = [leave('2026-08-01', '2026-09-30'), leave('2026-12-20', '2027-01-05')];
    // 61 days of summer leave: 1 Jan, which falls in the winter leave: its 17 days are added too.
    const due = rotationDueOn(client, rules, leaves);
    expect(due).toBe('2027-01-18');
    const managers = [mgr('a', { absences: leaves }), mgr('b')];
    const planOn = (day: string) =>
      planRotation({ managers, candidates: [stale('x', 'a', client), stale('y', 'b')], rules, at: day, seq: 2 }).moves.map(
        (m) => m.clientId,
      );
    expect(planOn('2027-01-17')).not.toContain('x');
    expect(planOn('2027-01-18')).toContain('x');
  });
});

describe('round-robin intake with someone away', () => {
  const intake = rulesConfigSchema.parse({}).intake;
  const roster = ['a', 'b', 'c'].map((id) => ({
    id,
    name: id,
    email: `${id}@x.ru`,
    level: 1,
    active: true,
    role: 'manager' as const,
    ...(id === 'b' ? { absences: [leave('2027-01-10', '2027-01-20')] } : {}),
  }));
  const handOut = (days: string[], start: number) => {
    let counter = start;
    return days.map((day) => {
      const d = chooseIntakeManager(roster, { ...intake, rule: 'round-robin' }, counter, day);
      counter = d.nextCounter;
      return d.managerId;
    });
  };

  it('skips the absent one and gives them no catch-up burst on return', () => {
    const during = handOut(Array(10).fill('2027-01-15'), 7);
    expect(during.filter((id) => id === 'b')).toEqual([]);
    expect(during.filter((id) => id === 'a').length).toBe(5);
    const after = handOut(Array(9).fill('2027-01-21'), 17);
    expect(['a', 'b', 'c'].map((id) => after.filter((x) => x === id).length)).toEqual([3, 3, 3]);
  });
});
