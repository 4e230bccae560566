import { z } from 'zod';
import { happenedDateSchema, perAsOf, type AsOf } from './as-of.ts';
import { boundedText, idSchema, isoDateSchema, moneySchema, nameText, nonNegativeMoneySchema } from './common.ts';

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

/** A sale of nothing is no sale: a 0 ₽ "deal" would only reset the rotation clock. */
const recordedAmountSchema = nonNegativeMoneySchema.refine((v) => v > 0, 'must be more than 0 (a deal of nothing is not a deal)');

/** A completed sale: with `asOf`, dated no later than the company's today. */
export function dealFields(asOf: AsOf | undefined) {
  return { date: happenedDateSchema(asOf), ...dealMoneyFields(), amount: recordedAmountSchema };
}

export const dealRecordedViaSchema = z.enum(['holder', 'admin', 'import']);
export type DealRecordedVia = z.infer<typeof dealRecordedViaSchema>;
export const dealStatusSchema = z.enum(['unconfirmed', 'confirmed', 'rejected']);
export type DealStatus = z.infer<typeof dealStatusSchema>;

/**
 * Who recorded a deal and how, and the head of sales' review of it. Optional: deals stored before
 * deals of record have none of them and count as confirmed (see `dealStatusOf`).
 */
export const dealRecordFields = {
  recordedBy: nameText(254).optional(),
  recordedVia: dealRecordedViaSchema.optional(),
  recordedAt: isoDateSchema.optional(),
  status: dealStatusSchema.optional(),
  version: z.number().int().min(1).optional(),
  reviewedBy: nameText(254).optional(),
  reviewedAt: isoDateSchema.optional(),
  reason: boundedText(500).optional(),
};

export const dealSchemaAsOf = perAsOf((asOf) =>
  z
    .object({ id: idSchema, clientId: idSchema, managerId: idSchema, ...dealFields(asOf), ...dealRecordFields })
    .strict()
    .superRefine(refuseProfitOverAmount)
    .superRefine((d, ctx) => {
      if (d.status === 'rejected' && (d.reason ?? '').trim() === '')
        ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when the deal is rejected' });
    }),
);
export const dealSchema = dealSchemaAsOf();

export type Deal = z.infer<typeof dealSchema>;

/** Stored deal: `seq` is the deal's 1-based place among its client's confirmed deals (in the order they counted). */
export type DealDoc = Deal & { seq: number };
