import type { Channel, Consent, ConsentChangeMethod, ConsentProof } from '../../schema/consent.ts';
import type { HistoryEntry } from '../../schema/history.ts';

export type ConsentEntry = Extract<HistoryEntry, { type: 'consent' }>;

/** One change to a consent, as the history records it. */
export type ConsentChange = {
  channel: Channel;
  status: 'granted' | 'withdrawn' | 'dead';
  at: string;
  method: ConsentChangeMethod;
  proof: ConsentProof;
};

/**
 * Applies one change to the current consents. The latest change by time wins, so a backdated
 * change (an import of old paper forms) never overrides a newer one; at equal times the later
 * applied wins. `dead` keeps the status and only marks the address it names (`proof.address`) as
 * dead, so another address on the channel still works; a later grant naming that address revives
 * it, because the person gave it again.
 */
export function applyConsentChange(current: ReadonlyArray<Consent>, change: ConsentChange): Consent[] {
  const existing = current.find((c) => c.channel === change.channel);
  if (existing !== undefined && change.at < existing.at) return [...current];
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
    if (change.status === 'granted' && address !== undefined) dead.delete(address);
    next = { channel: change.channel, status: change.status, at: change.at, method: change.method, proof: change.proof };
  }
  delete next.deadAddresses;
  if (dead.size > 0) next.deadAddresses = [...dead].sort();
  const others = current.filter((c) => c.channel !== change.channel);
  return [...others, next].sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
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
