import { dayOf } from '../../schema/common.ts';
import type { BonusRules } from '../../schema/rules-config.ts';
import type { Rate } from './money.ts';
import { attractorRate, raisedExtra } from './rate-schedule.ts';
import { retentionFrom } from './deal-of-record.ts';
import { gateDay } from './retention-gate.ts';
import type { BonusClient, BonusDeal } from './types.ts';

/** The raised rate a deal qualifies for, before any amount: the part above normal, the whole rate, and the gate it is held until. */
export type RaisedTerms = { extra: Rate; rate: Rate; gate: string };

/** Why a deal earns only the normal rate. */
export type NormalOnly = 'no-attractor' | 'not-the-attractor' | 'outside-campaign' | 'rotated-away' | 'past-raised-deals';

/**
 * Whether a deal earns its client's attractor above normal, and at what rate (MISSION §3.2–3.4,
 * §3.8): only the attractor's own deals, only for clients whose first deal is inside the campaign
 * window (when one is set), and not once the client was rotated away from the attractor. The one
 * home of these conditions: the statement and the next-deal estimate both ask here.
 */
export function raisedTermsOrWhy(
  deal: Pick<BonusDeal, 'managerId' | 'date' | 'seq'>,
  client: BonusClient,
  rules: BonusRules,
): RaisedTerms | NormalOnly {
  if (client.attractedBy === undefined || client.firstDealAt === null) return 'no-attractor';
  if (deal.managerId !== client.attractedBy) return 'not-the-attractor';
  const first = dayOf(client.firstDealAt);
  if (rules.campaign && (first < rules.campaign.from || first > rules.campaign.to)) return 'outside-campaign';
  const day = dayOf(deal.date);
  if ((client.formerHolders ?? []).some((h) => h.managerId === client.attractedBy && dayOf(h.until) <= day)) return 'rotated-away';
  const extra = raisedExtra(rules, deal.seq);
  if (extra.num <= 0n) return 'past-raised-deals';
  return { extra, rate: attractorRate(rules, deal.seq), gate: gateDay(retentionFrom(client)!, rules.retentionMonths) };
}

export function raisedTerms(
  deal: Pick<BonusDeal, 'managerId' | 'date' | 'seq'>,
  client: BonusClient,
  rules: BonusRules,
): RaisedTerms | undefined {
  const terms = raisedTermsOrWhy(deal, client, rules);
  return typeof terms === 'string' ? undefined : terms;
}
