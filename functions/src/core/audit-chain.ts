import { createHash } from 'node:crypto';
import { stableJson } from './stable-json.ts';

/**
 * Tamper evidence for the audit log. Entries form chains, one per shard (an actor's entries spread
 * over a few shards, so one busy actor never queues on a single head document): each entry carries
 * its number in the chain and the hash of the one before, and its own hash over all of that. An
 * edited entry no longer matches its hash, a removed one leaves a gap in the numbers, a removed last
 * one leaves the head (kept in its own document) ahead of the chain.
 */
export type ChainLink = { shard: string; seq: number; prevHash: string; hash: string };
export type ChainHead = { shard: string; seq: number; hash: string };
export type ChainedEntry = Record<string, unknown> & ChainLink & { id: string };

/** The hash before the first entry of a chain. */
export const genesisHash = '0'.repeat(64);

/** Shards per actor: enough that a batch save's parallel rows rarely wait on each other. */
export const shardsPerActor = 32;

/** The shard an entry's chain lives in: the actor's, spread by the target. */
export function auditShard(actor: string, target: string | undefined): string {
  const actorKey = actor.replace(/[^A-Za-z0-9._@-]/g, '_').slice(0, 100) || 'unknown';
  const spread = createHash('sha256')
    .update(target ?? '')
    .digest()
    .readUInt32BE(0);
  return `${actorKey}~${spread % shardsPerActor}`;
}

/** The hash of an entry (its content, shard, number and the previous hash), over a stable JSON so key order does not matter. */
export function entryHash(entry: Record<string, unknown>, link: Omit<ChainLink, 'hash'>): string {
  const { id: _id, hash: _hash, shard: _s, seq: _n, prevHash: _p, ...content } = entry;
  return createHash('sha256')
    .update(stableJson({ ...content, shard: link.shard, seq: link.seq, prevHash: link.prevHash }))
    .digest('hex');
}

/** The next link after `head` (none yet: the chain starts). */
export function nextLink(entry: Record<string, unknown>, shard: string, head: { seq: number; hash: string } | undefined): ChainLink {
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? genesisHash;
  return { shard, seq, prevHash, hash: entryHash(entry, { shard, seq, prevHash }) };
}

export type ChainProblem =
  | { kind: 'edited'; id: string; shard: string; seq: number }
  | { kind: 'broken-link'; id: string; shard: string; seq: number }
  | { kind: 'gap'; shard: string; afterSeq: number; missing: number; nextId: string | null }
  | { kind: 'duplicate'; id: string; shard: string; seq: number }
  | { kind: 'unchained'; id: string };

export type ChainReport = {
  ok: boolean;
  entries: number;
  shards: number;
  problems: ChainProblem[];
};

/**
 * Checks every chain: each entry's hash recomputed, each link to the previous hash, the numbers
 * without gaps from 1 up to the head. `unchained` are entries with no link at all (not counters:
 * those are left out by the caller). Pure.
 */
export function verifyChains(entries: ChainedEntry[], unchainedIds: string[], heads: ChainHead[]): ChainReport {
  const problems: ChainProblem[] = unchainedIds.map((id) => ({ kind: 'unchained', id }));
  const byShard = new Map<string, ChainedEntry[]>();
  for (const e of entries) byShard.set(e.shard, [...(byShard.get(e.shard) ?? []), e]);
  const headOf = new Map(heads.map((h) => [h.shard, h]));
  const shards = new Set([...byShard.keys(), ...headOf.keys()]);
  for (const shard of [...shards].sort()) {
    const chain = (byShard.get(shard) ?? []).sort((a, b) => a.seq - b.seq || a.id.localeCompare(b.id));
    let prev: { seq: number; hash: string } = { seq: 0, hash: genesisHash };
    for (const e of chain) {
      if (e.seq === prev.seq) {
        problems.push({ kind: 'duplicate', id: e.id, shard, seq: e.seq });
        continue;
      }
      if (e.seq !== prev.seq + 1) problems.push({ kind: 'gap', shard, afterSeq: prev.seq, missing: e.seq - prev.seq - 1, nextId: e.id });
      else if (e.prevHash !== prev.hash) problems.push({ kind: 'broken-link', id: e.id, shard, seq: e.seq });
      if (entryHash(e, e) !== e.hash) problems.push({ kind: 'edited', id: e.id, shard, seq: e.seq });
      prev = { seq: e.seq, hash: e.hash };
    }
    const head = headOf.get(shard);
    if (head !== undefined && head.seq > prev.seq)
      problems.push({ kind: 'gap', shard, afterSeq: prev.seq, missing: head.seq - prev.seq, nextId: null });
    else if (head !== undefined && head.seq === prev.seq && head.hash !== prev.hash && chain.length > 0)
      problems.push({ kind: 'broken-link', id: chain[chain.length - 1]!.id, shard, seq: prev.seq });
  }
  return { ok: problems.length === 0, entries: entries.length, shards: shards.size, problems };
}

/** One line per problem, naming the entry, for the CLI and the audit sheet. */
export function describeChainProblem(p: ChainProblem): string {
  switch (p.kind) {
    case 'edited':
      return `audit entry ${p.id} was changed after it was written (chain ${p.shard}, #${p.seq})`;
    case 'broken-link':
      return `audit entry ${p.id} does not follow the entry before it (chain ${p.shard}, #${p.seq})`;
    case 'gap':
      return `${p.missing} audit entr${p.missing === 1 ? 'y is' : 'ies are'} missing from chain ${p.shard} after #${p.afterSeq}${
        p.nextId !== null ? ` (before entry ${p.nextId})` : ' (at its end)'
      }`;
    case 'duplicate':
      return `audit entry ${p.id} repeats #${p.seq} of chain ${p.shard}`;
    case 'unchained':
      return `audit entry ${p.id} is not in any chain`;
  }
}
