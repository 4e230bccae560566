import type { Firestore } from 'firebase-admin/firestore';
import { rulesRosterProblems } from '../core/rules-roster-check.ts';
import { stableJson } from '../core/stable-json.ts';
import { AppError, parseOrThrow } from '../errors.ts';
import type { Manager } from '../schema/manager.ts';
import { rulesConfigSchema, type RulesConfig } from '../schema/rules-config.ts';
import { readRoster } from '../store/manager-store.ts';
import { publishRules, readRules, type PublishedRules } from '../store/rules-store.ts';

export type PublishRulesInput = {
  /** As sent: validated here, so an invalid config never replaces the version in force. */
  rules: unknown;
  actor: { by: string; at: string };
  expectedVersion?: number;
  /** Where the rules sit in what the caller sent: `rules` in the admin's request, `config` in a snapshot. */
  field?: string;
  /** The roster the rules will serve; the base's own unless given (an import brings its own managers). */
  roster?: ReadonlyArray<Manager>;
};

/** The roster once `incoming` is written over `base`: a manager in both is the incoming one. */
export function rosterAfter(base: ReadonlyArray<Manager>, incoming: ReadonlyArray<Manager>): Manager[] {
  const ids = new Set(incoming.map((m) => m.id));
  return [...base.filter((m) => !ids.has(m.id)), ...incoming];
}

/** The rules, parsed, if they fit the roster; else refused with every problem, each naming its field. */
export function checkRules(raw: unknown, roster: ReadonlyArray<Manager>, field = 'rules'): RulesConfig {
  const rules = parseOrThrow(rulesConfigSchema, raw ?? {}, 'rules config', field);
  const issues = rulesRosterProblems(rules, roster, field);
  if (issues.length > 0) throw new AppError('invalid-input', 'invalid rules config', { issues });
  return rules;
}

/**
 * Publishes a rules version: validated, checked against the roster it will serve, then written.
 * Every version is kept; an invalid config leaves the previous one in force.
 */
export async function publishRulesVersion(db: Firestore, input: PublishRulesInput): Promise<PublishedRules> {
  const rules = checkRules(input.rules, input.roster ?? (await readRoster(db)), input.field);
  return publishRules(db, rules, input.actor, input.expectedVersion);
}

/** An import's rules: a new version only when they differ from the rules in force (re-importing is harmless). */
export async function publishRulesIfChanged(db: Firestore, input: Omit<PublishRulesInput, 'expectedVersion'>): Promise<boolean> {
  const current = await readRules(db);
  const rules = checkRules(input.rules, input.roster ?? (await readRoster(db)), input.field);
  if (current.version !== 0 && stableJson(current.rules) === stableJson(rules)) return false;
  await publishRules(db, rules, input.actor);
  return true;
}
