// Judging an edit that ran into a newer version, field by field, for any record a sheet keeps
// (a client, a roster entry, a setting of the rules). Pure. The three values of a field: what was
// loaded, what the person has now ("mine"), what the base has now ("theirs").

export type ConflictVerdict<F extends string> =
  /** Nobody touched what the person changed: send it again on the new version. */
  | { kind: 'rebase'; send: F[] }
  /** The base already has the person's values: nothing left to send. */
  | { kind: 'same' }
  /** Both changed the same field to different values: the person decides. */
  | { kind: 'conflict'; fields: F[] };

/**
 * `loaded` is null when the loaded values were lost (the hidden sheet deleted): then every field
 * where the person's value differs from the base's is treated as theirs too.
 */
export function judgeFields<F extends string>(
  fields: readonly F[],
  loaded: Readonly<Record<F, string>> | null,
  mine: Readonly<Record<F, string>>,
  theirs: Readonly<Record<F, string>>,
): ConflictVerdict<F> {
  const mineChanged = fields.filter((k) => (loaded === null ? mine[k] !== theirs[k] : mine[k] !== loaded[k]));
  const conflicting = mineChanged.filter((k) => theirs[k] !== mine[k] && (loaded === null || theirs[k] !== loaded[k]));
  if (conflicting.length > 0) return { kind: 'conflict', fields: conflicting };
  const send = mineChanged.filter((k) => mine[k] !== theirs[k]);
  return send.length > 0 ? { kind: 'rebase', send } : { kind: 'same' };
}

/** The person's values with the base's taken where both changed a field ("take theirs"). */
export function takeTheirFields<F extends string>(
  fields: readonly F[],
  loaded: Readonly<Record<F, string>> | null,
  mine: Readonly<Record<F, string>>,
  theirs: Readonly<Record<F, string>>,
): Record<F, string> {
  const verdict = judgeFields(fields, loaded, mine, theirs);
  const out = { ...mine } as Record<F, string>;
  if (verdict.kind === 'conflict') for (const k of verdict.fields) out[k] = theirs[k];
  return out;
}
