import type { FieldIssue } from '../errors.ts';
import type { Manager } from '../schema/manager.ts';
import type { RulesConfig } from '../schema/rules-config.ts';
import { receivesClients } from './roster.ts';

/**
 * What the schema cannot see about a rules config: the settings that name people. A fixed intake
 * manager who is not an active manager, or a round-robin level nobody active holds, would send
 * every sign-up to the unassigned base without anyone noticing. Pure.
 */
export function rulesRosterProblems(rules: RulesConfig, roster: ReadonlyArray<Manager>, prefix = 'rules'): FieldIssue[] {
  const active = roster.filter((m) => receivesClients(m));
  const issues: FieldIssue[] = [];
  const { intake } = rules;
  if (intake.rule === 'fixed' && intake.managerId !== undefined && !active.some((m) => m.id === intake.managerId)) {
    const known = roster.some((m) => m.id === intake.managerId);
    issues.push({
      path: `${prefix}.intake.managerId`,
      message: known ? `${intake.managerId} is not an active sales manager` : `${intake.managerId} is not on the roster`,
    });
  }
  if (intake.rule === 'round-robin' && intake.level !== undefined && !active.some((m) => m.level === intake.level)) {
    issues.push({ path: `${prefix}.intake.level`, message: `no active sales manager has level ${intake.level}` });
  }
  return issues;
}
