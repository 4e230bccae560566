import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { Firestore } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledHandler, type ScheduledJob } from '../../../functions/src/http/scheduled-job.ts';
import { overdueReportsScheduledJob } from '../../../functions/src/operations/overdue-reports.ts';
import { publishRules } from '../../../functions/src/store/rules-store.ts';
import { testFirestore } from '../../support/firestore.ts';
import { rulesConfigSchema } from '../../../functions/src/schema/rules-config.ts';

// A day given without a time is a company day. New York is west of UTC (midnight UTC is the evening
// before there) and keeps daylight saving (its offset changes on 8 March and 1 November 2026).

const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

async function serve(db: Firestore, job: ScheduledJob<unknown>): Promise<string> {
  const name = `scheduled-job-test-${servers.length}`;
  const scheduler = 'scheduler@clientbase.iam.gserviceaccount.com';
  http(
    name,
    scheduledHandler(job, {
      db: () => db,
      auth: () => ({
        serviceAccount: scheduler,
        verify: async () => ({ email: scheduler, emailVerified: true, subject: '1', audience: 'x' }),
      }),
    }),
  );
  const server = getTestServer(name);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const post = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer t', ...headers } });
  return { status: res.status, body: (await res.json()) as any };
};

describe('the schedule slot a scheduled job receives', () => {
  let db: Firestore;
  let echo: string;
  let overdue: string;
  beforeAll(async () => {
    ({ db } = testFirestore('scheduled-slot'));
    await publishRules(db, rulesConfigSchema.parse({ timeZone: 'America/New_York' }), { by: 'head', at: '2026-01-01T00:00:00.000Z' });
    echo = await serve(db, async ({ scheduleTime }) => ({ scheduleTime }));
    overdue = await serve(db, overdueReportsScheduledJob);
  });

  it('passes a manual ?at=YYYY-MM-DD on as that company day, not as midnight UTC', async () => {
    expect(await post(`${echo}?at=2026-03-01`)).toEqual({ status: 200, body: { scheduleTime: '2026-03-01' } });
    // The job reads the day it was given, in a zone where midnight UTC is still the day before.
    expect((await post(`${overdue}?at=2026-03-01`)).body.at).toBe('2026-03-01');
    // The morning daylight saving begins.
    expect((await post(`${overdue}?at=2026-03-08`)).body.at).toBe('2026-03-08');
  });

  it('passes an instant on in UTC, read as the company day of that instant, daylight saving included', async () => {
    expect((await post(echo, { 'x-cloudscheduler-scheduletime': '2026-07-01T04:30:00+00:00' })).body).toEqual({
      scheduleTime: '2026-07-01T04:30:00.000Z',
    });
    // 00:30 in New York in summer (UTC-4), but 23:30 the evening before in winter (UTC-5).
    expect((await post(overdue, { 'x-cloudscheduler-scheduletime': '2026-07-01T04:30:00Z' })).body.at).toBe('2026-07-01');
    expect((await post(overdue, { 'x-cloudscheduler-scheduletime': '2026-12-01T04:30:00Z' })).body.at).toBe('2026-11-30');
    expect((await post(`${overdue}?at=2026-11-01T05:30:00Z`)).body.at).toBe('2026-11-01');
  });

  it('refuses a slot that is not an ISO day or instant, naming where it came from', async () => {
    for (const at of ['2026-02-30', 'tomorrow', '1', '2026-03-01T10:00:00']) {
      const answer = await post(`${echo}?at=${encodeURIComponent(at)}`);
      expect(answer.status, at).toBe(400);
      expect(answer.body.errors[0].path).toBe('at');
    }
    const header = await post(echo, { 'x-cloudscheduler-scheduletime': 'Mon, 01 Mar 2026 10:00:00 GMT' });
    expect(header.status).toBe(400);
    expect(header.body.errors[0].path).toBe('X-CloudScheduler-ScheduleTime');
  });
});
