import type { Phase } from '../plan-types.ts';
import { project, requiredServices } from '../plan-common.ts';

// The Google APIs the installation uses.

export const apisPhases: Phase[] = [
  {
    name: 'APIs',
    reads: ({ config }) => [{ key: 'services', kind: 'gcloud', args: ['services', 'list', '--enabled', project(config), '--format=json'] }],
    plan: ({ config }, observed) => {
      const enabled = new Set(((observed.services as Array<{ config?: { name?: string } }> | undefined) ?? []).map((s) => s.config?.name));
      const missing = requiredServices.filter((s) => !enabled.has(s));
      return missing.length === 0
        ? []
        : [
            {
              kind: 'gcloud',
              args: ['services', 'enable', ...missing, project(config)],
              why: 'turn on the Google APIs the installation uses',
            },
          ];
    },
  },
];
