import { formatMoney } from './money.ts';
import { computeMonthLines, totalsOf, type BonusInput } from './statement.ts';
import type { BonusClient, BonusDeal, StatementLine, StatementTotals } from './types.ts';

/** `POST /clients/{id}/estimate`: the lines a deal made today would add to its maker's statement, once confirmed. */
export type DealEstimate = { month: string; lines: StatementLine[]; totals: StatementTotals; awaitsConfirmation: boolean };

/**
 * The lines `deal` would make in the month, by the month's own calculator: the maker's statement
 * with the deal less the one without it, so a tier of new clients it reaches shows too. The deal
 * counts (is confirmed); a line it changes (a tier reached) shows by how much; a client without a
 * deal yet has its first one on the deal's day.
 */
export function estimateLines(input: BonusInput, client: BonusClient, deal: BonusDeal): StatementLine[] {
  const others = input.clients.filter((c) => c.id !== client.id);
  const before = computeMonthLines({ ...input, clients: [...others, client] }).get(deal.managerId) ?? [];
  const counted = { ...client, firstDealAt: client.firstDealAt ?? deal.date };
  const after =
    computeMonthLines({ ...input, clients: [...others, counted], deals: [...input.deals.filter((d) => d.id !== deal.id), deal] }).get(
      deal.managerId,
    ) ?? [];
  const key = (l: StatementLine) => `${l.id}|${l.status}`;
  const had = new Map(before.map((l) => [key(l), l.amount]));
  const out: StatementLine[] = [];
  for (const line of after) {
    const was = had.get(key(line));
    if (was === undefined) out.push(line);
    else if (was !== line.amount) out.push({ ...line, amount: line.amount - was, note: `${line.note} (was ${formatMoney(was)})` });
  }
  return out;
}

export function dealEstimate(input: BonusInput, client: BonusClient, deal: BonusDeal, awaitsConfirmation: boolean): DealEstimate {
  const lines = estimateLines(input, client, deal);
  return { month: input.month, lines, totals: totalsOf(lines), awaitsConfirmation };
}
