import type { ClientDoc } from '../../schema/client.ts';
import type { Incentive } from '../../schema/consent.ts';
import type { NewHistoryEntry } from '../../schema/history.ts';
import { consentFlags } from '../client-derivation.ts';
import { applyConsentChange, type ConsentChange } from './consent-state.ts';

/** The client after one consent change, with its consent flags kept in step. */
export function withConsentChange(doc: ClientDoc, change: ConsentChange): ClientDoc {
  const consents = applyConsentChange(doc.consents ?? [], change);
  return { ...doc, consents, ...consentFlags({ ...doc, consents }) };
}

/** The history entry that proves a consent change. */
export function consentEntry(clientId: string, change: ConsentChange, by: string): NewHistoryEntry {
  return {
    type: 'consent',
    clientId,
    at: change.at,
    by,
    channel: change.channel,
    status: change.status,
    method: change.method,
    proof: change.proof,
  };
}

/** The client with one more incentive: the newest 50 are kept on the client (the schema's bound); the history keeps them all. */
export function withIncentive(doc: ClientDoc, incentive: Incentive): ClientDoc {
  return { ...doc, incentives: [...(doc.incentives ?? []), incentive].slice(-50) };
}

export function incentiveEntry(clientId: string, incentive: Incentive, by: string): NewHistoryEntry {
  return {
    type: 'incentive',
    clientId,
    at: incentive.at,
    by,
    kind: incentive.kind,
    ...(incentive.reference !== undefined ? { reference: incentive.reference } : {}),
  };
}
