import { z } from 'zod';

/**
 * `deploy.json`: everything `npm run deploy` needs to know about one production installation.
 * No secret goes here: secrets live in Secret Manager only (the deploy creates them with random
 * values the first time; see docs/deploy.md).
 */
const cron = z
  .string()
  .trim()
  .regex(/^(\S+\s+){4}\S+$/, 'must be a cron schedule of five fields, e.g. "0 6 1 * *"');

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const origin = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === v;
    } catch {
      return false;
    }
  }, 'must be a web origin such as https://example.com (scheme and host, no path)');

const clientId = z
  .string()
  .trim()
  .regex(/^\d+-[a-z0-9]+\.apps\.googleusercontent\.com$/, "must be the add-on's OAuth client id, NNN-xxxx.apps.googleusercontent.com");

export const deployConfigSchema = z
  .object({
    project: z
      .string()
      .trim()
      .regex(
        /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
        'must be a Google Cloud project id: 6 to 30 lower-case letters, digits or hyphens, starting with a letter',
      ),
    region: z
      .string()
      .trim()
      .regex(/^[a-z]+-[a-z]+\d+$/, 'must be a Cloud Run region such as europe-west1'),
    firestoreLocation: z
      .string()
      .trim()
      .regex(/^[a-z]+[a-z0-9-]*\d$/, 'must be a Firestore location such as eur3, nam5 or europe-west1'),
    timeZone: z.string().trim().refine(isTimeZone, 'must be an IANA time zone such as Europe/Moscow (the one the published rules use)'),
    /** One OAuth client id, or a list (an add-on moved to another Cloud project keeps working for the old one until all updated). */
    apiAudience: z.union([clientId, z.array(clientId).min(1, 'must list at least one client id').max(5, 'must list at most 5 client ids')]),
    reportsSpreadsheetId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{25,100}$/, "must be the id in the spreadsheet's address (docs.google.com/spreadsheets/d/<id>/edit)"),
    alertEmails: z
      .array(z.email('must be an e-mail address'))
      .min(1, 'must name at least one address')
      .max(10, 'must name at most 10 addresses'),
    backups: z
      .object({
        retentionDays: z
          .number()
          .int('must be a whole number of days')
          .min(1, 'must be at least 1')
          .max(98, 'must be at most 98 (Firestore keeps backups up to 14 weeks)'),
      })
      .strict(),
    signup: z
      .object({
        allowedOrigins: z.array(origin).max(20, 'must list at most 20 origins').default([]),
        thanksUrl: z.url({ protocol: /^https$/, error: 'must be an https:// address' }).optional(),
        trustedProxyHops: z.number().int().min(1, 'must be at least 1').max(5, 'must be at most 5').default(1),
      })
      .strict()
      .default({ allowedOrigins: [], trustedProxyHops: 1 }),
    secrets: z
      .object({
        /** After a rotation of the unsubscribe secret: the version that still verifies links already sent. */
        unsubscribePreviousVersion: z.number().int('must be a version number').positive('must be a version number').optional(),
      })
      .strict()
      .default({}),
    schedules: z
      .object({ 'bonuses-monthly': cron.optional(), 'rotation-monthly': cron.optional(), 'overdue-reports-daily': cron.optional() })
      .strict()
      .default({}),
    /**
     * How the public functions (api, signup, unsubscribe) let anyone call them: an `allUsers` invoker
     * binding, or Cloud Run's invoker IAM check turned off, for organisations whose domain-restricted
     * sharing policy (iam.allowedPolicyMemberDomains) refuses `allUsers` (docs/deploy.md).
     */
    publicAccess: z
      .enum(['allUsers', 'no-invoker-iam-check'], { error: 'must be "allUsers" or "no-invoker-iam-check"' })
      .default('allUsers'),
    /** Service accounts are named <prefix>-api, <prefix>-jobs, ...: change it to run two installations in one project. */
    serviceAccountPrefix: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9-]{2,18}[a-z0-9]$/, 'must be 4 to 20 lower-case letters, digits or hyphens')
      .default('clientbase'),
  })
  .strict();

export type DeployConfig = z.infer<typeof deployConfigSchema>;
