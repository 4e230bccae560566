import { describe, expect, it } from 'vitest';
import { clientSchema, defaultRulesConfig, isoDateSchema, managerSchema, rulesConfigSchema } from '../../../functions/src/schema/index.ts';
import { issuesFromZod } from '../../../functions/src/errors.ts';

describe('schemas', () => {
  it('fills every rules setting with the defaults of MISSION.md', () => {
    const rules = defaultRulesConfig();
    expect(rules.rotation).toMatchObject({ holdMonths: 6, noDealMonths: 12, noReturnRotations: 2, reportDays: 14 });
    expect(rules.bonus).toMatchObject({ base: 'profit', normalRate: 0.05, newClientMultiplier: 2, retentionMonths: 3 });
    expect(rulesConfigSchema.parse({ bonus: { normalRate: 0.07 } }).bonus.newClientMultiplier).toBe(2);
  });

  it('refuses a multiplier outside 2..3 and unknown keys, naming the field', () => {
    const r = rulesConfigSchema.safeParse({ bonus: { newClientMultiplier: 4 }, rotation: { holdMonth: 3 } });
    expect(r.success).toBe(false);
    const paths = issuesFromZod(r.error!, 'config').map((i) => i.path);
    expect(paths).toContain('config.bonus.newClientMultiplier');
    expect(paths).toContain('config.rotation');
  });

  it('requires assignedAt for an assigned client and a real date', () => {
    const r = clientSchema.safeParse({ id: 'c1', name: 'A', kind: 'person', managerId: 'm1' });
    expect(r.success).toBe(false);
    expect(issuesFromZod(r.error!, 'clients[3]')).toContainEqual({ path: 'clients[3].assignedAt', message: 'is required when the client has a manager' });
    expect(isoDateSchema.safeParse('2025-02-30').success).toBe(false);
    expect(isoDateSchema.parse('2025-02-28')).toBe('2025-02-28');
    expect(isoDateSchema.parse('2025-02-28T10:00:00+03:00')).toBe('2025-02-28T07:00:00.000Z');
  });

  it('reads a manager with a lower-cased e-mail and a level of at least 1', () => {
    expect(managerSchema.parse({ id: 'm1', name: 'Anna', email: 'Anna@Co.RU', level: 2, active: true })).toMatchObject({ email: 'anna@co.ru', role: 'manager' });
    expect(managerSchema.safeParse({ id: 'm1', name: 'Anna', email: 'a@co.ru', level: 0, active: true }).success).toBe(false);
  });
});
