import type { Firestore } from 'firebase-admin/firestore';
import { dealEstimate, type DealEstimate } from '../core/bonus/estimate.ts';
import { statusOnRecord } from '../core/bonus/deal-of-record.ts';
import { companyDay, monthOf } from '../core/calendar.ts';
import { bonusClientOf, loadMonth } from '../store/bonus-input-store.ts';
import { readClientInScope } from '../store/client-edit-store.ts';
import { readRules } from '../store/rules-store.ts';

/**
 * What a deal of `amount` and `profit` its holder made today would add to their statement of the
 * month: the client read in the holder's own scope (anyone else's answers not found), the month's
 * data as the bonus job reads it, the same calculator. Nothing is written.
 */
export async function estimateDeal(
  db: Firestore,
  input: { clientId: string; managerId: string; amount: number; profit: number; at: string },
): Promise<DealEstimate> {
  const client = await readClientInScope(db, input.clientId, { managerId: input.managerId });
  const { rules } = await readRules(db);
  const today = companyDay(input.at, rules.timeZone);
  const month = monthOf(today);
  const { deals, clients } = await loadMonth(db, month, rules.bonus, rules.timeZone);
  const deal = {
    id: 'estimate',
    clientId: client.id,
    managerId: input.managerId,
    date: today,
    amount: input.amount,
    profit: input.profit,
    seq: (client.dealCount ?? 0) + 1,
  };
  const awaits = statusOnRecord('holder', rules.bonus) === 'unconfirmed';
  return dealEstimate({ month, rules: rules.bonus, deals, clients }, bonusClientOf(client.id, client, rules.timeZone), deal, awaits);
}
