import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, type HttpFunction } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createApiHandler } from '../../functions/src/api/app.ts';
import { verifierFromEnv } from '../../functions/src/api/auth.ts';
import { rawSnapshotFromObject } from '../../functions/src/core/raw-snapshot.ts';
import { scheduledHandler, type ScheduledJob } from '../../functions/src/http/scheduled-job.ts';
import { bonusScheduledJob } from '../../functions/src/operations/bonus-job.ts';
import { overdueReportsScheduledJob } from '../../functions/src/operations/overdue-reports.ts';
import { rotationScheduledJob } from '../../functions/src/operations/rotation-job.ts';
import { reportedRun } from '../../functions/src/operations/run-reporting.ts';
import { demoCompany } from '../../functions/src/local/demo-company.ts';
import { startDevIdentity } from '../../functions/src/local/dev-identity.ts';
import { startEmulator } from '../../functions/src/local/emulator.ts';
import { readHistory } from '../../functions/src/store/client-store.ts';
import { openFirestore } from '../../functions/src/store/db.ts';
import { importSnapshot } from '../../functions/src/store/snapshot-import.ts';

/**
 * A database outage on an emulator of its own (the shared one goes on serving others): the API and
 * the scheduled jobs run against it, the emulator is stopped (its data exported first), requests
 * and job deliveries arrive while it is down, then it is started again on the same port with the
 * same data and the same API and job handlers, never restarted, must work again. Answers what
 * happened and the problems found (none is the only good answer).
 */
export type OutageOutcome = {
  apiDuringOutage: Array<{ status: number; millis: number }>;
  jobsDuringOutage: Array<{ status: number; millis: number }>;
  recoveredMillis: number;
  problems: string[];
};

type Answer = { status: number; contentType: string; body: any; millis: number };

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(url, init);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // stays text: the checks say so
    }
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body, millis: performance.now() - started };
  } catch (e) {
    // The function itself gone (a crash) answers nothing at all.
    return { status: 0, contentType: '', body: String(e), millis: performance.now() - started };
  }
}

export async function outageDrill(options: { deadlineMs: number; requests: number; clients: number }): Promise<OutageOutcome> {
  const projectId = `outage-${Date.now()}`;
  let emulator = await startEmulator({ quiet: true, projectId });
  const savedHost = process.env.FIRESTORE_EMULATOR_HOST;
  process.env.FIRESTORE_EMULATOR_HOST = emulator.host;
  const dataDir = mkdtempSync(join(tmpdir(), 'outage-drill-'));
  const identity = await startDevIdentity({ audience: 'outage-drill' });
  const servers: Server[] = [];
  const problems: string[] = [];
  const db = () => openFirestore(projectId);
  const serve = async (name: string, handler: HttpFunction) => {
    http(name, handler);
    const server = getTestServer(name);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  try {
    const snapshot = demoCompany({ today: new Date('2026-11-01T00:00:00Z'), clients: options.clients, seed: 3 });
    await importSnapshot(db(), rawSnapshotFromObject(snapshot), { at: '2026-11-01T00:00:00.000Z', by: 'test', throttle: false });
    const auth = { authorization: `Bearer ${identity.mint({ email: 'manager1@demo.clientbase.dev' })}` };
    const verify = () => verifierFromEnv({ API_AUDIENCE: identity.audience, ID_TOKEN_CERTS_URL: identity.certsUrl });
    const api = await serve(`outage-api-${projectId}`, createApiHandler({ db, verify, deadlineMs: options.deadlineMs }));
    const job = <T>(kind: 'rotation' | 'bonuses' | 'overdue-reports', run: ScheduledJob<T>) =>
      serve(`outage-${kind}-${projectId}`, scheduledHandler(reportedRun(kind, run as ScheduledJob<never>), { db, auth: () => 'disabled' }));
    const jobs = [
      { url: await job('rotation', rotationScheduledJob), slot: '2026-11-01T03:00:00Z' },
      { url: await job('bonuses', bonusScheduledJob), slot: '2026-11-01T02:00:00Z' },
      { url: await job('overdue-reports', overdueReportsScheduledJob), slot: '2026-11-01T05:00:00Z' },
    ];
    const deliver = (j: (typeof jobs)[number]) => call(j.url, { method: 'POST', headers: { 'x-cloudscheduler-scheduletime': j.slot } });

    const before = await call(`${api}/clients?limit=5`, { headers: auth });
    if (before.status !== 200) throw new Error(`outage drill setup: ${before.status} ${JSON.stringify(before.body)}`);
    const edited = before.body.clients[0] as { id: string; version: number; name: string };
    const save = (version: number, name: string) => ({
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [{ clientId: edited.id, version, changes: { name } }] }),
    });

    await emulator.exportTo(dataDir);
    await emulator.stop();

    const requests = Array.from({ length: options.requests }, (_, i) => {
      const kind = i % 4;
      if (kind === 0) return call(`${api}/clients?limit=5`, { headers: auth });
      if (kind === 1) return call(`${api}/clients/batch`, save(edited.version, `${edited.name} (outage ${i})`));
      if (kind === 2) return call(`${api}/health`);
      return call(`${api}/me`, { headers: auth });
    });
    const [apiAnswers, jobAnswers] = await Promise.all([Promise.all(requests), Promise.all(jobs.map(deliver))]);
    for (const a of apiAnswers) {
      if (a.status !== 503 || !a.contentType.startsWith('application/problem+json') || a.body?.code !== 'unavailable')
        problems.push(`during the outage the api answered ${a.status} ${a.contentType} ${JSON.stringify(a.body).slice(0, 200)}`);
      // The deadline, not the client library's retries (about 45 s for a read), bounds the wait.
      if (a.millis > options.deadlineMs + 3000)
        problems.push(`during the outage the api took ${Math.round(a.millis)} ms, past its ${options.deadlineMs} ms deadline`);
    }
    for (const a of jobAnswers)
      if (a.status !== 503 || a.body?.code !== 'unavailable')
        problems.push(`during the outage a job answered ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);

    emulator = await startEmulator({ quiet: true, projectId, port: Number(emulator.host.split(':')[1]), seedFrom: dataDir });
    const back = performance.now();
    let first: Answer;
    do first = await call(`${api}/me`, { headers: auth });
    while (first.status !== 200 && performance.now() - back < 30_000);
    const recoveredMillis = performance.now() - back;
    if (first.status !== 200) problems.push(`the api did not answer again within 30 s of the database coming back: ${first.status}`);

    // The saves refused during the outage landed or did not, and the client's history says which.
    const now = await call(`${api}/clients/${edited.id}`, { headers: auth });
    const edits = (await readHistory(db(), edited.id)).filter((e) => e.type === 'edit');
    if (now.status !== 200 || now.body.client.version !== edited.version + edits.length)
      problems.push(
        `after the outage ${edited.id} is at version ${now.body?.client?.version}` +
          ` with ${edits.length} edit(s) since version ${edited.version}`,
      );
    const again = await call(`${api}/clients/batch`, save(now.body?.client?.version ?? edited.version, `${edited.name} (after)`));
    if (again.status !== 200 || again.body.applied !== 1)
      problems.push(`a save after the outage answered ${again.status} ${JSON.stringify(again.body).slice(0, 200)}`);
    for (const j of jobs) {
      const answer = await deliver(j);
      if (answer.status !== 200)
        problems.push(`${j.url} after the outage answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
    }
    return {
      apiDuringOutage: apiAnswers.map((a) => ({ status: a.status, millis: a.millis })),
      jobsDuringOutage: jobAnswers.map((a) => ({ status: a.status, millis: a.millis })),
      recoveredMillis,
      problems,
    };
  } finally {
    for (const s of servers) s.close();
    await identity.close();
    await emulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (savedHost === undefined) delete process.env.FIRESTORE_EMULATOR_HOST;
    else process.env.FIRESTORE_EMULATOR_HOST = savedHost;
  }
}
