// The "Config" sheet as data: which settings of the rules it shows, in which section, of which
// kind (a whole number, a percentage, roubles, a day…), and the two tier tables. Pure. Bounds for
// data validation come from the server's own schema (rules-limits.ts), so the sheet and the base never disagree.
import { rulesLimits } from './rules-limits.ts';
import type { Messages } from '../messages.ts';

export type SettingKind = 'integer' | 'number' | 'percent' | 'money' | 'day' | 'text' | 'choice';
export type SectionKey = 'general' | 'rotation' | 'bonus' | 'mailing' | 'intake';
export type ChoiceSet = 'base' | 'intakeRule';

export type SettingSpec = { key: SettingKey; section: SectionKey; kind: SettingKind; optional?: boolean; choices?: ChoiceSet };

export const settingKeys = [
  'timeZone',
  'rotation.holdMonths',
  'rotation.noDealMonths',
  'rotation.noReturnRotations',
  'rotation.reportDays',
  'rotation.writesPerSecond',
  'bonus.base',
  'bonus.normalRate',
  'bonus.newClientMultiplier',
  'bonus.retentionMonths',
  'bonus.campaign.from',
  'bonus.campaign.to',
  'bonus.attractionBonus',
  'mailing.smsCadenceDays',
  'mailing.emailCadenceDays',
  'intake.rule',
  'intake.level',
  'intake.managerId',
  'intake.signupsPerMinutePerIp',
] as const;
export type SettingKey = (typeof settingKeys)[number];

export const settings: ReadonlyArray<SettingSpec> = [
  { key: 'timeZone', section: 'general', kind: 'text' },
  { key: 'rotation.holdMonths', section: 'rotation', kind: 'integer' },
  { key: 'rotation.noDealMonths', section: 'rotation', kind: 'integer' },
  { key: 'rotation.noReturnRotations', section: 'rotation', kind: 'integer' },
  { key: 'rotation.reportDays', section: 'rotation', kind: 'integer' },
  { key: 'rotation.writesPerSecond', section: 'rotation', kind: 'integer' },
  { key: 'bonus.base', section: 'bonus', kind: 'choice', choices: 'base' },
  { key: 'bonus.normalRate', section: 'bonus', kind: 'percent' },
  { key: 'bonus.newClientMultiplier', section: 'bonus', kind: 'number' },
  { key: 'bonus.retentionMonths', section: 'bonus', kind: 'integer' },
  { key: 'bonus.campaign.from', section: 'bonus', kind: 'day', optional: true },
  { key: 'bonus.campaign.to', section: 'bonus', kind: 'day', optional: true },
  { key: 'bonus.attractionBonus', section: 'bonus', kind: 'money' },
  { key: 'mailing.smsCadenceDays', section: 'mailing', kind: 'integer' },
  { key: 'mailing.emailCadenceDays', section: 'mailing', kind: 'integer' },
  { key: 'intake.rule', section: 'intake', kind: 'choice', choices: 'intakeRule' },
  { key: 'intake.level', section: 'intake', kind: 'integer', optional: true },
  { key: 'intake.managerId', section: 'intake', kind: 'text', optional: true },
  { key: 'intake.signupsPerMinutePerIp', section: 'intake', kind: 'integer' },
];

export const choiceCodes: Record<ChoiceSet, readonly string[]> = { base: ['profit', 'amount'], intakeRule: ['round-robin', 'fixed'] };

export type TierKey = 'bonus.attractionTiers' | 'bonus.cohortTiers';
/** A tier table: its threshold goes in the Setting column, its amount or rate in the Value column. */
export type TierSpec = { key: TierKey; first: { field: string; kind: SettingKind }; second: { field: string; kind: SettingKind } };

export const tiers: ReadonlyArray<TierSpec> = [
  { key: 'bonus.attractionTiers', first: { field: 'minClients', kind: 'integer' }, second: { field: 'amount', kind: 'money' } },
  { key: 'bonus.cohortTiers', first: { field: 'minShare', kind: 'percent' }, second: { field: 'rate', kind: 'percent' } },
];

/** The schema's own limit on tiers per table. */
export const maxTiers = Math.min(...tiers.map((t) => rulesLimits.maxItems[t.key] ?? 20));
/** Empty tier rows offered below the published ones, to add a tier by typing. */
export const spareTierRows = 2;

/** Row keys: a setting's path, a tier table's key, a tier row `bonus.attractionTiers#2`. */
export const tierRowKey = (tier: TierKey, slot: number) => `${tier}#${slot}`;
export const statusRowKey = '_status';

export function settingSpec(key: string): SettingSpec | undefined {
  return settings.find((s) => s.key === key);
}

/** A value at a dotted path of the rules (undefined when absent). */
export function valueAt(rules: unknown, path: string): unknown {
  let at: unknown = rules;
  for (const part of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** Sets a value at a dotted path, creating the objects on the way. */
export function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = target;
  for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
  at[parts[parts.length - 1]!] = value;
}

/** The smallest and largest value the base accepts at a path, in the rules' own units (rates as fractions, money in kopecks). */
export function boundsOf(path: string): { min: number | null; max: number | null } {
  return rulesLimits.fields.find((f) => f.path === path)?.number ?? { min: null, max: null };
}

/** The label of a choice in the person's language. */
export function choiceLabels(set: ChoiceSet, m: Messages): Record<string, string> {
  return set === 'base' ? m.admin.config.base : m.admin.config.intakeRules;
}
