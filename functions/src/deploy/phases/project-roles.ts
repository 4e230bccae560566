import type { Phase, Step } from '../plan-types.ts';
import { identities, members, serviceAccountEmail, type Identity, type Policy } from '../plan-common.ts';

// The project roles of the service accounts, no more and no less.

export const projectRolesPhases: Phase[] = [
  {
    name: 'Project roles of the service accounts',
    reads: ({ config }) => [
      { key: 'projectPolicy', kind: 'gcloud', args: ['projects', 'get-iam-policy', config.project, '--format=json'] },
    ],
    plan: ({ config }, observed) => {
      const policy = observed.projectPolicy as Policy | undefined;
      const steps: Step[] = [];
      for (const id of Object.keys(identities) as Identity[]) {
        const member = `serviceAccount:${serviceAccountEmail(config, id)}`;
        const wanted = new Set(identities[id].projectRoles.map((r) => r.role));
        for (const { role, why } of identities[id].projectRoles) {
          if (!members(policy, role).includes(member))
            steps.push({
              kind: 'gcloud',
              args: ['projects', 'add-iam-policy-binding', config.project, `--member=${member}`, `--role=${role}`, '--condition=None'],
              why,
            });
        }
        // Least privilege is kept, not only granted: a role someone added by hand is taken away again.
        for (const b of policy?.bindings ?? []) {
          if (b.condition === undefined && !wanted.has(b.role) && (b.members ?? []).includes(member)) {
            steps.push({
              kind: 'gcloud',
              args: ['projects', 'remove-iam-policy-binding', config.project, `--member=${member}`, `--role=${b.role}`, '--condition=None'],
              why: `${identities[id].title} does not need ${b.role}`,
            });
          }
        }
      }
      return steps;
    },
  },
];
