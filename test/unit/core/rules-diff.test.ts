import { describe, expect, it } from 'vitest';
import { rulesChanges } from '../../../functions/src/core/rules-diff.ts';
import { rulesRosterProblems } from '../../../functions/src/core/rules-roster-check.ts';
import { rulesConfigSchema } from '../../../functions/src/schema/rules-config.ts';
import type { Manager } from '../../../functions/src/schema/manager.ts';

const rules = (raw: unknown) => rulesConfigSchema.parse(raw);

describe('differences between two rules versions', () => {
  it('names each setting that changed with both values, and nothing else', () => {
    const before = rules({ bonus: { normalRate: 0.05, attractionTiers: [{ minClients: 3, amount: 100_000 }] } });
    const after = rules({
      rotation: { holdMonths: 4 },
      bonus: {
        normalRate: 0.06,
        attractionTiers: [
          { minClients: 3, amount: 150_000 },
          { minClients: 6, amount: 200_000 },
        ],
        campaign: { from: '2026-01-01', to: '2026-03-31' },
      },
    });
    expect(rulesChanges(before, after)).toEqual([
      { path: 'rotation.holdMonths', before: 6, after: 4 },
      { path: 'bonus.normalRate', before: 0.05, after: 0.06 },
      { path: 'bonus.campaign.from', before: null, after: '2026-01-01' },
      { path: 'bonus.campaign.to', before: null, after: '2026-03-31' },
      { path: 'bonus.attractionTiers[0].amount', before: 100_000, after: 150_000 },
      { path: 'bonus.attractionTiers[1].minClients', before: null, after: 6 },
      { path: 'bonus.attractionTiers[1].amount', before: null, after: 200_000 },
    ]);
    expect(rulesChanges(after, after)).toEqual([]);
    expect(rulesChanges(after, before).map((c) => c.path)).toContain('bonus.attractionTiers[1].amount');
  });
});

describe('rules that name people', () => {
  const roster: Manager[] = [
    { id: 'anna', name: 'Anna', email: 'a@x.ru', level: 1, active: true, role: 'manager' },
    { id: 'gone', name: 'Gone', email: 'g@x.ru', level: 2, active: false, role: 'manager' },
  ];
  it('refuses a fixed intake manager who is not an active sales manager, and a level nobody active holds', () => {
    expect(rulesRosterProblems(rules({ intake: { rule: 'fixed', managerId: 'nobody' } }), roster)).toEqual([
      { path: 'rules.intake.managerId', message: 'nobody is not on the roster' },
    ]);
    expect(rulesRosterProblems(rules({ intake: { rule: 'fixed', managerId: 'gone' } }), roster)).toEqual([
      { path: 'rules.intake.managerId', message: 'gone is not an active sales manager' },
    ]);
    expect(rulesRosterProblems(rules({ intake: { level: 2 } }), roster)).toEqual([
      { path: 'rules.intake.level', message: 'no active sales manager has level 2' },
    ]);
    expect(rulesRosterProblems(rules({ intake: { rule: 'fixed', managerId: 'anna' } }), roster)).toEqual([]);
    expect(rulesRosterProblems(rules({}), roster)).toEqual([]);
  });
});
