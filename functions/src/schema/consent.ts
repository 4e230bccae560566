import { z } from 'zod';
import { happenedDateSchema, perAsOf } from './as-of.ts';
import { boundedText, isoDateSchema, nameText } from './common.ts';

export const channelSchema = z.enum(['sms', 'email']);
export type Channel = z.infer<typeof channelSchema>;

export const consentMethodSchema = z.enum(['questionnaire', 'website', 'event', 'import', 'staff']);
export type ConsentMethod = z.infer<typeof consentMethodSchema>;

/** How a consent changed: how it was given, or the person unsubscribing, or a bounce report. */
export const consentChangeMethodSchema = consentMethodSchema.or(z.enum(['unsubscribe', 'bounce']));
export type ConsentChangeMethod = z.infer<typeof consentChangeMethodSchema>;

export const consentProofSchema = z
  .object({
    formId: nameText(200).optional(),
    textVersion: nameText(100).optional(),
    recordedBy: nameText(200).optional(),
    ip: nameText(64).optional(),
    /** The address the change concerns (the unsubscribed, bounced or newly given phone or e-mail). */
    address: nameText(254).optional(),
    /** Free text from the gateway or ESP (bounce reason, the STOP reply). */
    note: boundedText(500).optional(),
    /** When and from which IP the person confirmed a public sign-up with the link sent to its address. */
    confirmedAt: isoDateSchema.optional(),
    confirmedIp: nameText(64).optional(),
    /** The name the person typed on a public sign-up: its confirmation request addresses them by it, never by the base's. */
    signupName: nameText(300).optional(),
  })
  .strict();

export type ConsentProof = z.infer<typeof consentProofSchema>;

/** Set only by the public sign-up path and the confirmation link; staff writing any of them would forge a web sign-up. */
const refusedFromStaff = (why: string) => z.undefined({ error: why }).optional();

/**
 * A consent as authenticated staff record it (API, add-on). The server names who recorded it; a
 * web form's proof (method `website`, IPs, the confirmation, the typed name) comes only from the
 * public sign-up with its double opt-in. A questionnaire names its form: that is the proof a person
 * gave it, and the only consent by staff that grants again what the person withdrew.
 */
export const staffConsentSchema = z
  .object({
    channel: channelSchema,
    status: z.enum(['granted', 'withdrawn']),
    method: consentMethodSchema.exclude(['website'], {
      error: (issue) =>
        issue.input === 'website' ? 'website consents come only from the public sign-up form, confirmed from the address' : undefined,
    }),
    proof: z
      .object({
        formId: nameText(200).optional(),
        textVersion: nameText(100).optional(),
        address: nameText(254).optional(),
        note: boundedText(500).optional(),
        recordedBy: refusedFromStaff('is set by the server: the consent is recorded as yours'),
        ip: refusedFromStaff('only the public sign-up form records an IP'),
        confirmedAt: refusedFromStaff('only the confirmation link records a confirmation'),
        confirmedIp: refusedFromStaff('only the confirmation link records a confirmation'),
        signupName: refusedFromStaff('only the public sign-up form records the name typed on it'),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.method === 'questionnaire' && (c.proof.formId === undefined || c.proof.formId.trim() === ''))
      ctx.addIssue({ code: 'custom', path: ['proof', 'formId'], message: 'a questionnaire is proved by its form id: name it' });
  });
export type StaffConsent = z.infer<typeof staffConsentSchema>;

/**
 * A consent's state: `pending` is a public sign-up not yet confirmed from the address it gave
 * (double opt-in); only `granted` lets a list go to the client.
 */
export const consentStatusSchema = z.enum(['granted', 'pending', 'withdrawn']);
export type ConsentStatus = z.infer<typeof consentStatusSchema>;

/** The current consent of one client on one channel; the history holds every change. */
export const consentSchemaAsOf = perAsOf((asOf) =>
  z
    .object({
      channel: channelSchema,
      status: consentStatusSchema,
      at: happenedDateSchema(asOf),
      method: consentChangeMethodSchema,
      proof: consentProofSchema.default({}),
      /**
       * Addresses of this channel that bounced or are unreachable: never sent to. Dead is per address,
       * so a client with another working address on the channel stays mailable on it.
       */
      deadAddresses: z.array(nameText(254)).max(40).optional(),
      /**
       * When the person withdrew it (unsubscribe link, STOP, a withdrawal staff recorded at their
       * request); kept while a new sign-up awaits confirmation. Only the person's new consent clears it.
       */
      withdrawnByPersonAt: happenedDateSchema(asOf).optional(),
    })
    .strict(),
);
export const consentSchema = consentSchemaAsOf();

export type Consent = z.infer<typeof consentSchema>;

export const incentiveSchemaAsOf = perAsOf((asOf) =>
  z
    .object({
      kind: z.enum(['discount-card', 'gift', 'prize-draw']),
      reference: nameText(200).optional(),
      at: happenedDateSchema(asOf),
      formId: nameText(200).optional(),
    })
    .strict(),
);
export const incentiveSchema = incentiveSchemaAsOf();
export type Incentive = z.infer<typeof incentiveSchema>;
