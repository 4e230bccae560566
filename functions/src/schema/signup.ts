import { z } from 'zod';
import { nameText } from './common.ts';
import { channelSchema, incentiveSchema } from './consent.ts';

/** HTML checkboxes arrive as "on" (or absent); JSON callers send booleans. */
const checkbox = z.preprocess(
  (v) => {
    if (v === true || v === 'on' || v === 'true' || v === '1' || v === 'yes') return true;
    if (v === undefined || v === null || v === false || v === '' || v === 'off' || v === 'false' || v === '0' || v === 'no') return false;
    return v;
  },
  z.boolean({ message: 'must be a ticked or unticked box' }),
);

/** Empty form fields mean "not given". */
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), nameText(max).optional());

/**
 * A public website or questionnaire form. Unknown top-level fields (submit buttons, analytics)
 * are dropped; the consent boxes are what the person ticked, next to the consent text version
 * they were shown.
 */
export const signupFormSchema = z
  .object({
    name: nameText(300).min(1, 'must not be empty'),
    phone: optionalText(40),
    email: optionalText(254),
    consents: z
      .object({ sms: checkbox.default(false), email: checkbox.default(false) })
      .strict()
      .default({ sms: false, email: false }),
    formId: nameText(200).min(1, 'must not be empty'),
    consentTextVersion: nameText(100).min(1, 'must not be empty'),
    source: z.enum(['website', 'questionnaire']).default('website'),
    incentive: incentiveSchema.pick({ kind: true, reference: true }).strict().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.phone === undefined && f.email === undefined)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'give a phone or an e-mail' });
    if (f.consents.sms && f.phone === undefined)
      ctx.addIssue({ code: 'custom', path: ['consents', 'sms'], message: 'needs a phone number' });
    if (f.consents.email && f.email === undefined)
      ctx.addIssue({ code: 'custom', path: ['consents', 'email'], message: 'needs an e-mail address' });
  });

export type SignupForm = z.infer<typeof signupFormSchema>;

export const contactDecisionSchema = z.enum(['accept', 'decline']);
export type ContactDecision = z.infer<typeof contactDecisionSchema>;

/** The holder's decision on a contact a sign-up gave for their client (`POST /clients/{id}/contacts/verify`). */
export const verifyContactBody = z
  .object({ channel: channelSchema, address: nameText(254).min(1, 'must not be empty'), decision: contactDecisionSchema })
  .strict();
