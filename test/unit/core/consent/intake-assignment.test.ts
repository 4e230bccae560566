import { describe, expect, it } from 'vitest';
import { chooseIntakeManager } from '../../../../functions/src/core/consent/intake-assignment.ts';
import type { Manager } from '../../../../functions/src/schema/manager.ts';

const m = (id: string, level: number, over: Partial<Manager> = {}): Manager => ({
  id,
  name: id,
  email: `${id}@x.ru`,
  level,
  active: true,
  role: 'manager',
  ...over,
});
const day = '2026-03-02';
const roster = [m('b', 1), m('a', 1), m('c', 2), m('gone', 1, { active: false }), m('boss', 1, { role: 'admin' })];

describe('intake assignment', () => {
  it('hands new clients in turn to the active managers of the lowest level, in id order', () => {
    const rules = { rule: 'round-robin' as const, signupsPerMinutePerIp: 10 };
    let counter = 0;
    const picks: string[] = [];
    for (let i = 0; i < 5; i++) {
      const d = chooseIntakeManager(roster, rules, counter, day);
      picks.push(d.managerId!);
      counter = d.nextCounter;
    }
    expect(picks).toEqual(['a', 'b', 'a', 'b', 'a']);
    expect(counter).toBe(5);
  });

  it('uses the configured level', () => {
    expect(chooseIntakeManager(roster, { rule: 'round-robin', level: 2, signupsPerMinutePerIp: 10 }, 7, day)).toEqual({
      managerId: 'c',
      nextCounter: 8,
    });
  });

  it('leaves the client unassigned when no active manager fits, saying why', () => {
    expect(chooseIntakeManager(roster, { rule: 'round-robin', level: 3, signupsPerMinutePerIp: 10 }, 0, day)).toMatchObject({
      managerId: null,
      why: 'no active manager of level 3',
    });
    expect(chooseIntakeManager([], { rule: 'round-robin', signupsPerMinutePerIp: 10 }, 0, day)).toMatchObject({
      managerId: null,
      why: 'no active managers',
    });
  });

  it('gives every client to the fixed intake manager while active', () => {
    expect(chooseIntakeManager(roster, { rule: 'fixed', managerId: 'c', signupsPerMinutePerIp: 10 }, 3, day)).toEqual({
      managerId: 'c',
      nextCounter: 3,
    });
    expect(chooseIntakeManager(roster, { rule: 'fixed', managerId: 'gone', signupsPerMinutePerIp: 10 }, 3, day)).toMatchObject({
      managerId: null,
    });
  });
});
