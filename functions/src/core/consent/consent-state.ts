import type { Channel, Consent, ConsentChangeMethod, ConsentProof, ConsentStatus } from '../../schema/consent.ts';
import type { HistoryEntry } from '../../schema/history.ts';
import { isWithdrawalByPerson } from './withdrawal-by-person.ts';

export type ConsentEntry = Extract<HistoryEntry, { type: 'consent' }>;

/** One change to a consent, as the history records it. */
export type ConsentChange = {
  channel: Channel;
  status: ConsentStatus | 'dead';
  at: string;
  method: ConsentChangeMethod;
  proof: ConsentProof;
};

/**
 * Applies one change to the current consents. The latest change by time wins, so a backdated
 * change (an import of old paper forms) never overrides a newer one; at equal times the later
 * applied wins. `dead` keeps the status and only marks the address it names (`proof.address`) as
 * dead, so another address on the channel still works; a later grant naming that address revives
 * it, because the person gave it again. A public sign-up (`pending`) never downgrades a granted
 * consent: the grant stays as it was (the history keeps the sign-up); on any other state it
 * becomes the pending consent and, like a grant, revives the address it gives so that the
 * confirmation request can go there. A withdrawal by the person is remembered (`withdrawnByPersonAt`)
 * through a pending sign-up, until a grant (their confirmation or a new consent) clears it.
 */
export function applyConsentChange(current: ReadonlyArray<Consent>, change: ConsentChange): Consent[] {
  const existing = current.find((c) => c.channel === change.channel);
  if (existing !== undefined && change.at < existing.at) return [...current];
  if (existing?.status === 'granted' && change.status === 'pending') return [...current];
  const address = change.proof.address;
  const dead = new Set(existing?.deadAddresses ?? []);
  let next: Consent;
  if (change.status === 'dead') {
    if (address !== undefined) dead.add(address);
    next =
      existing !== undefined
        ? { ...existing, at: change.at }
        : { channel: change.channel, status: 'withdrawn', at: change.at, method: change.method, proof: change.proof };
  } else {
    if (change.status !== 'withdrawn' && address !== undefined) dead.delete(address);
    next = { channel: change.channel, status: change.status, at: change.at, method: change.method, proof: change.proof };
  }
  delete next.deadAddresses;
  if (dead.size > 0) next.deadAddresses = [...dead].sort();
  delete next.withdrawnByPersonAt;
  const withdrawnByPersonAt = isWithdrawalByPerson(change)
    ? change.at
    : change.status === 'granted'
      ? undefined
      : existing?.withdrawnByPersonAt;
  if (withdrawnByPersonAt !== undefined) next.withdrawnByPersonAt = withdrawnByPersonAt;
  const others = current.filter((c) => c.channel !== change.channel);
  return [...others, next].sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
}

/**
 * The grant that confirms a pending consent from the link sent to its address: the sign-up's
 * proof (form, text version, sign-up IP, address) is kept, with when and from where it was
 * confirmed. Undefined when there is nothing to confirm: the consent is no longer pending (granted
 * meanwhile, or withdrawn: a withdrawal always wins) or is pending for another address.
 */
export function confirmationChange(
  consent: Consent | undefined,
  input: { address: string; at: string; ip: string | undefined },
): ConsentChange | undefined {
  if (consent === undefined || consent.status !== 'pending' || consent.proof.address !== input.address) return undefined;
  return {
    channel: consent.channel,
    status: 'granted',
    at: input.at < consent.at ? consent.at : input.at,
    method: consent.method,
    proof: { ...consent.proof, confirmedAt: input.at, ...(input.ip !== undefined ? { confirmedIp: input.ip.slice(0, 64) } : {}) },
  };
}

/** The current consents, derived from a client's history (any order; only consent entries count). */
export function foldConsents(entries: ReadonlyArray<HistoryEntry>): Consent[] {
  const changes = entries
    .filter((e): e is ConsentEntry => e.type === 'consent')
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return changes.reduce<Consent[]>(
    (acc, e) => applyConsentChange(acc, { channel: e.channel, status: e.status, at: e.at, method: e.method, proof: e.proof }),
    [],
  );
}

export function consentFor(consents: ReadonlyArray<Consent> | undefined, channel: Channel): Consent | undefined {
  return consents?.find((c) => c.channel === channel);
}
