import type { Consent, ConsentChangeMethod, ConsentProof } from '../../schema/consent.ts';

/**
 * Whether a change is the person withdrawing: an unsubscribe link, a STOP reply, or a withdrawal
 * staff recorded (staff withdraw a consent because the person asked; nothing else withdraws one).
 * A bounce only marks an address dead.
 */
export function isWithdrawalByPerson(change: { status: string; method: ConsentChangeMethod }): boolean {
  return change.status === 'withdrawn' && change.method !== 'bounce';
}

/**
 * A new consent from the person that staff may record over their withdrawal: a questionnaire the
 * person filled in, named by its form id. (The public sign-up confirmed from the address is the other
 * way; it never passes through staff.)
 */
export function isNewConsentFromPerson(change: { status: string; method: ConsentChangeMethod; proof: ConsentProof }): boolean {
  return change.status === 'granted' && change.method === 'questionnaire' && (change.proof.formId ?? '').trim() !== '';
}

/**
 * Why staff may not grant this channel now: the person withdrew it on `withdrawnAt` and this grant
 * is not their new consent. Undefined when the grant may be recorded (or the change is no grant).
 */
export function staffGrantRefusal(
  current: Consent | undefined,
  change: { status: string; method: ConsentChangeMethod; proof: ConsentProof },
): { withdrawnAt: string } | undefined {
  if (change.status !== 'granted' || current?.withdrawnByPersonAt === undefined) return undefined;
  return isNewConsentFromPerson(change) ? undefined : { withdrawnAt: current.withdrawnByPersonAt };
}
