import type { Phase } from '../plan-types.ts';
import { identities, project, serviceAccountEmail, type Identity } from '../plan-common.ts';

// One service account per role.

export const serviceAccountsPhases: Phase[] = [
  {
    name: 'Service accounts, one per role',
    reads: ({ config }) => [
      { key: 'serviceAccounts', kind: 'gcloud', args: ['iam', 'service-accounts', 'list', project(config), '--format=json'] },
    ],
    plan: ({ config }, observed) =>
      (Object.keys(identities) as Identity[])
        .filter(
          (id) =>
            !((observed.serviceAccounts as Array<{ email?: string }> | undefined) ?? []).some(
              (a) => a.email === serviceAccountEmail(config, id),
            ),
        )
        .map((id) => ({
          kind: 'gcloud',
          args: [
            'iam',
            'service-accounts',
            'create',
            `${config.serviceAccountPrefix}-${identities[id].suffix}`,
            `--display-name=${identities[id].title}`,
            project(config),
          ],
          why: `the identity of ${identities[id].title}`,
        })),
  },
];
