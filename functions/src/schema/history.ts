import { z } from 'zod';
import { boundedText, idSchema, isoDateSchema, moneySchema } from './common.ts';
import { channelSchema, consentChangeMethodSchema, consentProofSchema } from './consent.ts';

const base = {
  id: idSchema,
  clientId: idSchema,
  at: isoDateSchema,
  /** Manager id, admin e-mail, or `system` for scheduled jobs and imports. */
  by: boundedText(200).min(1),
};

export const historyEntrySchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('contact'), channel: z.enum(['call', 'meeting', 'email', 'sms', 'message', 'other']), text: boundedText(5000) }).strict(),
  z.object({ ...base, type: z.literal('note'), text: boundedText(5000).min(1, 'must not be empty') }).strict(),
  z.object({ ...base, type: z.literal('deal'), dealId: idSchema, managerId: idSchema, amount: moneySchema, profit: moneySchema }).strict(),
  z
    .object({
      ...base,
      type: z.literal('transfer'),
      from: idSchema.nullable(),
      to: idSchema.nullable(),
      reason: z.enum(['no-deal-since-assignment', 'no-deal-for-months', 'offboarding', 'manual', 'intake', 'top-up']),
      runId: boundedText(200).optional(),
    })
    .strict(),
  z
    .object({
      ...base,
      type: z.literal('consent'),
      channel: channelSchema,
      status: z.enum(['granted', 'withdrawn', 'dead']),
      method: consentChangeMethodSchema,
      proof: consentProofSchema.default({}),
    })
    .strict(),
  z
    .object({
      ...base,
      type: z.literal('report'),
      taskId: boundedText(300),
      text: boundedText(5000).min(1, 'must not be empty'),
      outcome: z.enum(['deal', 'in-progress', 'no-need', 'unreachable', 'lost', 'other']),
    })
    .strict(),
  z.object({ ...base, type: z.literal('lost'), reason: boundedText(500), competitor: boundedText(200).optional() }).strict(),
  z.object({ ...base, type: z.literal('incentive'), kind: z.enum(['discount-card', 'gift', 'prize-draw']), reference: boundedText(200).optional() }).strict(),
]);

export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export type HistoryType = HistoryEntry['type'];
