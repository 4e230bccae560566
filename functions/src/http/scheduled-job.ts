import type { HttpFunction } from '@google-cloud/functions-framework';
import type { Firestore } from 'firebase-admin/firestore';
import { AppError } from '../errors.ts';
import { parseIsoDate } from '../schema/common.ts';
import { openFirestore } from '../store/db.ts';
import { createIdentityVerifier, type VerifiedIdentity } from './oidc.ts';
import { sendProblem } from './problem.ts';

/**
 * Wraps a scheduled job as an HTTP function for Cloud Scheduler.
 * - Only the scheduler's service account may call it: its OIDC token's audience must be
 *   SCHEDULER_AUDIENCE (the function URL) and its e-mail SCHEDULER_SERVICE_ACCOUNT.
 *   Cloud Run IAM (no unauthenticated invocations) is the first gate; this is the second.
 * - Behind that gate (SCHEDULER_FRONT_DOOR=cloud-run-iam, set by the deploy for the job functions),
 *   Cloud Run has verified the signature and forwards the token with it replaced by
 *   `SIGNATURE_REMOVED_BY_GOOGLE`: such a token is accepted by its claims. A signed token is always
 *   verified in full, and without the front door a stripped one is refused (docs/deploy.md).
 * - The slot is `X-CloudScheduler-ScheduleTime` (or `?at=` for a manual run); the job itself keys
 *   its idempotency on it, so a retried or doubled delivery changes nothing.
 *
 * `scheduleTime` is either a bare company day `YYYY-MM-DD` or a full ISO instant (UTC).
 */
export type ScheduledJob<T> = (input: { db: Firestore; scheduleTime: string; caller: string; now?: () => Date }) => Promise<T>;

export type SchedulerAuth = {
  verify: (authorization: string | undefined) => Promise<VerifiedIdentity>;
  serviceAccount: string;
};

/** The front door the deploy puts in front of the job functions: Cloud Run's IAM invoker check. */
export const cloudRunFrontDoor = 'cloud-run-iam';

export function schedulerAuthFromEnv(env: NodeJS.ProcessEnv = process.env): SchedulerAuth {
  if (env.SCHEDULER_AUTH !== undefined)
    throw new Error('SCHEDULER_AUTH is not read any more: the jobs always check the scheduler token (the local stack signs one)');
  const audience = env.SCHEDULER_AUDIENCE ?? '';
  const serviceAccount = (env.SCHEDULER_SERVICE_ACCOUNT ?? '').toLowerCase();
  if (!audience || !serviceAccount)
    throw new Error('set SCHEDULER_AUDIENCE (the function URL) and SCHEDULER_SERVICE_ACCOUNT (the scheduler identity)');
  const frontDoor = env.SCHEDULER_FRONT_DOOR ?? '';
  if (frontDoor !== '' && frontDoor !== cloudRunFrontDoor)
    throw new Error(
      `SCHEDULER_FRONT_DOOR must be ${cloudRunFrontDoor} (the function is deployed with --no-allow-unauthenticated) or unset`,
    );
  return {
    verify: createIdentityVerifier({
      audience,
      acceptStrippedSignature: frontDoor === cloudRunFrontDoor,
      ...(env.ID_TOKEN_CERTS_URL ? { certsUrl: env.ID_TOKEN_CERTS_URL } : {}),
    }),
    serviceAccount,
  };
}

export function scheduledHandler<T>(
  job: ScheduledJob<T>,
  // `'disabled'` can only be passed in code (tests of reporting and outages); no setting turns the check off.
  options: { db?: () => Firestore; auth?: () => SchedulerAuth | 'disabled'; now?: () => Date } = {},
): HttpFunction {
  let auth: SchedulerAuth | 'disabled' | undefined;
  return async (req, res) => {
    try {
      if (req.method !== 'POST') throw new AppError('method-not-allowed', 'scheduled jobs are started with POST');
      auth ??= (options.auth ?? schedulerAuthFromEnv)();
      let caller = 'local';
      if (auth !== 'disabled') {
        const identity = await auth.verify(req.get('authorization'));
        if (identity.email !== auth.serviceAccount) throw new AppError('forbidden', 'only the scheduler identity may start this job');
        caller = identity.email;
      }
      const now = options.now ?? (() => new Date());
      const scheduleTime = scheduleSlot(
        req.get('x-cloudscheduler-scheduletime'),
        typeof req.query.at === 'string' ? req.query.at : undefined,
        now(),
      );
      const db = (options.db ?? openFirestore)();
      const result = await job({ db, scheduleTime, caller, now });
      res.status(200).json(result);
    } catch (e) {
      sendProblem(res, e);
    }
  };
}

/**
 * The schedule slot: the scheduler's header (an instant), a manual `?at=` (a company day
 * `YYYY-MM-DD`, passed on as that day, or an instant with its offset), or now. Jobs read it as a
 * company day with `companyDay(scheduleTime, rules.timeZone)`, so a bare day is never shifted
 * through midnight UTC into the day before in zones west of UTC.
 */
export function scheduleSlot(header: string | undefined, at: string | undefined, now: Date): string {
  const raw = header ?? at;
  if (raw === undefined) return now.toISOString();
  const parsed = parseIsoDate(raw.trim());
  if (!parsed.ok) {
    throw new AppError('invalid-input', 'the schedule time is not a date', {
      issues: [
        {
          path: header !== undefined ? 'X-CloudScheduler-ScheduleTime' : 'at',
          message: `${parsed.message} (a day YYYY-MM-DD in the company time zone, or an ISO date-time with offset)`,
        },
      ],
    });
  }
  return parsed.value;
}
