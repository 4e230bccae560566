import { z } from 'zod';
import { happenedDateSchema, perAsOf, type AsOf } from './as-of.ts';
import { idSchema, moneySchema, nonNegativeMoneySchema } from './common.ts';

/**
 * A deal's money: the amount is what the client paid, the profit (margin) is part of it and may be
 * negative for a loss, but never more than the amount (a 1-rouble sale cannot earn a bonus on a
 * billion). The same rule for every shape that carries a deal's amount and profit.
 */
export function dealMoneyFields() {
  return { amount: nonNegativeMoneySchema, profit: moneySchema };
}

export function refuseProfitOverAmount(deal: { amount: number; profit: number }, ctx: z.RefinementCtx): void {
  if (deal.profit > deal.amount)
    ctx.addIssue({ code: 'custom', path: ['profit'], message: 'must not be more than the amount (profit is part of the amount)' });
}

/** A completed sale: with `asOf`, dated no later than the company's today. */
export function dealFields(asOf: AsOf | undefined) {
  return { date: happenedDateSchema(asOf), ...dealMoneyFields() };
}

export const dealSchemaAsOf = perAsOf((asOf) =>
  z
    .object({ id: idSchema, clientId: idSchema, managerId: idSchema, ...dealFields(asOf) })
    .strict()
    .superRefine(refuseProfitOverAmount),
);
export const dealSchema = dealSchemaAsOf();

export type Deal = z.infer<typeof dealSchema>;

/** Stored deal: `seq` is the deal's 1-based place among its client's deals (date, then id). */
export type DealDoc = Deal & { seq: number };
