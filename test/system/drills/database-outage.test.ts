import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, type HttpFunction } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../functions/src/api/app.ts';
import { verifierFromEnv } from '../../../functions/src/api/auth.ts';
import { rawSnapshotFromObject } from '../../../functions/src/cli/snapshot-files.ts';
import { scheduledHandler, type ScheduledJob } from '../../../functions/src/http/scheduled-job.ts';
import { bonusScheduledJob } from '../../../functions/src/jobs/bonus-job.ts';
import { overdueReportsScheduledJob } from '../../../functions/src/jobs/overdue-reports.ts';
import { rotationScheduledJob } from '../../../functions/src/jobs/rotation-job.ts';
import { reportedRun } from '../../../functions/src/jobs/run-reporting.ts';
import { demoCompany } from '../../../functions/src/local/demo-company.ts';
import { startDevIdentity, type DevIdentity } from '../../../functions/src/local/dev-identity.ts';
import { startEmulator, type Emulator } from '../../../functions/src/local/emulator.ts';
import { readHistory } from '../../../functions/src/store/client-store.ts';
import { openFirestore } from '../../../functions/src/store/db.ts';
import { importSnapshot } from '../../../functions/src/store/snapshot-import.ts';

// Its own emulator, stopped and started again on the same port with the same data (exported before
// the stop): the shared one serves the other test files meanwhile.

const projectId = 'outage-drill';
const deadlineMs = 2000;
const servers: Server[] = [];
let emulator: Emulator;
let identity: DevIdentity;
let dataDir: string;

async function serve(name: string, handler: HttpFunction): Promise<string> {
  http(name, handler);
  const server = getTestServer(name);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

type Answer = { status: number; contentType: string; body: any; millis: number };

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // stays text: the assertions say so
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body, millis: performance.now() - started };
}

describe('a database outage', () => {
  let api: string;
  let jobs: Record<'rotation' | 'bonuses' | 'overdue-reports', string>;
  let token: string;
  const db = () => openFirestore(projectId);

  beforeAll(async () => {
    emulator = await startEmulator({ quiet: true, projectId });
    process.env.FIRESTORE_EMULATOR_HOST = emulator.host;
    dataDir = mkdtempSync(join(tmpdir(), 'outage-drill-'));
    const snapshot = demoCompany({ today: new Date('2026-11-01T00:00:00Z'), clients: 80, seed: 3 });
    await importSnapshot(db(), rawSnapshotFromObject(snapshot), { at: '2026-11-01T00:00:00.000Z', by: 'test', throttle: false });
    identity = await startDevIdentity({ audience: 'outage-drill' });
    token = identity.mint({ email: 'manager1@demo.clientbase.dev' });
    const verify = () => verifierFromEnv({ API_AUDIENCE: identity.audience, ID_TOKEN_CERTS_URL: identity.certsUrl });
    api = await serve('outage-api', createApiHandler({ db, verify, deadlineMs }));
    const job = <T>(kind: keyof typeof jobs, run: ScheduledJob<T>) =>
      serve(`outage-${kind}`, scheduledHandler(reportedRun(kind, run as ScheduledJob<never>), { db, auth: () => 'disabled' }));
    jobs = { rotation: await job('rotation', rotationScheduledJob), bonuses: await job('bonuses', bonusScheduledJob), 'overdue-reports': await job('overdue-reports', overdueReportsScheduledJob) };
  });

  afterAll(async () => {
    for (const s of servers) s.close();
    await identity?.close();
    await emulator?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 problem documents within its deadline and fails the jobs with 503 while the database is down; both recover when it is back, without a restart', { timeout: 240_000 }, async () => {
    const auth = { authorization: `Bearer ${token}` };
    const before = await call(`${api}/clients?limit=5`, { headers: auth });
    expect(before.status).toBe(200);
    const edited = before.body.clients[0] as { id: string; version: number; name: string };

    await emulator.exportTo(dataDir);
    await emulator.stop();

    const save = { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ rows: [{ clientId: edited.id, version: edited.version, changes: { name: `${edited.name} (outage)` } }] }) };
    const jobPost = (url: string, slot: string) => call(url, { method: 'POST', headers: { 'x-cloudscheduler-scheduletime': slot } });
    const [list, batch, health, me, rotation, bonuses, overdue] = await Promise.all([
      call(`${api}/clients?limit=5`, { headers: auth }),
      call(`${api}/clients/batch`, save),
      call(`${api}/health`),
      call(`${api}/me`, { headers: auth }),
      jobPost(jobs.rotation, '2026-11-01T03:00:00Z'),
      jobPost(jobs.bonuses, '2026-11-01T02:00:00Z'),
      jobPost(jobs['overdue-reports'], '2026-11-01T05:00:00Z'),
    ]);
    for (const answer of [list, batch, health, me]) {
      expect(answer.status).toBe(503);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ code: 'unavailable', status: 503 });
      // The deadline, not the client library's retries (about 45 s for a read), bounds the wait.
      expect(answer.millis).toBeLessThan(deadlineMs + 3000);
    }
    for (const answer of [rotation, bonuses, overdue]) {
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ code: 'unavailable', detail: expect.stringMatching(/database is unavailable/) });
    }
    console.log(`outage: api answered 503 in ${[list, batch, health, me].map((a) => Math.round(a.millis)).join(', ')} ms; jobs failed with 503 after ${[rotation, bonuses, overdue].map((a) => (a.millis / 1000).toFixed(1)).join(', ')} s`);

    emulator = await startEmulator({ quiet: true, projectId, port: Number(emulator.host.split(':')[1]), seedFrom: dataDir });
    const back = performance.now();
    let first: Answer;
    do first = await call(`${api}/me`, { headers: auth });
    while (first.status !== 200 && performance.now() - back < 30_000);
    const recovered = performance.now() - back;
    console.log(`outage: the api answered again ${Math.round(recovered)} ms after the database was back`);
    expect(first.status).toBe(200);
    expect(recovered).toBeLessThan(15_000);

    // The save refused during the outage either landed before the database went or not at all, and
    // the client's history says which.
    const now = await call(`${api}/clients/${edited.id}`, { headers: auth });
    expect(now.status).toBe(200);
    const edits = (await readHistory(db(), edited.id)).filter((e) => e.type === 'edit');
    expect(now.body.client.version).toBe(edited.version + edits.length);
    const retry = await call(`${api}/clients/batch`, { ...save, body: JSON.stringify({ rows: [{ clientId: edited.id, version: now.body.client.version, changes: { name: `${edited.name} (after)` } }] }) });
    expect(retry).toMatchObject({ status: 200, body: { applied: 1 } });

    const rotated = await jobPost(jobs.rotation, '2026-11-01T03:00:00Z');
    expect(rotated.status).toBe(200);
    expect(rotated.body.moves.length).toBeGreaterThan(0);
    expect((await jobPost(jobs.bonuses, '2026-11-01T02:00:00Z')).status).toBe(200);
    expect((await jobPost(jobs['overdue-reports'], '2026-11-01T05:00:00Z')).status).toBe(200);
  });
});
