import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planOffboarding } from '../../../../functions/src/core/rotation/plan-offboarding.ts';
import { recentHolders } from '../../../../functions/src/core/rotation/no-boomerang.ts';
import { planRotation } from '../../../../functions/src/core/rotation/plan-rotation.ts';
import { staleCutoffs, staleReason } from '../../../../functions/src/core/rotation/staleness.ts';
import type { RotationClient, RotationManager } from '../../../../functions/src/core/rotation/types.ts';
import { rotationRulesSchema } from '../../../../functions/src/schema/rules-config.ts';

const at = '2026-12-01';
const seq = 6;
const day = (offset: number) => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

type Company = { managers: RotationManager[]; clients: RotationClient[]; unassigned: RotationClient[]; noReturnRotations: number };

const companyArb: fc.Arbitrary<Company> = fc
  .record({
    managers: fc.array(
      fc.record({
        level: fc.integer({ min: 1, max: 3 }),
        active: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
        admin: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    clients: fc.array(
      fc.record({
        holder: fc.integer({ min: 0, max: 8 }),
        large: fc.boolean(),
        assigned: fc.integer({ min: 0, max: 1060 }),
        deals: fc.integer({ min: 0, max: 2 }),
        lastDeal: fc.integer({ min: 0, max: 1060 }),
        lost: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
        pinned: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
        former: fc.array(
          fc.record({ holder: fc.integer({ min: 0, max: 7 }), seq: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }) }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 40 },
    ),
    unassigned: fc.array(fc.record({ lost: fc.boolean(), former: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }) }), {
      maxLength: 10,
    }),
    noReturnRotations: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ managers, clients, unassigned, noReturnRotations }) => {
    const ms: RotationManager[] = managers.map((m, i) => ({
      id: `m${i}`,
      level: m.level,
      active: m.active,
      role: m.admin ? 'admin' : 'manager',
    }));
    const cs: RotationClient[] = clients.map((c, i) => ({
      id: `c${String(i).padStart(3, '0')}`,
      managerId: `m${c.holder}`,
      size: c.large ? 'large' : 'regular',
      assignedAt: day(c.assigned),
      dealsSinceAssignment: c.deals,
      lastDealAt: c.deals > 0 ? day(Math.max(c.assigned, c.lastDeal)) : null,
      ...(c.lost ? { lostAt: day(0) } : {}),
      ...(c.pinned ? { pinned: true } : {}),
      formerHolders: c.former.map((f) => ({
        managerId: `m${f.holder}`,
        until: day(0),
        ...(f.seq !== undefined ? { rotationSeq: f.seq } : {}),
      })),
      version: i + 1,
    }));
    const us: RotationClient[] = unassigned.map((u, i) => ({
      id: `u${String(i).padStart(3, '0')}`,
      managerId: null,
      dealsSinceAssignment: 0,
      lastDealAt: null,
      ...(u.lost ? { lostAt: day(0) } : {}),
      ...(u.former !== undefined ? { formerHolders: [{ managerId: `m${u.former}`, until: day(0), rotationSeq: seq - 1 }] } : {}),
      version: 1,
    }));
    return { managers: ms, clients: cs, unassigned: us, noReturnRotations };
  });

const rulesFor = (noReturnRotations: number) => rotationRulesSchema.parse({ noReturnRotations });

describe('rotation plan invariants on random companies', () => {
  it('moves only to active managers of the same level, or higher for a large client', () => {
    fc.assert(
      fc.property(companyArb, ({ managers, clients, unassigned, noReturnRotations }) => {
        const byId = new Map(managers.map((m) => [m.id, m]));
        const clientById = new Map([...clients, ...unassigned].map((c) => [c.id, c]));
        const plan = planRotation({ managers, candidates: clients, unassigned, rules: rulesFor(noReturnRotations), at, seq });
        for (const move of plan.moves) {
          const to = byId.get(move.to)!;
          expect(to.active && to.role !== 'admin').toBe(true);
          if (move.from === null) continue;
          const from = byId.get(move.from)!;
          if (clientById.get(move.clientId)!.size === 'large') expect(to.level).toBeGreaterThanOrEqual(from.level);
          else expect(to.level).toBe(from.level);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never sends a client back to a recent holder', () => {
    fc.assert(
      fc.property(companyArb, ({ managers, clients, unassigned, noReturnRotations }) => {
        const clientById = new Map([...clients, ...unassigned].map((c) => [c.id, c]));
        const plan = planRotation({ managers, candidates: clients, unassigned, rules: rulesFor(noReturnRotations), at, seq });
        for (const move of plan.moves) expect(recentHolders(clientById.get(move.clientId)!, seq, noReturnRotations)).not.toContain(move.to);
      }),
      { numRuns: 300 },
    );
  });

  it('moves nothing twice, never a pinned or lost client, and accounts for every stale candidate', () => {
    fc.assert(
      fc.property(companyArb, ({ managers, clients, unassigned, noReturnRotations }) => {
        const plan = planRotation({ managers, candidates: clients, unassigned, rules: rulesFor(noReturnRotations), at, seq });
        const moved = plan.moves.map((m) => m.clientId);
        expect(new Set(moved).size).toBe(moved.length);
        const skipped = new Set(plan.skipped.map((s) => s.clientId));
        for (const id of moved) expect(skipped.has(id)).toBe(false);
        const cutoffs = staleCutoffs(at, rulesFor(noReturnRotations));
        for (const c of clients) {
          const wasMoved = moved.includes(c.id);
          if (c.pinned || c.lostAt !== undefined) expect(wasMoved).toBe(false);
          else if (staleReason(c, cutoffs) !== undefined) expect(wasMoved || skipped.has(c.id)).toBe(true);
          else expect(wasMoved).toBe(false);
        }
        for (const u of unassigned) if (u.lostAt !== undefined) expect(moved).not.toContain(u.id);
      }),
      { numRuns: 300 },
    );
  });

  it('reports every manager whose received differs from given, and balance matches the moves', () => {
    fc.assert(
      fc.property(companyArb, ({ managers, clients, unassigned, noReturnRotations }) => {
        const plan = planRotation({ managers, candidates: clients, unassigned, rules: rulesFor(noReturnRotations), at, seq });
        const unbalanced = new Set(plan.unbalanced.map((u) => u.managerId));
        for (const b of plan.balance) {
          expect(b.given).toBe(plan.moves.filter((m) => m.from === b.managerId).length);
          expect(b.received).toBe(plan.moves.filter((m) => m.to === b.managerId).length);
          if (!unbalanced.has(b.managerId)) expect(b.received).toBe(b.given);
          else expect(b.received).not.toBe(b.given);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('balances every manager exactly when a single level can balance', () => {
    const arb = fc
      .array(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 9 })
      .filter((gives) => 2 * Math.max(...gives) <= gives.reduce((s, g) => s + g, 0));
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 400 }), (gives, dateOffset) => {
        const managers = gives.map((_, i) => ({ id: `m${i}`, level: 1, active: true }));
        const clients = gives.flatMap((g, i) =>
          Array.from({ length: g }, (_, k) => ({
            id: `m${i}-c${k}`,
            managerId: `m${i}`,
            assignedAt: '2020-01-01',
            dealsSinceAssignment: 0,
            lastDealAt: null,
            version: 1,
          })),
        );
        const plan = planRotation({ managers, candidates: clients, rules: rulesFor(2), at: day(900 + dateOffset), seq: 1 });
        expect(plan.unbalanced).toEqual([]);
        expect(plan.moves.length).toBe(clients.length);
      }),
      { numRuns: 500 },
    );
  });

  it('plans the same for the same input in any order', () => {
    fc.assert(
      fc.property(companyArb, fc.integer(), ({ managers, clients, unassigned, noReturnRotations }, salt) => {
        const shuffle = <T>(xs: T[]) =>
          xs
            .map((x, i) => [x, (i * 7919 + salt) % 104729] as const)
            .sort((a, b) => a[1] - b[1])
            .map(([x]) => x);
        const a = planRotation({ managers, candidates: clients, unassigned, rules: rulesFor(noReturnRotations), at, seq });
        const b = planRotation({
          managers: shuffle(managers),
          candidates: shuffle(clients),
          unassigned: shuffle(unassigned),
          rules: rulesFor(noReturnRotations),
          at,
          seq,
        });
        expect(b).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });
});

describe('offboarding invariants on random companies', () => {
  it('hands every client of the leaver, lost ones included, to an active colleague, once, evenly within a level', () => {
    fc.assert(
      fc.property(companyArb, fc.integer({ min: 0, max: 7 }), ({ managers, clients, noReturnRotations }, leaverIndex) => {
        fc.pre(leaverIndex < managers.length);
        const leaver = managers[leaverIndex]!;
        const plan = planOffboarding({ managers, leaverId: leaver.id, clients, rules: rulesFor(noReturnRotations), at, seq });
        const theirs = clients.filter((c) => c.managerId === leaver.id).map((c) => c.id);
        const moved = plan.moves.map((m) => m.clientId);
        expect(new Set(moved).size).toBe(moved.length);
        expect([...moved, ...plan.skipped.map((s) => s.clientId)].sort()).toEqual(theirs.sort());
        const receivers = managers.filter((m) => m.active && m.role !== 'admin' && m.id !== leaver.id);
        if (receivers.length > 0) expect(plan.skipped).toEqual([]);
        const byId = new Map(managers.map((m) => [m.id, m]));
        for (const m of plan.moves) {
          const to = byId.get(m.to)!;
          expect(to.active && to.role !== 'admin' && to.id !== leaver.id).toBe(true);
          expect(m.reason).toBe('offboarding');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('spreads regular clients so that same-level colleagues differ by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 40 }), (colleagues, count) => {
        const managers = [
          { id: 'leaver', level: 2, active: false },
          ...Array.from({ length: colleagues }, (_, i) => ({ id: `m${i}`, level: 2, active: true })),
        ];
        const clients = Array.from({ length: count }, (_, i) => ({
          id: `c${i}`,
          managerId: 'leaver',
          dealsSinceAssignment: 1,
          lastDealAt: '2026-11-01',
          version: 1,
        }));
        const plan = planOffboarding({ managers, leaverId: 'leaver', clients, rules: rulesFor(2), at, seq: 1 });
        const counts = managers.slice(1).map((m) => plan.moves.filter((x) => x.to === m.id).length);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
