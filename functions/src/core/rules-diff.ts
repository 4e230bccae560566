import type { RulesConfig } from '../schema/rules-config.ts';

// What differs between two versions of the rules, setting by setting, so that "who changed my
// rate" has an answer. Pure.

/** One setting that differs: its path (`bonus.normalRate`, `bonus.attractionTiers[1].amount`) and both values; null = not set. */
export type RuleChange = { path: string; before: unknown; after: unknown };

function leaves(value: unknown, path: string, out: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => leaves(item, `${path}[${i}]`, out));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) leaves(inner, path === '' ? key : `${path}.${key}`, out);
    return;
  }
  out.set(path, value ?? null);
}

/**
 * Every setting whose value differs from `before` to `after`, in the order the settings come in
 * (a tier added or removed reads as its values going from or to null).
 */
export function rulesChanges(before: RulesConfig, after: RulesConfig): RuleChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  leaves(before, '', a);
  leaves(after, '', b);
  const paths = [...new Set([...b.keys(), ...a.keys()])];
  return paths.flatMap((path) => {
    const from = a.has(path) ? a.get(path) : null;
    const to = b.has(path) ? b.get(path) : null;
    return from === to ? [] : [{ path, before: from, after: to }];
  });
}
