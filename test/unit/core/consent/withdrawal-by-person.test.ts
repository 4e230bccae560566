import { describe, expect, it } from 'vitest';
import { applyConsentChange, confirmationChange, type ConsentChange } from '../../../../functions/src/core/consent/consent-state.ts';
import { staffGrantRefusal } from '../../../../functions/src/core/consent/withdrawal-by-person.ts';
import type { Consent } from '../../../../functions/src/schema/consent.ts';

const granted: ConsentChange = { channel: 'email', status: 'granted', at: '2026-03-01T10:00:00.000Z', method: 'staff', proof: {} };
const unsubscribed: ConsentChange = {
  channel: 'email',
  status: 'withdrawn',
  at: '2026-03-02T10:00:00.000Z',
  method: 'unsubscribe',
  proof: { address: 'ivan@example.com' },
};
const consentAfter = (...changes: ConsentChange[]): Consent | undefined =>
  changes.reduce<Consent[]>((acc, c) => applyConsentChange(acc, c), []).find((c) => c.channel === 'email');
const staffGrant = (over: Partial<ConsentChange> = {}) => ({ ...granted, at: '2026-03-03T10:00:00.000Z', ...over });

describe('a withdrawal by the person is theirs to undo', () => {
  it('refuses a staff grant after an unsubscribe, naming when the person withdrew', () => {
    expect(staffGrantRefusal(consentAfter(granted, unsubscribed), staffGrant())).toEqual({ withdrawnAt: '2026-03-02T10:00:00.000Z' });
  });

  it('counts a withdrawal staff recorded (at the person’s request) as the person’s', () => {
    const byStaff: ConsentChange = { ...unsubscribed, method: 'staff', proof: {} };
    expect(staffGrantRefusal(consentAfter(granted, byStaff), staffGrant({ method: 'event' }))).toEqual({ withdrawnAt: byStaff.at });
  });

  it('lets a questionnaire the person filled in, named by its form id, grant it again, and that clears the mark', () => {
    const questionnaire = staffGrant({ method: 'questionnaire', proof: { formId: 'paper-2026-17' } });
    expect(staffGrantRefusal(consentAfter(granted, unsubscribed), questionnaire)).toBeUndefined();
    expect(staffGrantRefusal(consentAfter(granted, unsubscribed), staffGrant({ method: 'questionnaire', proof: { formId: ' ' } }))).toEqual(
      {
        withdrawnAt: unsubscribed.at,
      },
    );
    const regranted = consentAfter(granted, unsubscribed, questionnaire);
    expect(regranted).toMatchObject({ status: 'granted' });
    expect(regranted?.withdrawnByPersonAt).toBeUndefined();
    expect(staffGrantRefusal(regranted, staffGrant({ at: '2026-03-04T10:00:00.000Z' }))).toBeUndefined();
  });

  it('keeps the mark through a sign-up awaiting confirmation, so staff cannot grant over a stranger’s form', () => {
    const signup: ConsentChange = {
      channel: 'email',
      status: 'pending',
      at: '2026-03-02T12:00:00.000Z',
      method: 'website',
      proof: { address: 'ivan@example.com', formId: 'site' },
    };
    const pending = consentAfter(granted, unsubscribed, signup);
    expect(pending).toMatchObject({ status: 'pending', withdrawnByPersonAt: unsubscribed.at });
    expect(staffGrantRefusal(pending, staffGrant())).toEqual({ withdrawnAt: unsubscribed.at });
    // The person confirming from the address is their new consent.
    const confirmation = confirmationChange(pending, { address: 'ivan@example.com', at: '2026-03-02T13:00:00.000Z', ip: undefined })!;
    const confirmed = applyConsentChange([pending!], confirmation)[0];
    expect(confirmed).toMatchObject({ status: 'granted' });
    expect(confirmed?.withdrawnByPersonAt).toBeUndefined();
  });

  it('does not count a bounce as the person’s withdrawal, and lets staff record a withdrawal or a first grant freely', () => {
    const bounce: ConsentChange = { channel: 'email', status: 'dead', at: granted.at, method: 'bounce', proof: { address: 'a@b.ru' } };
    expect(consentAfter(bounce)?.withdrawnByPersonAt).toBeUndefined();
    expect(staffGrantRefusal(consentAfter(bounce), staffGrant())).toBeUndefined();
    expect(staffGrantRefusal(undefined, staffGrant())).toBeUndefined();
    expect(staffGrantRefusal(consentAfter(granted, unsubscribed), { ...unsubscribed, method: 'staff' })).toBeUndefined();
  });
});
