import { z } from 'zod';
import { boundedText, idSchema, isoDateSchema } from './common.ts';

export const channelSchema = z.enum(['sms', 'email']);
export type Channel = z.infer<typeof channelSchema>;

export const consentMethodSchema = z.enum(['questionnaire', 'website', 'event', 'import', 'staff']);
export type ConsentMethod = z.infer<typeof consentMethodSchema>;

/** How a consent changed: how it was given, or the person unsubscribing, or a bounce report. */
export const consentChangeMethodSchema = consentMethodSchema.or(z.enum(['unsubscribe', 'bounce']));
export type ConsentChangeMethod = z.infer<typeof consentChangeMethodSchema>;

export const consentProofSchema = z
  .object({
    formId: boundedText(200).optional(),
    textVersion: boundedText(100).optional(),
    recordedBy: boundedText(200).optional(),
    ip: boundedText(64).optional(),
    /** The address the change concerns (the unsubscribed or bounced phone or e-mail). */
    address: boundedText(254).optional(),
    /** Free text from the gateway or ESP (bounce reason, the STOP reply). */
    note: boundedText(500).optional(),
  })
  .strict();

export type ConsentProof = z.infer<typeof consentProofSchema>;

/** The current consent of one client on one channel; the history holds every change. */
export const consentSchema = z
  .object({
    channel: channelSchema,
    status: z.enum(['granted', 'withdrawn']),
    at: isoDateSchema,
    method: consentChangeMethodSchema,
    proof: consentProofSchema.default({}),
    /** The contact bounced or is unreachable: dropped from every list. */
    dead: z.boolean().optional(),
  })
  .strict();

export type Consent = z.infer<typeof consentSchema>;

export const incentiveSchema = z
  .object({
    kind: z.enum(['discount-card', 'gift', 'prize-draw']),
    reference: boundedText(200).optional(),
    at: isoDateSchema,
    formId: boundedText(200).optional(),
  })
  .strict();
export type Incentive = z.infer<typeof incentiveSchema>;

export const consentTargetSchema = z.object({ clientId: idSchema, channel: channelSchema });
