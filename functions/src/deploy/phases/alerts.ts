import type { DeployConfig } from '../../schema/deploy-config.ts';
import type { Phase } from '../plan-types.ts';
import { hash, project, specLabel } from '../plan-common.ts';

// Alert e-mails: channels and one policy.

const alertPolicyName = 'clientbase: failed run, failed publish or overdue handover report';

/** The alert policy: any log entry a clientbase function marks with `alert` mails the admins (at most one mail per 30 minutes). */
function alertPolicy(config: DeployConfig, channels: string[]): Record<string, unknown> {
  const body = {
    displayName: alertPolicyName,
    combiner: 'OR',
    conditions: [
      {
        displayName: 'a clientbase log entry with an alert field',
        conditionMatchedLog: { filter: `resource.type="cloud_run_revision" AND jsonPayload.alert:* AND severity>=WARNING` },
      },
    ],
    alertStrategy: { notificationRateLimit: { period: '1800s' }, autoClose: '604800s' },
    documentation: {
      content: 'See the Alerts tab of the reports spreadsheet and docs/operations.md (a failed job, re-running a day).',
      mimeType: 'text/markdown',
    },
    notificationChannels: channels,
  };
  return { ...body, userLabels: { [specLabel]: hash({ ...body, project: config.project }) } };
}

type Channel = { name?: string; type?: string; labels?: { email_address?: string } };

export const alertsPhases: Phase[] = [
  {
    name: 'Alert e-mails (Cloud Monitoring)',
    reads: ({ config }) => [
      { key: 'channels', kind: 'gcloud', args: ['beta', 'monitoring', 'channels', 'list', project(config), '--format=json'] },
    ],
    plan: ({ config }, observed) => {
      const channels = (observed.channels as Channel[] | undefined) ?? [];
      return config.alertEmails
        .filter((email) => !channels.some((c) => c.type === 'email' && c.labels?.email_address === email))
        .map((email) => ({
          kind: 'gcloud',
          args: [
            'beta',
            'monitoring',
            'channels',
            'create',
            '--type=email',
            `--display-name=clientbase alerts: ${email}`,
            `--channel-labels=email_address=${email}`,
            project(config),
          ],
          why: `alerts reach ${email} by e-mail`,
        }));
    },
  },
  {
    name: 'Alert e-mails (Cloud Monitoring)',
    reads: ({ config }) => [
      { key: 'channels', kind: 'gcloud', args: ['beta', 'monitoring', 'channels', 'list', project(config), '--format=json'] },
      { key: 'alertPolicies', kind: 'gcloud', args: ['alpha', 'monitoring', 'policies', 'list', project(config), '--format=json'] },
    ],
    plan: ({ config }, observed) => {
      const channels = (observed.channels as Channel[] | undefined) ?? [];
      const names = config.alertEmails.map(
        (email) =>
          channels.find((c) => c.type === 'email' && c.labels?.email_address === email)?.name ?? `<the channel created above for ${email}>`,
      );
      const wanted = alertPolicy(config, names);
      const existing = (
        (observed.alertPolicies as Array<{ name?: string; displayName?: string; userLabels?: Record<string, string> }> | undefined) ?? []
      ).find((p) => p.displayName === alertPolicyName);
      const label = (wanted.userLabels as Record<string, string>)[specLabel];
      if (existing?.userLabels?.[specLabel] === label) return [];
      const json = JSON.stringify(wanted);
      return [
        existing?.name
          ? {
              kind: 'gcloud',
              args: ['alpha', 'monitoring', 'policies', 'update', existing.name, `--policy=${json}`, project(config)],
              why: 'mail the admins when a run fails, a publish fails or a handover report is overdue',
            }
          : {
              kind: 'gcloud',
              args: ['alpha', 'monitoring', 'policies', 'create', `--policy=${json}`, project(config)],
              why: 'mail the admins when a run fails, a publish fails or a handover report is overdue',
            },
      ];
    },
  },
];
