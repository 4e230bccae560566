import type { ClientDoc } from '../schema/client.ts';

/** Why a client is no longer on a manager's sheet: still held, rotated away, reassigned, or not known to have been theirs. */
export type Departure = { clientId: string; reason: 'rotation' | 'reassigned' | 'held' | 'unknown'; at: string | null };

/**
 * What a manager's refreshed sheet says about a row it no longer finds: their last stay with the
 * client decides (a stay that ended in a rotation carries its rotation number). Pure.
 */
export function departureOf(
  clientId: string,
  doc: Pick<ClientDoc, 'managerId' | 'formerHolders'> | undefined,
  managerId: string,
): Departure {
  if (doc?.managerId === managerId) return { clientId, reason: 'held', at: null };
  const left = doc?.formerHolders?.filter((h) => h.managerId === managerId).at(-1);
  if (!left) return { clientId, reason: 'unknown', at: null };
  return { clientId, reason: left.rotationSeq !== undefined ? 'rotation' : 'reassigned', at: left.until };
}
