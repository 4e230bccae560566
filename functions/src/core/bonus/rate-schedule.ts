import type { BonusRules } from '../../schema/rules-config.ts';
import { halveRate, maxRate, minRate, mulRate, ONE, rateOf, type Rate } from './money.ts';

/**
 * MISSION §3.2: the attractor's rate on a client's deal number `seq` (1-based): the first deal
 * earns newClientMultiplier × normal, capped at 100 %; each following one half the previous, never
 * below normal. Normal 5 %, multiplier 3: 15 %, 7.5 %, 5 %, 5 %.
 */
export function attractorRate(rules: Pick<BonusRules, 'normalRate' | 'newClientMultiplier'>, seq: number): Rate {
  const normal = rateOf(rules.normalRate);
  if (seq < 1) return normal;
  const first = minRate(ONE, mulRate(normal, rateOf(rules.newClientMultiplier)));
  // Past ~64 halvings every rate is below any normal rate a sheet can hold.
  return maxRate(normal, halveRate(first, Math.min(seq - 1, 64)));
}
