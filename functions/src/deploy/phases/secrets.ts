import { functionNames, functionTable } from '../function-table.ts';
import type { Phase, Step } from '../plan-types.ts';
import { listedNames, members, project, secretNames, secretVersionsRead, serviceAccountEmail, type Policy } from '../plan-common.ts';

// The secrets in Secret Manager, each readable only by the functions that use it.

export const secretsPhases: Phase[] = [
  {
    name: 'Secrets (Secret Manager)',
    reads: ({ config }) => [
      { key: 'secrets', kind: 'gcloud', args: ['secrets', 'list', project(config), '--format=json'] },
      ...secretNames.flatMap((s) => [
        secretVersionsRead(config, s),
        { key: `secretPolicy:${s}`, kind: 'gcloud' as const, args: ['secrets', 'get-iam-policy', s, project(config), '--format=json'] },
      ]),
    ],
    plan: ({ config }, observed) => {
      const steps: Step[] = [];
      const existing = listedNames(observed, 'secrets');
      for (const s of secretNames) {
        if (!existing.has(s))
          steps.push({
            kind: 'gcloud',
            args: ['secrets', 'create', s, '--replication-policy=automatic', project(config)],
            why: `the secret ${s}`,
          });
        if (((observed[`secretVersions:${s}`] as unknown[] | undefined) ?? []).length === 0) {
          steps.push({
            kind: 'gcloud',
            args: ['secrets', 'versions', 'add', s, '--data-file=-', project(config)],
            why: `a random first value for ${s} (read it with gcloud secrets versions access latest --secret=${s})`,
            stdin: { randomBytes: 32 },
          });
        }
        const readers = new Set(
          functionNames
            .filter((f) => Object.values(functionTable[f].secrets).includes(s))
            .map((f) => serviceAccountEmail(config, functionTable[f].role)),
        );
        const granted = members(observed[`secretPolicy:${s}`] as Policy | undefined, 'roles/secretmanager.secretAccessor');
        for (const email of [...readers].sort()) {
          if (!granted.includes(`serviceAccount:${email}`)) {
            steps.push({
              kind: 'gcloud',
              args: [
                'secrets',
                'add-iam-policy-binding',
                s,
                `--member=serviceAccount:${email}`,
                '--role=roles/secretmanager.secretAccessor',
                project(config),
              ],
              why: `only the functions that use ${s} may read it`,
            });
          }
        }
      }
      return steps;
    },
  },
];
