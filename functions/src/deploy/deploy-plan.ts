import type { Phase, PlanInput, Step } from './plan-types.ts';
import { alertsPhases } from './phases/alerts.ts';
import { apisPhases } from './phases/apis.ts';
import { backupsPhases } from './phases/backups.ts';
import { databasePhases } from './phases/database.ts';
import { functionsPhases } from './phases/functions.ts';
import { indexesPhases } from './phases/indexes.ts';
import { invokersPhases } from './phases/invokers.ts';
import { projectRolesPhases } from './phases/project-roles.ts';
import { schedulerPhases } from './phases/scheduler.ts';
import { secretsPhases } from './phases/secrets.ts';
import { securityRulesPhases } from './phases/security-rules.ts';
import { serviceAccountsPhases } from './phases/service-accounts.ts';

export type { FirestoreIndexes, GcloudStep, Observed, Phase, PlanInput, Read, RulesStep, Step } from './plan-types.ts';
export { createdRuleset, functionUrl, gcloudMap, identities, serviceAccountEmail } from './plan-common.ts';

/**
 * The deploy as pure functions: from the configuration and what the project already holds, the
 * ordered commands that bring it to the wanted state. It goes in phases (one file each in phases/);
 * before each, the runner runs the phase's reads (gcloud describe / list / get-iam-policy, or a GET),
 * and the phase plans only what is missing or different. On a project where everything is already
 * right, every phase plans nothing: a second deploy only reads. With nothing observed (a dry run, a
 * fresh project) the plan is the full sequence.
 */
export const phases: Phase[] = [
  ...apisPhases,
  ...databasePhases,
  ...backupsPhases,
  ...indexesPhases,
  ...securityRulesPhases,
  ...serviceAccountsPhases,
  ...projectRolesPhases,
  ...secretsPhases,
  ...functionsPhases,
  ...invokersPhases,
  ...schedulerPhases,
  ...alertsPhases,
];

/** The whole sequence for a project where nothing exists yet: what `--dry-run` prints. */
export function freshPlan(input: PlanInput): Array<{ phase: string; steps: Step[] }> {
  return phases.map((p) => ({ phase: p.name, steps: p.plan(input, {}) }));
}
