import type { BonusRules } from '../../schema/rules-config.ts';
import { clientBlock, newClientBlockNote } from './deal-of-record.ts';
import { formatMoney, rateNumber, rateOf, type Rate } from './money.ts';
import { raisedTermsOrWhy, type NormalOnly } from './raised-terms.ts';
import { isBeforeGate } from './retention-gate.ts';
import { attractionAmount } from './statement.ts';
import type { BonusClient } from './types.ts';

/**
 * What a client's next deal would earn the manager who makes it today, from the rules in force:
 * the whole rate and the normal one, whether the part above normal is paid at once or held until
 * the retention gate, and the attraction bonus it would bring (0 when none).
 */
export type NextDeal = {
  rate: number;
  normalRate: number;
  raisedPart: 'payable' | `pending-until ${string}` | 'none';
  attraction: number;
  why: string;
};

/** The calculator's client, with how many of its deals count so far (the next one is numbered after them). */
export type NextDealClient = BonusClient & { dealCount: number };

const normalOnlyWhy: Record<NormalOnly, string> = {
  'no-attractor': 'no attractor on record',
  'not-the-attractor': 'another manager attracted it',
  'outside-campaign': 'its first deal is outside the campaign window',
  'rotated-away': 'it was rotated away from its attractor',
  'past-raised-deals': 'past the raised deals',
};

const pct = (r: Rate) => `${+(rateNumber(r) * 100).toFixed(6)} %`;

/**
 * The next deal as the statement would count it (same rate schedule, gate and blocks): a deal of
 * `managerId` dated `today`, from the minimum deal up, numbered after the client's counted deals.
 * A client without a deal yet would have its first one today. The attraction shown is the amount
 * for one new client (a tier reached with more new clients that month pays more).
 */
export function nextDealOf(client: NextDealClient, rules: BonusRules, input: { managerId: string; today: string }): NextDeal {
  const normal = rateOf(rules.normalRate);
  const normalRate = rateNumber(normal);
  if (client.lostAt !== undefined)
    return {
      rate: 0,
      normalRate,
      raisedPart: 'none',
      attraction: 0,
      why: 'lost: no deal is recorded until the head of sales reinstates it',
    };
  const seq = client.dealCount + 1;
  const counted = { ...client, firstDealAt: client.firstDealAt ?? input.today };
  const terms = raisedTermsOrWhy({ managerId: input.managerId, date: input.today, seq }, counted, rules);
  const block = clientBlock(client);
  const isNew = client.firstDealAt === null && client.attractedBy === input.managerId;
  const attraction = isNew && block === undefined ? attractionAmount(rules, 1) : 0;
  const minimum = (rules.minDealAmount ?? 0) > 0 ? ` from ${formatMoney(rules.minDealAmount ?? 0)} up` : '';
  const extras = attraction > 0 ? `; attraction ${formatMoney(attraction)} on its first deal${minimum}` : '';
  const base = `of ${rules.base}`;
  if (typeof terms === 'string' || block !== undefined) {
    const reason = block !== undefined && typeof terms !== 'string' ? newClientBlockNote[block] : normalOnlyWhy[terms as NormalOnly];
    return {
      rate: normalRate,
      normalRate,
      raisedPart: 'none',
      attraction,
      why: `deal ${seq}: ${pct(normal)} ${base} (${reason})${extras}`,
    };
  }
  const held = isBeforeGate(input.today, terms.gate);
  const extra = `${pct(terms.extra)} above normal ${held ? `held until the retention gate ${terms.gate} if kept` : 'paid at once'}`;
  return {
    rate: rateNumber(terms.rate),
    normalRate,
    raisedPart: held ? `pending-until ${terms.gate}` : 'payable',
    attraction,
    why: `new-client deal ${seq}: ${pct(terms.rate)} ${base}${minimum} (${pct(normal)} normal, ${extra})${extras}`,
  };
}
