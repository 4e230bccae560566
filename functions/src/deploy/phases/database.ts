import type { Phase } from '../plan-types.ts';
import { database, project } from '../plan-common.ts';

// The Firestore database, with point-in-time recovery and delete protection.

export const databasePhases: Phase[] = [
  {
    name: 'Firestore database, point-in-time recovery and delete protection',
    reads: ({ config }) => [
      {
        key: 'database',
        kind: 'gcloud',
        args: ['firestore', 'databases', 'describe', `--database=${database}`, project(config), '--format=json'],
      },
    ],
    plan: ({ config }, observed) => {
      const db = observed.database as { type?: string; pointInTimeRecoveryEnablement?: string; deleteProtectionState?: string } | undefined;
      if (!db) {
        return [
          {
            kind: 'gcloud',
            args: [
              'firestore',
              'databases',
              'create',
              `--database=${database}`,
              `--location=${config.firestoreLocation}`,
              '--type=firestore-native',
              '--enable-pitr',
              '--delete-protection',
              project(config),
            ],
            why: 'the database, with 7 days of point-in-time recovery and protection against deletion',
          },
        ];
      }
      if (db.type !== undefined && db.type !== 'FIRESTORE_NATIVE')
        throw new Error(`the project's database is in ${db.type} mode; clientbase needs Firestore in Native mode (use another project)`);
      const flags = [
        ...(db.pointInTimeRecoveryEnablement === 'POINT_IN_TIME_RECOVERY_ENABLED' ? [] : ['--enable-pitr']),
        ...(db.deleteProtectionState === 'DELETE_PROTECTION_ENABLED' ? [] : ['--delete-protection']),
      ];
      return flags.length === 0
        ? []
        : [
            {
              kind: 'gcloud',
              args: ['firestore', 'databases', 'update', `--database=${database}`, ...flags, project(config)],
              why: 'turn on point-in-time recovery and delete protection',
            },
          ];
    },
  },
];
