import { z } from 'zod';
import { happenedDateSchema, perAsOf } from './as-of.ts';
import { editableClientFields } from './client.ts';
import { boundedText, idSchema, nameText } from './common.ts';
import { channelSchema, consentChangeMethodSchema, consentProofSchema, consentStatusSchema } from './consent.ts';
import { dealMoneyFields, refuseProfitOverAmount } from './deal.ts';

/** What a handover report says came of a handed-over client. */
export const reportOutcomeSchema = z.enum(
  ['deal', 'in-progress', 'no-need', 'unreachable', 'lost', 'other'],
  'must be one of deal, in-progress, no-need, unreachable, lost, other',
);
export type ReportOutcome = z.infer<typeof reportOutcomeSchema>;

/** A field's value before or after an edit, as stored: text, a list (phones, e-mails), or null when it was empty. */
const editedValueSchema = z.union([boundedText(500), z.array(nameText(254)).max(20), z.null()]);

export const historyEntrySchemaAsOf = perAsOf((asOf) => {
  const base = {
    id: idSchema,
    clientId: idSchema,
    at: happenedDateSchema(asOf),
    /** Manager id, admin e-mail, or `system` for scheduled jobs and imports. */
    by: nameText(200).min(1),
  };
  return z.discriminatedUnion('type', [
    z
      .object({
        ...base,
        type: z.literal('contact'),
        channel: z.enum(['call', 'meeting', 'email', 'sms', 'message', 'other']),
        text: boundedText(5000),
      })
      .strict(),
    z.object({ ...base, type: z.literal('note'), text: boundedText(5000).min(1, 'must not be empty') }).strict(),
    z
      .object({ ...base, type: z.literal('deal'), dealId: idSchema, managerId: idSchema, ...dealMoneyFields() })
      .strict()
      .superRefine(refuseProfitOverAmount),
    z
      .object({
        ...base,
        type: z.literal('transfer'),
        from: idSchema.nullable(),
        to: idSchema.nullable(),
        reason: z.enum(['no-deal-since-assignment', 'no-deal-for-months', 'offboarding', 'manual', 'intake', 'top-up']),
        runId: nameText(200).optional(),
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal('consent'),
        channel: channelSchema,
        status: z.enum([...consentStatusSchema.options, 'dead']),
        method: consentChangeMethodSchema,
        proof: consentProofSchema.default({}),
      })
      .strict()
      .superRefine((e, ctx) => {
        // Dead is per address: a bounce names the address that bounced.
        if (e.status === 'dead' && e.proof.address === undefined)
          ctx.addIssue({ code: 'custom', path: ['proof', 'address'], message: 'is required for a dead contact' });
      }),
    z
      .object({
        ...base,
        type: z.literal('report'),
        taskId: nameText(300),
        text: boundedText(5000).min(1, 'must not be empty'),
        outcome: reportOutcomeSchema,
      })
      .strict(),
    z.object({ ...base, type: z.literal('lost'), reason: boundedText(500), competitor: nameText(200).optional() }).strict(),
    z
      .object({
        ...base,
        type: z.literal('edit'),
        /** The client's version this edit made: replaying the history accounts for every version. */
        version: z.number().int().min(1),
        changes: z
          .array(z.object({ field: z.enum(editableClientFields), before: editedValueSchema, after: editedValueSchema }).strict())
          .min(1)
          .max(editableClientFields.length),
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal('incentive'),
        kind: z.enum(['discount-card', 'gift', 'prize-draw']),
        reference: nameText(200).optional(),
      })
      .strict(),
  ]);
});
export const historyEntrySchema = historyEntrySchemaAsOf();

export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** A history entry about to be written: the store gives it a time-ordered id unless it has one. */
export type NewHistoryEntry = HistoryEntry extends infer E ? (E extends HistoryEntry ? Omit<E, 'id'> & { id?: string } : never) : never;
