import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { Firestore } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import { strippedSignature } from '../../../functions/src/http/oidc.ts';
import { scheduledHandler, schedulerAuthFromEnv } from '../../../functions/src/http/scheduled-job.ts';
import { stripSignature } from '../../../functions/src/local/iam-front-door.ts';
import type { JobServer } from '../../support/scheduled-job-server.ts';
import { answerOf, cloudRunForwarded, jobEnv, scheduledJobServers, schedulerAccount } from '../../support/scheduled-job-server.ts';
import { overdueReportsScheduledJob } from '../../../functions/src/operations/overdue-reports.ts';
import { publishRules } from '../../../functions/src/store/rules-store.ts';
import { testFirestore } from '../../support/firestore.ts';
import { rulesConfigSchema } from '../../../functions/src/schema/rules-config.ts';

// A day given without a time is a company day. New York is west of UTC (midnight UTC is the evening
// before there) and keeps daylight saving (its offset changes on 8 March and 1 November 2026).

const jobs = scheduledJobServers();

describe('the schedule slot a scheduled job receives', () => {
  let db: Firestore;
  let echo: JobServer;
  let overdue: JobServer;
  beforeAll(async () => {
    ({ db } = testFirestore('scheduled-slot'));
    await publishRules(db, rulesConfigSchema.parse({ timeZone: 'America/New_York' }), { by: 'head', at: '2026-01-01T00:00:00.000Z' });
    echo = await jobs.start(db, async ({ scheduleTime }) => ({ scheduleTime }));
    overdue = await jobs.start(db, overdueReportsScheduledJob);
  });
  const post = (server: JobServer, query = '', headers: Record<string, string> = {}) => server.post(query, headers);

  it('passes a manual ?at=YYYY-MM-DD on as that company day, not as midnight UTC', async () => {
    expect(await post(echo, `?at=2026-03-01`)).toEqual({ status: 200, body: { scheduleTime: '2026-03-01' } });
    // The job reads the day it was given, in a zone where midnight UTC is still the day before.
    expect((await post(overdue, `?at=2026-03-01`)).body.at).toBe('2026-03-01');
    // The morning daylight saving begins.
    expect((await post(overdue, `?at=2026-03-08`)).body.at).toBe('2026-03-08');
  });

  it('passes an instant on in UTC, read as the company day of that instant, daylight saving included', async () => {
    expect((await post(echo, '', { 'x-cloudscheduler-scheduletime': '2026-07-01T04:30:00+00:00' })).body).toEqual({
      scheduleTime: '2026-07-01T04:30:00.000Z',
    });
    // 00:30 in New York in summer (UTC-4), but 23:30 the evening before in winter (UTC-5).
    expect((await post(overdue, '', { 'x-cloudscheduler-scheduletime': '2026-07-01T04:30:00Z' })).body.at).toBe('2026-07-01');
    expect((await post(overdue, '', { 'x-cloudscheduler-scheduletime': '2026-12-01T04:30:00Z' })).body.at).toBe('2026-11-30');
    expect((await post(overdue, `?at=2026-11-01T05:30:00Z`)).body.at).toBe('2026-11-01');
  });

  it('refuses a slot that is not an ISO day or instant, naming where it came from', async () => {
    for (const at of ['2026-02-30', 'tomorrow', '1', '2026-03-01T10:00:00']) {
      const answer = await post(echo, `?at=${encodeURIComponent(at)}`);
      expect(answer.status, at).toBe(400);
      expect(answer.body.errors[0].path).toBe('at');
    }
    const header = await post(echo, '', { 'x-cloudscheduler-scheduletime': 'Mon, 01 Mar 2026 10:00:00 GMT' });
    expect(header.status).toBe(400);
    expect(header.body.errors[0].path).toBe('X-CloudScheduler-ScheduleTime');
  });
});

describe('a scheduled job behind Cloud Run’s IAM front door', () => {
  const slot = { 'x-cloudscheduler-scheduletime': '2026-06-01T03:00:00Z' };
  const sent = async (url: string, authorization: string) =>
    answerOf(await fetch(url, { method: 'POST', headers: { authorization, ...slot } }));

  it('runs each job function of the entry point on the token exactly as Cloud Run forwards it', async () => {
    const { db, projectId } = testFirestore('scheduled-entry');
    await publishRules(db, rulesConfigSchema.parse({}), { by: 'head', at: '2026-01-01T00:00:00.000Z' });
    const dev = await jobs.issuer();
    const keys = ['GCLOUD_PROJECT', ...Object.keys(jobEnv(dev, ''))];
    const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
    process.env.GCLOUD_PROJECT = projectId;
    try {
      await import('../../../functions/src/index.ts');
      for (const name of ['rotation', 'bonuses', 'overdueReports']) {
        // Each function reads its environment on its first call, as an instance does when it starts.
        const fn = await jobs.serve((audience) => {
          Object.assign(process.env, jobEnv(dev, audience));
          return getTestServer(name);
        });
        const forwarded = cloudRunForwarded(dev, fn.url);
        expect(forwarded.split('.')[2]).toBe(strippedSignature);
        const direct = await sent(fn.functionUrl, forwarded);
        expect(direct.status, `${name}: ${JSON.stringify(direct.body)}`).toBe(200);
        // The same run through the stand-in front door: the scheduler's signed token, stripped on the way.
        expect((await fn.post('', slot)).status, name).toBe(200);
        // Its health, for the deploy's --verify, behind the same front door; it starts no job.
        const health = await answerOf(await fetch(`${fn.functionUrl}health`));
        expect(health, name).toMatchObject({ status: 200, body: { status: 'ok' } });
      }
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('refuses a forged signature, any other unsigned third part, and stripped tokens whose claims are wrong', async () => {
    const { db } = testFirestore('scheduled-refusals');
    const echo = await jobs.start(db, async ({ caller }) => ({ caller }));
    const dev = await jobs.issuer();
    const forged = dev.forge({ email: schedulerAccount, audience: echo.url });
    expect((await sent(echo.functionUrl, `Bearer ${forged}`)).status).toBe(401);
    expect((await sent(echo.url, `Bearer ${forged}`)).status).toBe(401);
    const [header, payload] = dev.mint({ email: schedulerAccount, audience: echo.url }).split('.');
    for (const third of ['', 'none', 'SIGNATURE_REMOVED', 'signature_removed_by_google', `${strippedSignature}x`]) {
      const answer = await sent(echo.functionUrl, `Bearer ${header}.${payload}.${third}`);
      expect(answer.status, third).toBe(401);
    }
    const stripped = (claims: Parameters<typeof dev.mint>[0]) => stripSignature(`Bearer ${dev.mint(claims)}`);
    const wrong = [
      stripped({ email: schedulerAccount, audience: 'https://europe-west1-other.cloudfunctions.net/rotation' }),
      stripped({ email: schedulerAccount, audience: echo.url, expiresIn: -600 }),
      stripped({ email: schedulerAccount, audience: echo.url, issuer: 'https://issuer.example' }),
      stripped({ email: schedulerAccount, audience: echo.url, emailVerified: false }),
    ];
    for (const authorization of wrong) expect((await sent(echo.functionUrl, authorization)).status).toBe(401);
    // Past the front door by some other way, another account's token is still not the scheduler's.
    expect((await sent(echo.functionUrl, stripped({ email: 'someone@example.com', audience: echo.url }))).status).toBe(403);
    // A signed token is verified in full, and passes.
    const signed = await sent(echo.functionUrl, `Bearer ${dev.mint({ email: schedulerAccount, audience: echo.url })}`);
    expect(signed).toEqual({ status: 200, body: { caller: schedulerAccount } });
    expect(await sent(echo.functionUrl, cloudRunForwarded(dev, echo.url))).toEqual({ status: 200, body: { caller: schedulerAccount } });
  });

  it('refuses a stripped token where the function is not behind the front door, and keeps verifying signed ones', async () => {
    const { db } = testFirestore('scheduled-no-front-door');
    const dev = await jobs.issuer();
    const fn = await jobs.serve((audience) =>
      scheduledHandler(async ({ caller }) => ({ caller }), {
        db: () => db,
        auth: () => schedulerAuthFromEnv({ ...jobEnv(dev, audience), SCHEDULER_FRONT_DOOR: undefined }),
      }),
    );
    expect((await sent(fn.functionUrl, cloudRunForwarded(dev, fn.url))).status).toBe(401);
    expect((await sent(fn.functionUrl, `Bearer ${dev.mint({ email: schedulerAccount, audience: fn.url })}`)).status).toBe(200);
  });

  it('has no setting that turns the token check off', () => {
    expect(() => schedulerAuthFromEnv({ SCHEDULER_AUTH: 'disabled', FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080' })).toThrow(/not read/);
    expect(() =>
      schedulerAuthFromEnv({ SCHEDULER_AUDIENCE: 'https://x', SCHEDULER_SERVICE_ACCOUNT: schedulerAccount, SCHEDULER_FRONT_DOOR: 'yes' }),
    ).toThrow(/SCHEDULER_FRONT_DOOR/);
  });
});
