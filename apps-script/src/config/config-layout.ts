// The "Config" sheet as data: which settings of the rules it shows, in which section, of which
// kind (a whole number, a percentage, roubles, a day…), and the two tier tables. Pure. Bounds for
// data validation, the settings and their order come from the server's own schema (rules-limits.ts),
// so the sheet and the base never disagree.
import type { RulesConfig } from '../../../functions/src/api/contract.ts';
import { rulesLimits } from './rules-limits.ts';
import type { Messages } from '../messages.ts';

export type SettingKind = 'integer' | 'number' | 'percent' | 'money' | 'day' | 'text' | 'choice';
export type SectionKey = 'general' | 'rotation' | 'bonus' | 'mailing' | 'intake';
export type ChoiceSet = 'base' | 'intakeRule' | 'dealConfirmation';

export type SettingSpec = { key: SettingKey; section: SectionKey; kind: SettingKind; optional?: boolean; choices?: ChoiceSet };

/** The dotted paths of the rules' settings: every value that is not a list (the tier tables are). */
type SettingPaths<T, P extends string = ''> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends readonly unknown[]
    ? never
    : NonNullable<T[K]> extends object
      ? SettingPaths<NonNullable<T[K]>, `${P}${K}.`>
      : `${P}${K}`;
}[keyof T & string];
export type SettingKey = SettingPaths<RulesConfig>;

/** How the sheet shows each setting; a setting added to the schema fails the typecheck until it has its line here. */
const shownAs: Record<SettingKey, { kind: SettingKind; choices?: ChoiceSet }> = {
  timeZone: { kind: 'text' },
  'rotation.holdMonths': { kind: 'integer' },
  'rotation.noDealMonths': { kind: 'integer' },
  'rotation.noReturnRotations': { kind: 'integer' },
  'rotation.reportDays': { kind: 'integer' },
  'rotation.writesPerSecond': { kind: 'integer' },
  'rotation.minDealAmount': { kind: 'money' },
  'rotation.warnDays': { kind: 'integer' },
  'rotation.holdoutShare': { kind: 'percent' },
  'bonus.base': { kind: 'choice', choices: 'base' },
  'bonus.normalRate': { kind: 'percent' },
  'bonus.newClientMultiplier': { kind: 'number' },
  'bonus.retentionMonths': { kind: 'integer' },
  'bonus.campaign.from': { kind: 'day' },
  'bonus.campaign.to': { kind: 'day' },
  'bonus.attractionBonus': { kind: 'money' },
  'bonus.dealConfirmation': { kind: 'choice', choices: 'dealConfirmation' },
  'bonus.minDealAmount': { kind: 'money' },
  'bonus.disputeDays': { kind: 'integer' },
  'mailing.smsCadenceDays': { kind: 'integer' },
  'mailing.emailCadenceDays': { kind: 'integer' },
  'intake.rule': { kind: 'choice', choices: 'intakeRule' },
  'intake.level': { kind: 'integer' },
  'intake.managerId': { kind: 'text' },
  'intake.signupsPerMinutePerIp': { kind: 'integer' },
  'protection.maxDestructiveEditsPerDay': { kind: 'integer' },
};

const sections: readonly SectionKey[] = ['rotation', 'bonus', 'mailing', 'intake'];
const sectionOf = (key: SettingKey): SectionKey => sections.find((s) => key.startsWith(`${s}.`)) ?? 'general';

/** The settings in the schema's order, each optional where the schema lets it be left out (no default stands in). */
export const settings: ReadonlyArray<SettingSpec> = rulesLimits.settings.map(({ path, optional }) => {
  const key = path as SettingKey;
  const { kind, choices } = shownAs[key];
  return { key, section: sectionOf(key), kind, ...(optional ? { optional } : {}), ...(choices ? { choices } : {}) };
});
export const settingKeys: readonly SettingKey[] = settings.map((s) => s.key);

export const choiceCodes: Record<ChoiceSet, readonly string[]> = {
  base: ['profit', 'amount'],
  intakeRule: ['round-robin', 'fixed'],
  dealConfirmation: ['required', 'not-required'],
};

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
  const labels: Record<ChoiceSet, Record<string, string>> = {
    base: m.admin.config.base,
    intakeRule: m.admin.config.intakeRules,
    dealConfirmation: m.admin.config.dealConfirmations,
  };
  return labels[set];
}
