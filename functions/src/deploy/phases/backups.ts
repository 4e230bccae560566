import type { Phase } from '../plan-types.ts';
import { database, project } from '../plan-common.ts';

// A daily backup schedule.

const scheduleArgs = (verb: 'create' | 'update', which: string, retention: string, projectFlag: string) => [
  'firestore',
  'backups',
  'schedules',
  verb,
  `--database=${database}`,
  which,
  `--retention=${retention}`,
  projectFlag,
];

export const backupsPhases: Phase[] = [
  {
    name: 'Daily backups',
    reads: ({ config }) => [
      {
        key: 'backupSchedules',
        kind: 'gcloud',
        args: ['firestore', 'backups', 'schedules', 'list', `--database=${database}`, project(config), '--format=json'],
      },
    ],
    plan: ({ config }, observed) => {
      const schedules =
        (observed.backupSchedules as Array<{ name?: string; retention?: string; dailyRecurrence?: unknown }> | undefined) ?? [];
      const daily = schedules.find((s) => s.dailyRecurrence !== undefined);
      const retention = `${config.backups.retentionDays}d`;
      if (!daily)
        return [
          {
            kind: 'gcloud',
            args: scheduleArgs('create', '--recurrence=daily', retention, project(config)),
            why: `a backup every day, each kept ${config.backups.retentionDays} days`,
          },
        ];
      if (daily.retention === `${config.backups.retentionDays * 86_400}s`) return [];
      const id = daily.name?.split('/').pop() ?? '';
      return [
        {
          kind: 'gcloud',
          args: scheduleArgs('update', `--backup-schedule=${id}`, retention, project(config)),
          why: `keep each daily backup ${config.backups.retentionDays} days`,
        },
      ];
    },
  },
];
