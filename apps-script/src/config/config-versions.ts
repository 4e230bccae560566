// The Config sheet's words for what changed between versions of the rules, and the merge of a
// version another admin published while this sheet was being edited. Pure.
import type { RuleChange, RulesConfig } from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import { settingSpec, tiers, valueAt, type ChoiceSet, type SettingKind, type TierKey } from './config-layout.ts';
import { plainPath } from './config-problems.ts';
import { describeValue, tierOf } from './config-values.ts';

/** A setting or tier field's label and kind, for lists of changes. */
function describePath(path: string, m: Messages): { label: string; kind: SettingKind | undefined; choices?: ChoiceSet } {
  const p = plainPath(path);
  const setting = settingSpec(p);
  if (setting)
    return {
      label: m.admin.config.settings[setting.key].label,
      kind: setting.kind,
      ...(setting.choices ? { choices: setting.choices } : {}),
    };
  for (const t of tiers) {
    const hit = new RegExp(`^${t.key.replace('.', '\\.')}\\.(\\d+)\\.(\\w+)$`).exec(p);
    if (hit) {
      const words = m.admin.config.tiers[t.key];
      const first = hit[2] === t.first.field;
      return {
        label: `${words.title} ${Number(hit[1]) + 1}: ${first ? words.first : words.second}`,
        kind: first ? t.first.kind : t.second.kind,
      };
    }
  }
  return { label: p, kind: undefined };
}

/** "Normal rate: 5 % → 6 %". */
export function describeChange(change: RuleChange, m: Messages): string {
  const { label, kind, choices } = describePath(change.path, m);
  const show = (v: unknown) =>
    kind ? describeValue(kind, v, m, choices) : v === null || v === undefined ? m.admin.config.notSet : String(v);
  return `${label}: ${show(change.before)} → ${show(change.after)}`;
}

/** A row's value in the base now, as its cells would show it, for a conflict note. */
export function describeRow(key: string, rules: RulesConfig, m: Messages): string {
  const setting = settingSpec(key);
  if (setting) return describeValue(setting.kind, valueAt(rules, setting.key), m, setting.choices);
  const [tierKey, slot] = key.split('#') as [TierKey, string];
  const t = tierOf(tierKey);
  const tier = ((valueAt(rules, tierKey) as Array<Record<string, unknown>> | undefined) ?? [])[Number(slot)];
  if (!tier) return m.admin.config.notSet;
  return `${describeValue(t.first.kind, tier[t.first.field], m)} → ${describeValue(t.second.kind, tier[t.second.field], m)}`;
}

/**
 * Another admin published while this sheet was being edited. Rows the person left as loaded take
 * the newer values; rows only the person changed keep theirs; rows both changed differently are
 * conflicts: the person's value stays, marked, until they publish or type the other value.
 */
export function mergeNewerRules(input: {
  now: ReadonlyMap<string, string>;
  loaded: ReadonlyMap<string, string>;
  theirs: ReadonlyMap<string, string>;
}): { take: string[]; conflicts: string[] } {
  const take: string[] = [];
  const conflicts: string[] = [];
  for (const [key, theirs] of input.theirs) {
    const mine = input.now.get(key) ?? '';
    const loaded = input.loaded.get(key) ?? '';
    if (theirs === loaded || mine === theirs) continue;
    if (mine === loaded) take.push(key);
    else conflicts.push(key);
  }
  return { take, conflicts };
}
