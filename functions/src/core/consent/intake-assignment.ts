import type { Manager } from '../../schema/manager.ts';
import { receivesClients } from '../roster.ts';
import type { RulesConfig } from '../../schema/rules-config.ts';

export type IntakeRules = RulesConfig['intake'];

/** Who takes a new client from a sign-up; `managerId: null` leaves it in the unassigned base. */
export type IntakeDecision = { managerId: string; nextCounter: number } | { managerId: null; nextCounter: number; why: string };

/**
 * Round robin: the active managers of the configured level (the lowest active level when none is
 * set), in id order, take new clients in turn; `counter` is how many were handed out before, so
 * the choice is deterministic. Fixed: the intake manager, while active. Only those who receive
 * clients on `day` (the company day of the sign-up) take part.
 */
export function chooseIntakeManager(roster: ReadonlyArray<Manager>, rules: IntakeRules, counter: number, day: string): IntakeDecision {
  const active = roster.filter((m) => receivesClients(m, day));
  if (rules.rule === 'fixed') {
    const m = active.find((x) => x.id === rules.managerId);
    return m !== undefined
      ? { managerId: m.id, nextCounter: counter }
      : { managerId: null, nextCounter: counter, why: `the intake manager ${rules.managerId ?? '(none)'} is not an active manager` };
  }
  const level = rules.level ?? Math.min(...active.map((m) => m.level));
  const turn = active.filter((m) => m.level === level).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (turn.length === 0)
    return {
      managerId: null,
      nextCounter: counter,
      why: active.length === 0 ? 'no active managers' : `no active manager of level ${level}`,
    };
  const safe = Number.isSafeInteger(counter) && counter >= 0 ? counter : 0;
  return { managerId: turn[safe % turn.length]!.id, nextCounter: safe + 1 };
}
