import type { BonusRules } from '../../schema/rules-config.ts';
import { compareRate, halveRate, maxRate, minRate, mulRate, ONE, rateOf, subRate, type Rate } from './money.ts';

/**
 * MISSION §3.2: the attractor's rate on a client's deal number `seq` (1-based): the first deal
 * earns newClientMultiplier × normal, capped at 100 %; each following one half the previous, never
 * below normal. Normal 5 %, multiplier 3: 15 %, 7.5 %, 5 %, 5 %.
 */
export function attractorRate(rules: Pick<BonusRules, 'normalRate' | 'newClientMultiplier'>, seq: number): Rate {
  return scheduleOf(rules).rates[Math.max(0, Math.min(seq, lastSeq))]!;
}

/** The attractor's rate on deal number `seq` less the normal rate: what is held until the retention gate (zero at the normal rate). */
export function raisedExtra(rules: Pick<BonusRules, 'normalRate' | 'newClientMultiplier'>, seq: number): Rate {
  return scheduleOf(rules).extras[Math.max(0, Math.min(seq, lastSeq))]!;
}

// Past ~64 halvings every rate is below any normal rate a sheet can hold: deal 65 on all earn the same.
const lastSeq = 65;

type Schedule = { normalRate: number; multiplier: number; rates: Rate[]; extras: Rate[] };

const schedules = new Map<string, Schedule>();
const byRules = new WeakMap<object, Schedule>();

/** The whole schedule of a pair of settings, computed once: statements ask for it once per deal. */
function scheduleOf(rules: Pick<BonusRules, 'normalRate' | 'newClientMultiplier'>): Schedule {
  const known = byRules.get(rules);
  if (known !== undefined && known.normalRate === rules.normalRate && known.multiplier === rules.newClientMultiplier) return known;
  const key = `${rules.normalRate}|${rules.newClientMultiplier}`;
  let schedule = schedules.get(key);
  if (schedule === undefined) {
    const normal = rateOf(rules.normalRate);
    const first = minRate(ONE, mulRate(normal, rateOf(rules.newClientMultiplier)));
    const rates = Array.from({ length: lastSeq + 1 }, (_, seq) => (seq < 1 ? normal : maxRate(normal, halveRate(first, seq - 1))));
    schedule = { normalRate: rules.normalRate, multiplier: rules.newClientMultiplier, rates, extras: rates.map((r) => subRate(r, normal)) };
    if (schedules.size < 1000) schedules.set(key, schedule);
  }
  byRules.set(rules, schedule);
  return schedule;
}

/**
 * The deal numbers that can earn above the normal rate (1 and 2 with a multiplier of at most 3);
 * at least those two, so held parts earned under earlier rules are found too.
 */
export function raisedSeqs(rules: Pick<BonusRules, 'normalRate' | 'newClientMultiplier'>): number[] {
  const normal = rateOf(rules.normalRate);
  let last = 2;
  while (last < 30 && compareRate(attractorRate(rules, last + 1), normal) > 0) last++;
  return Array.from({ length: last }, (_, i) => i + 1);
}
