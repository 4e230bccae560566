import { describe, expect, it } from 'vitest';
import {
  auditShard,
  describeChainProblem,
  genesisHash,
  nextLink,
  verifyChains,
  type ChainedEntry,
  type ChainHead,
} from '../../../functions/src/core/audit-chain.ts';

/** A chain of `n` entries in one shard, built as the store builds it, and its head. */
function chain(n: number, shard = 'head~0'): { entries: ChainedEntry[]; head: ChainHead } {
  const entries: ChainedEntry[] = [];
  let head: ChainHead | undefined;
  for (let i = 1; i <= n; i++) {
    const entry = { at: `2026-12-07T10:00:0${i}.000Z`, actor: 'head', action: 'edit client', outcome: 'ok', details: { n: i, b: 1, a: 2 } };
    const link = nextLink(entry, shard, head);
    entries.push({ ...entry, ...link, id: `e${i}` });
    head = { shard, seq: link.seq, hash: link.hash };
  }
  return { entries, head: head! };
}

describe('audit hash chain', () => {
  it('starts at 1 from the genesis hash and links each entry to the one before', () => {
    const { entries } = chain(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBe(genesisHash);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[2]!.prevHash).toBe(entries[1]!.hash);
  });

  it('holds for an untouched chain, whatever order the keys come back in', () => {
    const { entries, head } = chain(3);
    const reordered = entries.map((e) => Object.fromEntries(Object.entries(e).reverse()) as ChainedEntry);
    expect(verifyChains(reordered, [], [head])).toEqual({ ok: true, entries: 3, shards: 1, problems: [] });
  });

  it('names an entry whose content was changed', () => {
    const { entries, head } = chain(3);
    entries[1] = { ...entries[1]!, outcome: 'refused' };
    const report = verifyChains(entries, [], [head]);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ kind: 'edited', id: 'e2', shard: 'head~0', seq: 2 }]);
    expect(describeChainProblem(report.problems[0]!)).toContain('e2');
  });

  it('finds a rehashed entry by its broken link to the next one', () => {
    const { entries, head } = chain(3);
    const changed = { ...entries[1]!, outcome: 'refused' };
    entries[1] = { ...changed, ...nextLink(changed, 'head~0', { seq: 1, hash: entries[0]!.hash }), id: 'e2' };
    expect(verifyChains(entries, [], [head]).problems).toEqual([{ kind: 'broken-link', id: 'e3', shard: 'head~0', seq: 3 }]);
  });

  it('reports a removed entry as a gap before the next, and a removed last entry against the head', () => {
    const { entries, head } = chain(4);
    const middle = verifyChains([entries[0]!, entries[2]!, entries[3]!], [], [head]);
    expect(middle.problems).toEqual([{ kind: 'gap', shard: 'head~0', afterSeq: 1, missing: 1, nextId: 'e3' }]);
    const tail = verifyChains(entries.slice(0, 3), [], [head]);
    expect(tail.problems).toEqual([{ kind: 'gap', shard: 'head~0', afterSeq: 3, missing: 1, nextId: null }]);
    expect(describeChainProblem(tail.problems[0]!)).toMatch(/1 audit entry is missing .* \(at its end\)/);
  });

  it('reports entries outside any chain and a repeated number', () => {
    const { entries, head } = chain(2);
    const report = verifyChains([...entries, { ...entries[1]!, id: 'copy' }], ['loose'], [head]);
    expect(report.problems).toEqual([
      { kind: 'unchained', id: 'loose' },
      { kind: 'duplicate', id: 'e2', shard: 'head~0', seq: 2 },
    ]);
  });

  it('spreads one actor over a few shards by target, always the same shard for the same target', () => {
    expect(auditShard('head', 'clients/c1')).toBe(auditShard('head', 'clients/c1'));
    const shards = new Set(Array.from({ length: 50 }, (_, i) => auditShard('head', `clients/c${i}`)));
    expect(shards.size).toBeGreaterThan(3);
    expect([...shards].every((s) => s.startsWith('head~'))).toBe(true);
    expect(auditShard('a/b c', undefined)).toMatch(/^a_b_c~\d+$/);
  });
});
