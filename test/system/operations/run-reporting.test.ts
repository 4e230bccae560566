import { Writable } from 'node:stream';
import type { Firestore } from 'firebase-admin/firestore';
import { auth as googleAuth } from '@googleapis/sheets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RotationOutcome } from '../../../functions/src/core/reports/run-report.ts';
import type { ScheduledJob } from '../../../functions/src/http/scheduled-job.ts';
import { scheduledHandler } from '../../../functions/src/http/scheduled-job.ts';
import { bonusScheduledJob } from '../../../functions/src/operations/bonus-job.ts';
import { rotationScheduledJob } from '../../../functions/src/operations/rotation-job.ts';
import { reportedRun, runKey, type ReportingOptions } from '../../../functions/src/operations/run-reporting.ts';
import { reportSpreadsheet, type ReportSpreadsheet } from '../../../functions/src/sheets/report-spreadsheet.ts';
import { createClient, recordDeal } from '../../../functions/src/store/client-store.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import { publishRules } from '../../../functions/src/store/rules-store.ts';
import { createLogger, setRootLogger } from '../../../functions/src/logger.ts';
import { testFirestore } from '../../support/firestore.ts';
import { startSheetsApiDouble, type SheetsApiDouble } from '../../support/sheets-api-double.ts';
import { serveFunction } from '../consent-http/http-server.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';
import { rulesConfigSchema } from '../../../functions/src/schema/rules-config.ts';

const admin = { by: 'head@example.com', at: '2026-01-05T09:00:00.000Z' };

/** googleapis pointed at the double, with a fixed token instead of Google's (nothing leaves the machine). */
function spreadsheetOn(double: SheetsApiDouble): ReportSpreadsheet {
  const auth = new googleAuth.OAuth2();
  auth.setCredentials({ access_token: 'test-token', expiry_date: Date.now() + 3_600_000 });
  return reportSpreadsheet(double.spreadsheetId, { rootUrl: double.rootUrl, auth });
}

async function addManagers(db: Firestore, ids: string[]) {
  for (const id of ids) {
    await db
      .collection(collections.managers)
      .doc(id)
      .set({
        id,
        name: `Manager ${id.toUpperCase()}`,
        email: `${id}@example.com`,
        level: 1,
        active: true,
        role: 'manager',
        version: 1,
        updatedAt: admin.at,
      });
  }
}

const kinds = (double: SheetsApiDouble) => double.requests.map((r) => r.kind);
const visible = (double: SheetsApiDouble) =>
  double
    .tabs()
    .filter((t) => !t.hidden)
    .map((t) => t.title);

/** A stand-in job with a fixed rotation outcome: these tests are about the reporting around a job. */
function fixedRotation(outcome: RotationOutcome, calls: { count: number }): ScheduledJob<RotationOutcome> {
  return async () => {
    calls.count++;
    return outcome;
  };
}

const outcome: RotationOutcome = {
  runId: 'rotation-2026-12-01',
  at: '2026-12-01',
  moves: [
    { clientId: 'c1', from: 'a', to: 'b', reason: 'no-deal-since-assignment', reportDue: '2026-12-15' },
    { clientId: 'c2', from: 'b', to: 'a', reason: 'no-deal-for-months', reportDue: '2026-12-15' },
  ],
  balance: [
    { managerId: 'a', given: 1, received: 1 },
    { managerId: 'b', given: 1, received: 1 },
  ],
  unbalanced: [],
  skipped: [{ clientId: 'c3', managerId: 'a', why: 'no eligible receiver' }],
};

describe('reports spreadsheet publishing after scheduled runs', () => {
  let double: SheetsApiDouble;
  beforeAll(async () => {
    double = await startSheetsApiDouble();
  });
  afterAll(async () => {
    await double.close();
  });
  const fresh = async (label: string) => {
    await double.close();
    double = await startSheetsApiDouble();
    const { db } = testFirestore(label);
    await addManagers(db, ['a', 'b']);
    const options: ReportingOptions = {
      spreadsheet: () => spreadsheetOn(double),
      backoffMs: 1,
      attempts: 3,
      now: () => new Date('2026-12-01T03:05:00.000Z'),
    };
    return { db, options };
  };

  it('writes the rotation, its balance, Runs and Alerts in four calls, each tab swapped in whole', async () => {
    const { db, options } = await fresh('report-rotation');
    const calls = { count: 0 };
    const job = reportedRun('rotation', fixedRotation(outcome, calls), options);
    const answer = await job({ db, scheduleTime: '2026-12-01T03:00:00.000Z', caller: 'scheduler@x' });

    expect(answer).toEqual(outcome);
    expect(kinds(double)).toEqual(['get', 'batchUpdate', 'values.batchUpdate', 'batchUpdate']);
    // The new content went to hidden tabs first; the last call only renames, shows and deletes.
    const added = double.requests[1]!.body.requests.map((r: any) => r.addSheet.properties);
    expect(added.every((p: any) => p.hidden === true && p.title.startsWith('~new~ '))).toBe(true);
    expect(double.requests[3]!.body.requests.every((r: any) => r.updateSheetProperties || r.deleteSheet)).toBe(true);
    expect(double.requests[2]!.body.valueInputOption).toBe('RAW');

    expect(visible(double)).toEqual(['Sheet1', 'Rotation 2026-12-01', 'Rotation 2026-12-01 balance', 'Runs', 'Alerts']);
    expect(double.tabs().filter((t) => t.hidden)).toEqual([]);
    expect(double.values('Rotation 2026-12-01')).toEqual([
      ['Client', 'From', 'From (name)', 'To', 'To (name)', 'Reason', 'Report due'],
      ['c1', 'a', 'Manager A', 'b', 'Manager B', 'no deal since assignment', '2026-12-15'],
      ['c2', 'b', 'Manager B', 'a', 'Manager A', 'no deal for months', '2026-12-15'],
      ['c3', 'a', 'Manager A', '', '', 'not moved: no eligible receiver', ''],
    ]);
    expect(double.values('Rotation 2026-12-01 balance')).toEqual([
      ['Manager', 'Name', 'Given', 'Received', 'Unbalanced because'],
      ['a', 'Manager A', 1, 1, ''],
      ['b', 'Manager B', 1, 1, ''],
    ]);
    expect(double.values('Runs')).toEqual([
      ['Finished', 'Job', 'Slot', 'Status', 'Summary', 'Error', 'Tabs'],
      [
        '2026-12-01T03:05:00.000Z',
        'Rotation',
        '2026-12-01T03:00:00.000Z',
        'ok',
        'rotation-2026-12-01: 2 moved, 1 not moved, 0 unbalanced',
        '',
        'Rotation 2026-12-01, Rotation 2026-12-01 balance',
      ],
    ]);
    expect(double.values('Alerts')).toEqual([['Raised', 'Alert', 'About', 'Manager', 'Name', 'Due', 'Detail']]);
    const record = (await db.collection(collections.runReports).doc(runKey('rotation', '2026-12-01T03:00:00.000Z')).get()).data();
    expect(record).toMatchObject({ status: 'ok', publication: 'published', tabParts: 0 });
    expect(
      (await db.collection(collections.runReports).doc(runKey('rotation', '2026-12-01T03:00:00.000Z')).collection('tabs').get()).size,
    ).toBe(0);
    expect(calls.count).toBe(1);
  });

  it('replaces a tab whole when the same run is published again, keeping its place among the tabs', async () => {
    const { db, options } = await fresh('report-replace');
    const calls = { count: 0 };
    await reportedRun('rotation', fixedRotation(outcome, calls), options)({ db, scheduleTime: '2026-12-01T03:00:00.000Z', caller: 'x' });
    const shorter: RotationOutcome = { ...outcome, moves: outcome.moves.slice(0, 1), skipped: [] };
    await reportedRun('rotation', fixedRotation(shorter, calls), options)({ db, scheduleTime: '2026-12-01T03:00:00.000Z', caller: 'x' });
    expect(visible(double)).toEqual(['Sheet1', 'Rotation 2026-12-01', 'Rotation 2026-12-01 balance', 'Runs', 'Alerts']);
    // No row of the longer first version survives below the new content.
    expect(double.values('Rotation 2026-12-01')).toEqual([
      ['Client', 'From', 'From (name)', 'To', 'To (name)', 'Reason', 'Report due'],
      ['c1', 'a', 'Manager A', 'b', 'Manager B', 'no deal since assignment', '2026-12-15'],
    ]);
    expect(double.values('Runs')).toHaveLength(2);
  });

  it('leaves no half-written tab when the API fails half-way, never fails nor repeats the job; the next run publishes', async () => {
    const { db, options: fixedClock } = await fresh('report-halfway');
    let clock = Date.parse('2026-12-01T03:00:00.000Z');
    const options = { ...fixedClock, now: () => new Date((clock += 60_000)) };
    const overdue = reportedRun('overdue-reports', async () => ({ at: '2026-11-30', flagged: 0, taskIds: [] }), options);
    await overdue({ db, scheduleTime: '2026-11-30T05:00:00.000Z', caller: 'x' });
    const runsBefore = double.values('Runs');
    const tabsBefore = visible(double);
    expect(tabsBefore).toEqual(['Sheet1', 'Runs', 'Alerts']);

    // Every values write fails: each attempt gets as far as its hidden staging tabs, then gives up.
    double.fail((r) => r.kind === 'values.batchUpdate', { times: 3 });
    double.requests.length = 0;
    const calls = { count: 0 };
    const answer = await reportedRun(
      'rotation',
      fixedRotation(outcome, calls),
      options,
    )({ db, scheduleTime: '2026-12-01T03:00:00.000Z', caller: 'x' });
    expect(answer).toEqual(outcome);
    expect(calls.count).toBe(1);
    expect(kinds(double)).toEqual([
      'get',
      'batchUpdate',
      'values.batchUpdate',
      'get',
      'batchUpdate',
      'values.batchUpdate',
      'get',
      'batchUpdate',
      'values.batchUpdate',
    ]);
    // What a reader sees is exactly what was there: no rotation tab, the old Runs rows.
    expect(visible(double)).toEqual(tabsBefore);
    expect(double.values('Runs')).toEqual(runsBefore);
    // Each retry removed what the attempt before it had staged: one attempt's staging at most.
    expect(
      double
        .tabs()
        .filter((t) => t.hidden)
        .map((t) => t.title)
        .sort(),
    ).toEqual(['~new~ Alerts', '~new~ Rotation 2026-12-01', '~new~ Rotation 2026-12-01 balance', '~new~ Runs']);
    const pending = (await db.collection(collections.runReports).doc(runKey('rotation', '2026-12-01T03:00:00.000Z')).get()).data();
    expect(pending).toMatchObject({
      status: 'ok',
      publication: 'pending',
      attempts: 1,
      lastPublishError: 'The service is currently unavailable.',
    });

    // The next scheduled run publishes what is pending along with its own outcome.
    await overdue({ db, scheduleTime: '2026-12-01T05:00:00.000Z', caller: 'x' });
    expect(visible(double)).toEqual(['Sheet1', 'Runs', 'Alerts', 'Rotation 2026-12-01', 'Rotation 2026-12-01 balance']);
    expect(double.tabs().filter((t) => t.hidden)).toEqual([]);
    expect(double.values('Rotation 2026-12-01')).toHaveLength(4);
    // Newest first.
    expect(double.values('Runs').map((r) => r[1])).toEqual(['Job', 'Overdue reports', 'Rotation', 'Overdue reports']);
    expect((await db.collection(collections.runReports).where('publication', '==', 'pending').get()).size).toBe(0);
    expect(calls.count).toBe(1);
  });

  it('retries a publish whose swap failed and completes it, with nothing visible changed in between', async () => {
    const { db, options } = await fresh('report-retry');
    double.fail(
      (r) => r.kind === 'batchUpdate' && r.body.requests.some((q: any) => q.deleteSheet === undefined && q.updateSheetProperties),
      { times: 1 },
    );
    await reportedRun(
      'rotation',
      fixedRotation(outcome, { count: 0 }),
      options,
    )({ db, scheduleTime: '2026-12-01T03:00:00.000Z', caller: 'x' });
    expect(kinds(double)).toEqual([
      'get',
      'batchUpdate',
      'values.batchUpdate',
      'batchUpdate',
      'get',
      'batchUpdate',
      'values.batchUpdate',
      'batchUpdate',
    ]);
    // The second attempt first deleted the first attempt's staging tabs, in the same call that added its own.
    const cleanup = double.requests[5]!.body.requests.filter((r: any) => r.deleteSheet);
    expect(cleanup).toHaveLength(4);
    expect(visible(double)).toEqual(['Sheet1', 'Rotation 2026-12-01', 'Rotation 2026-12-01 balance', 'Runs', 'Alerts']);
    expect(double.tabs().filter((t) => t.hidden)).toEqual([]);
    expect(double.values('Rotation 2026-12-01')).toHaveLength(4);
  });

  it('raises a failed run in Alerts and answers 500 so the scheduler retries; the successful retry clears the alert', async () => {
    const { db, options } = await fresh('report-failed');
    let fail = true;
    const job = reportedRun(
      'rotation',
      async () => {
        if (fail) throw new Error('deadline exceeded while reading candidates');
        return outcome;
      },
      options,
    );
    const fn = await serveFunction('rotation-reported', scheduledHandler(job, { db: () => db, auth: () => 'disabled' }));
    try {
      const res = await fetch(`${fn.url}/`, { method: 'POST', headers: { 'x-cloudscheduler-scheduletime': '2026-12-01T03:00:00Z' } });
      expect(res.status).toBe(500);
      expect(double.values('Alerts')).toEqual([
        ['Raised', 'Alert', 'About', 'Manager', 'Name', 'Due', 'Detail'],
        [
          '2026-12-01T03:05:00.000Z',
          'run failed',
          'Rotation for 2026-12-01T03:00:00.000Z',
          '',
          '',
          '',
          'deadline exceeded while reading candidates',
        ],
      ]);
      expect(double.values('Runs')[1]).toEqual([
        '2026-12-01T03:05:00.000Z',
        'Rotation',
        '2026-12-01T03:00:00.000Z',
        'failed',
        'failed',
        'deadline exceeded while reading candidates',
        '',
      ]);

      fail = false;
      const retry = await fetch(`${fn.url}/`, { method: 'POST', headers: { 'x-cloudscheduler-scheduletime': '2026-12-01T03:00:00Z' } });
      expect(retry.status).toBe(200);
      expect(double.values('Alerts')).toHaveLength(1);
      expect(double.values('Runs')[1]![3]).toBe('ok');
    } finally {
      await fn.close();
    }
  });

  it('logs the run as it goes, every line carrying the run id, and a failure with an alert field and its stack', async () => {
    const { db, options } = await fresh('report-logs');
    const lines: Array<Record<string, unknown>> = [];
    setRootLogger(
      createLogger({
        level: 'info',
        destination: new Writable({
          write: (c, _e, done) => {
            lines.push(
              ...String(c)
                .split('\n')
                .filter(Boolean)
                .map((l) => JSON.parse(l)),
            );
            done();
          },
        }),
      }),
    );
    try {
      const slow = reportedRun(
        'rotation',
        async () => {
          await new Promise((r) => setTimeout(r, 120));
          return outcome;
        },
        {
          ...options,
          heartbeatMs: 50,
        },
      );
      await slow({ db, scheduleTime: '2026-12-01T03:00:00.000Z', caller: 'scheduler@x' });
      const messages = lines.map((l) => l.message);
      expect(messages[0]).toBe('rotation started for 2026-12-01T03:00:00.000Z');
      expect(messages).toContain('rotation still running');
      expect(messages).toContain('rotation done: rotation-2026-12-01: 2 moved, 1 not moved, 0 unbalanced');
      expect(messages.at(-1)).toBe('published 1 run(s) to the reports spreadsheet');
      expect(lines.every((l) => l.runId === 'rotation_2026-12-01T03:00:00.000Z' && l.job === 'rotation')).toBe(true);

      lines.length = 0;
      await expect(
        reportedRun(
          'bonuses',
          async () => Promise.reject(new Error('quota exceeded')),
          options,
        )({ db, scheduleTime: '2026-12-01T02:00:00.000Z', caller: 'x' }),
      ).rejects.toThrow('quota exceeded');
      const failure = lines.find((l) => l.alert === 'run-failed');
      expect(failure).toMatchObject({
        severity: 'ERROR',
        message: 'bonuses for 2026-12-01T02:00:00.000Z failed: quota exceeded',
        runId: 'bonuses_2026-12-01T02:00:00.000Z',
      });
      expect(String(failure!.stack_trace)).toContain('Error: quota exceeded');
    } finally {
      setRootLogger(createLogger({ level: 'silent' }));
    }
  });

  it("lists open overdue handover reports in Alerts with the manager's name", async () => {
    const { db, options } = await fresh('report-overdue');
    await db.collection(collections.tasks).doc('rotation-2026-11-01_c9').set({
      id: 'rotation-2026-11-01_c9',
      runId: 'rotation-2026-11-01',
      clientId: 'c9',
      managerId: 'b',
      from: 'a',
      reason: 'top-up',
      dueDate: '2026-11-15',
      status: 'open',
      overdue: true,
      overdueAt: '2026-11-16',
      createdAt: '2026-11-01',
    });
    await db.collection(collections.tasks).doc('rotation-2026-11-01_c8').set({
      id: 'rotation-2026-11-01_c8',
      runId: 'rotation-2026-11-01',
      clientId: 'c8',
      managerId: 'a',
      from: 'b',
      reason: 'top-up',
      dueDate: '2026-11-15',
      status: 'closed',
      overdue: true,
      overdueAt: '2026-11-16',
      createdAt: '2026-11-01',
    });
    await reportedRun(
      'overdue-reports',
      async () => ({ at: '2026-12-01', flagged: 1, taskIds: ['rotation-2026-11-01_c9'] }),
      options,
    )({ db, scheduleTime: '2026-12-01T05:00:00.000Z', caller: 'x' });
    expect(double.values('Alerts')).toEqual([
      ['Raised', 'Alert', 'About', 'Manager', 'Name', 'Due', 'Detail'],
      ['2026-11-16', 'handover report overdue', 'client c9', 'b', 'Manager B', '2026-11-15', 'task rotation-2026-11-01_c9'],
    ]);
  });

  it("publishes the real jobs' outcomes: a rotation of stale clients and a month of bonus statements", async () => {
    const { db, options } = await fresh('report-real-jobs');
    await publishRules(
      db,
      rulesConfigSchema.parse({ bonus: { normalRate: 0.05, newClientMultiplier: 3, retentionMonths: 3, attractionBonus: 100_000 } }),
      admin,
    );
    for (const id of ['x1', 'x2'])
      await createClient(
        db,
        clientSchema.parse({
          id,
          name: `Client ${id}`,
          kind: 'person',
          managerId: 'a',
          assignedAt: '2026-01-10',
          createdAt: '2024-01-01',
          attractedBy: 'a',
        }),
        admin,
      );
    await createClient(
      db,
      clientSchema.parse({
        id: 'y1',
        name: 'Client y1',
        kind: 'person',
        managerId: 'b',
        assignedAt: '2026-01-10',
        createdAt: '2024-01-01',
        attractedBy: 'b',
      }),
      admin,
    );
    await createClient(
      db,
      clientSchema.parse({
        id: 'z1',
        name: 'Client z1',
        kind: 'person',
        managerId: 'a',
        assignedAt: '2026-10-01',
        createdAt: '2024-01-01',
        attractedBy: 'a',
      }),
      admin,
    );
    await recordDeal(db, { id: 'd1', clientId: 'z1', managerId: 'a', date: '2026-11-10', amount: 40_000, profit: 10_000 }, admin);

    const bonuses = await reportedRun('bonuses', bonusScheduledJob, options)({ db, scheduleTime: '2026-12-01T02:00:00.000Z', caller: 'x' });
    expect(bonuses.month).toBe('2026-11');
    expect(double.values('Bonuses 2026-11 totals')).toEqual([
      ['Manager', 'Name', 'Payable ₽', 'Pending ₽', 'Cancelled ₽', 'Lines (month open)'],
      ['a', 'Manager A', 1005, 10, 0, 3],
      ['All', '', 1005, 10, 0, 3],
    ]);
    expect(double.values('Bonuses 2026-11').map((r) => [r[0], r[2], r[6], r[7]])).toEqual([
      ['Manager', 'Kind', 'Amount ₽', 'Status'],
      ['a', 'normal', 5, 'payable'],
      ['a', 'raised', 10, 'pending'],
      ['a', 'attraction', 1000, 'payable'],
    ]);

    const rotation = await reportedRun(
      'rotation',
      rotationScheduledJob,
      options,
    )({ db, scheduleTime: '2026-12-01T03:00:00.000Z', caller: 'x' });
    const rows = double.values(`Rotation ${rotation.at}`).slice(1);
    expect(rows.map((r) => r[0]).sort()).toEqual(
      rotation.moves
        .map((m) => m.clientId)
        .concat(rotation.skipped.map((s) => s.clientId))
        .sort(),
    );
    expect(rotation.moves.length).toBeGreaterThan(0);
    expect(visible(double)).toEqual([
      'Sheet1',
      'Bonuses 2026-11 totals',
      'Bonuses 2026-11',
      'Runs',
      'Alerts',
      `Rotation ${rotation.at}`,
      `Rotation ${rotation.at} balance`,
    ]);
  });
});
