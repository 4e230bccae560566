import { z } from 'zod';
import { idSchema, isoDateSchema, moneySchema } from './common.ts';

export const dealSchema = z
  .object({
    id: idSchema,
    clientId: idSchema,
    managerId: idSchema,
    date: isoDateSchema,
    amount: moneySchema.refine((v) => v >= 0, 'must not be negative'),
    /** Margin; may be negative for a loss-making deal. */
    profit: moneySchema,
  })
  .strict();

export type Deal = z.infer<typeof dealSchema>;

/** Stored deal: `seq` is the deal's 1-based place among its client's deals (date, then id). */
export type DealDoc = Deal & { seq: number };
