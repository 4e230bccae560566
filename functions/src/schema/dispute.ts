import { z } from 'zod';
import { boundedText, maxMoney } from './common.ts';

/** Why a manager questions their statement; a missing deal names no line. */
export const disputeReasonSchema = z.enum(['wrong-amount', 'missing-deal', 'wrong-client', 'wrong-rule', 'other']);
export type DisputeReason = z.infer<typeof disputeReasonSchema>;
export const disputeStatusSchema = z.enum(['open', 'accepted', 'rejected']);
export type DisputeStatus = z.infer<typeof disputeStatusSchema>;

export const maxDisputeText = 2000;

/** `POST /statements/{month}/disputes`. */
export const disputeBody = z
  .object({
    lineId: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters').optional(),
    reason: disputeReasonSchema,
    text: boundedText(maxDisputeText).min(1, 'must not be empty'),
  })
  .strict();

/** `POST /admin/disputes/{id}/resolve`: accepted with a positive adjustment in kopecks, or rejected with a reason. */
export const resolveDisputeBody = z
  .object({
    decision: z.enum(['accepted', 'rejected']),
    amount: z
      .number()
      .int({ message: 'must be a whole number of kopecks', abort: true })
      .min(1, 'must be at least 1 kopeck')
      .max(maxMoney, 'must be at most 10^13 kopecks')
      .optional(),
    reason: boundedText(maxDisputeText).min(1, 'must not be empty').optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.decision === 'accepted' && b.amount === undefined)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'is required to accept' });
    if (b.decision === 'accepted' && b.reason !== undefined)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is for a rejection; an accepted dispute carries an amount' });
    if (b.decision === 'rejected' && b.reason === undefined)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required to reject' });
    if (b.decision === 'rejected' && b.amount !== undefined)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'is for an acceptance; a rejected dispute pays nothing' });
  });

export const disputesQuery = z.object({ status: disputeStatusSchema.optional() }).strict();

/** A dispute as stored in `disputes/{id}` and answered. `paidIn`: the month whose statement carries the accepted adjustment. */
export type Dispute = {
  id: string;
  month: string;
  managerId: string;
  lineId: string | null;
  clientId: string | null;
  reason: DisputeReason;
  text: string;
  status: DisputeStatus;
  openedAt: string;
  /** The company day it was opened: what `bonus.disputeDays` counts from. */
  openedOn: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  amount: number | null;
  rejection: string | null;
  paidIn: string | null;
};
