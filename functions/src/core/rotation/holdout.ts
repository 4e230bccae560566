import { seededTie } from './manager-heap.ts';

/** A client a rotation kept with its holder on purpose, to compare with the ones it moved. */
export type HeldOut = { clientId: string; managerId: string };

export type HoldoutCandidate = { id: string; managerId: string; size?: 'regular' | 'large' };

export type HoldoutInput = {
  candidates: ReadonlyArray<HoldoutCandidate>;
  /** 0 to 0.5 of the candidates. */
  share: number;
  /** The run's own seed (its day): the same run always holds out the same clients. */
  seed: string;
  /** Held out by the previous rotation: a client is never kept back two runs running. */
  previous?: ReadonlySet<string>;
};

/**
 * Chooses the share of a run's candidates that stays with their holders, as a trial draws its
 * control group: by a hash of run and client, so nobody can pick which clients are kept. Large and
 * regular clients are drawn apart, each in proportion, so the two groups stay alike in size mix.
 */
export function chooseHoldout(input: HoldoutInput): HeldOut[] {
  if (input.share <= 0) return [];
  const previous = input.previous ?? new Set<string>();
  const chosen: HeldOut[] = [];
  for (const size of ['large', 'regular'] as const) {
    const stratum = input.candidates.filter((c) => (c.size === 'large') === (size === 'large'));
    const want = Math.round(stratum.length * input.share);
    if (want === 0) continue;
    const drawn = stratum
      .filter((c) => !previous.has(c.id))
      .map((c) => ({ c, key: seededTie(`holdout|${input.seed}`, c.id) }))
      .sort((a, b) => a.key - b.key || (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0));
    for (const { c } of drawn.slice(0, want)) chosen.push({ clientId: c.id, managerId: c.managerId });
  }
  return chosen.sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
}
