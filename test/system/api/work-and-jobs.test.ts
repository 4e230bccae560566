import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSignup } from '../../../functions/src/store/signup-store.ts';
import { allDocumentPaths } from '../../support/firestore.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

let api: Api;
beforeAll(async () => {
  process.env.UNSUBSCRIBE_SECRET = 'api-test-secret-0123456789-abcdefghij';
  process.env.UNSUBSCRIBE_URL = 'https://example.test/unsubscribe';
  api = await startApi('api-work');
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'boris' });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
  expect(
    (
      await api.call('POST', '/clients', {
        as: 'anna',
        body: { id: 'c1', name: 'Mailable', kind: 'person', emails: ['c1@example.com'], phones: ['+79160000001'] },
      })
    ).status,
  ).toBe(201);
});
afterAll(() => api.close());

/** Polls a started job the way the add-on does, until it is no longer running. */
describe('consents', () => {
  it('records a consent with its proof, and a withdrawal, on my own client only', async () => {
    const granted = await api.call('POST', '/clients/c1/consents', {
      as: 'anna',
      body: { channel: 'email', status: 'granted', method: 'questionnaire', proof: { formId: 'Q-17' } },
    });
    expect(granted.status).toBe(201);
    expect(granted.body.consent).toMatchObject({
      channel: 'email',
      status: 'granted',
      method: 'questionnaire',
      proof: { formId: 'Q-17', recordedBy: 'anna' },
    });
    const client = (await api.call('GET', '/clients/c1', { as: 'anna' })).body;
    expect(client.client.mailable).toEqual({ sms: false, email: true });
    expect(client.history.at(-1)).toMatchObject({ type: 'consent', status: 'granted', by: 'anna' });
    expectProblem(
      await api.call('POST', '/clients/c1/consents', { as: 'boris', body: { channel: 'email', status: 'withdrawn', method: 'staff' } }),
      404,
    );
    const before = await allDocumentPaths(api.db);
    const forged = await api.call('POST', '/clients/c1/consents', {
      as: 'anna',
      body: { channel: 'email', status: 'pending', method: 'staff', proof: { confirmedAt: '2026-03-01' } },
    });
    expectProblem(forged, 400);
    expect(forged.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['proof.confirmedAt', 'status']);
    const bad = await api.call('POST', '/clients/c1/consents', { as: 'anna', body: { channel: 'fax', status: 'maybe', method: 'staff' } });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['channel', 'status']);
    expect(await allDocumentPaths(api.db)).toEqual(before);
  });

  it('stops mailing a client whose e-mail is removed in an edit', async () => {
    const v = (await api.call('GET', '/clients/c1', { as: 'anna' })).body.client.version;
    const edited = await api.call('PATCH', '/clients/c1', { as: 'anna', body: { version: v, changes: { emails: [] } } });
    expect(edited.body.client.mailable).toEqual({ sms: false, email: false });
    const back = await api.call('PATCH', '/clients/c1', { as: 'anna', body: { version: v + 1, changes: { emails: ['c1@example.com'] } } });
    expect(back.body.client.mailable).toEqual({ sms: false, email: true });
  });
});

describe('mailing export', () => {
  it('is for admins only, and exports only consented contacts, audited', async () => {
    expectProblem(await api.call('POST', '/admin/mailing-exports', { as: 'anna', body: { channel: 'email' } }), 403);
    expectProblem(await api.call('POST', '/admin/mailing-exports', { as: 'head', body: { channel: 'pigeon' } }), 400);
    const exported = await api.call('POST', '/admin/mailing-exports', { as: 'head', body: { channel: 'email' } });
    expect(exported.status).toBe(201);
    expect(exported.body.count).toBe(1);
    expect(exported.body.rows[0]).toMatchObject({ clientId: 'c1', address: 'c1@example.com' });
    expect(exported.body.csv).toContain('c1@example.com');
    const audit = (await api.db.collection('audit').where('actor', '==', 'head').get()).docs.map((d) => d.data());
    expect(audit.some((a) => a.action === 'export mailing list' && a.outcome === 'ok' && a.details.count === 1)).toBe(true);
  });

  it('exports the confirmation requests of pending sign-ups on request, never mixing them into the mailing list', async () => {
    await registerSignup(
      api.db,
      {
        name: 'Web',
        email: 'web@example.com',
        consents: { sms: false, email: true },
        formId: 'f',
        consentTextVersion: 'v',
        source: 'website',
      },
      { at: '2026-03-01T10:00:00.000Z', ip: undefined },
    );
    const body = { channel: 'email', confirmations: true };
    expectProblem(await api.call('POST', '/admin/mailing-exports', { as: 'anna', body }), 403);
    const asked = await api.call('POST', '/admin/mailing-exports', { as: 'head', body });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ kind: 'confirmation', count: 1, rows: [{ name: 'Web', address: 'web@example.com' }] });
    expect(asked.body.rows[0].confirmUrl).toMatch(/\/confirm\?t=/);
    expect(asked.body.csv.split('\r\n')[0]).toBe('client_id,name,channel,address,confirm_url');
    const listed = await api.call('POST', '/admin/mailing-exports', { as: 'head', body: { channel: 'email' } });
    expect(listed.body.rows.map((r: { address: string }) => r.address)).not.toContain('web@example.com');
  });
});

describe('bonus month', () => {
  it('computes a month as a polled job, lets each manager read only their own statement, and closes it', async () => {
    expect(
      (await api.call('POST', '/clients', { as: 'anna', body: { id: 'c2', name: 'Buyer', kind: 'company', phones: ['+79160000002'] } }))
        .status,
    ).toBe(201);
    expect(
      // February is before the client came to the base: the head of sales records it for Anna.
      (
        await api.call('POST', '/clients/c2/deals', {
          as: 'head',
          body: { id: 'd1', date: '2026-02-10', amount: 100000, profit: 40000, managerId: 'anna' },
        })
      ).status,
    ).toBe(201);
    expectProblem(await api.call('POST', '/admin/bonus/2026-02/compute', { as: 'anna' }), 403);
    expectProblem(await api.call('POST', '/admin/bonus/2026-13/compute', { as: 'head' }), 400);
    const started = await api.call('POST', '/admin/bonus/2026-02/compute', { as: 'head' });
    expect(started.body.poll).toBe(`/admin/jobs/${started.body.jobId}`);
    const done = await api.awaitJob(started);
    expect(done.body).toMatchObject({ status: 'done', kind: 'bonus-compute', by: 'head', result: { month: '2026-02' } });
    expect(done.body.result.statements.map((s: { managerId: string }) => s.managerId)).toEqual(['anna']);

    const mine = await api.call('GET', '/statements/2026-02', { as: 'anna' });
    expect(mine.status).toBe(200);
    expect(mine.body.statement).toMatchObject({ managerId: 'anna', month: '2026-02' });
    expect(mine.body.statement.lines.length).toBeGreaterThan(0);
    expectProblem(await api.call('GET', '/statements/2026-02', { as: 'boris' }), 404);
    expectProblem(await api.call('GET', '/statements/2026-02?managerId=anna', { as: 'boris' }), 404);
    expect((await api.call('GET', '/statements/2026-02?managerId=anna', { as: 'head' })).status).toBe(200);

    const closed = await api.call('POST', '/admin/bonus/2026-02/close', { as: 'head' });
    expect(closed.body).toEqual({ month: '2026-02', closed: true });
    expect((await api.call('GET', '/statements/2026-02', { as: 'anna' })).body.statement.closed).toBe(true);
    expectProblem(await api.call('GET', '/admin/jobs/api-nothing', { as: 'head' }), 404);
  });

  it('reports a job whose instance died as failed, telling the admin to start it again', async () => {
    const startedAt = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    await api.db
      .collection('jobRuns')
      .doc('api-rotation-lost')
      .set({ id: 'api-rotation-lost', kind: 'rotation', status: 'running', by: 'head', params: {}, startedAt });
    const polled = await api.call('GET', '/admin/jobs/api-rotation-lost', { as: 'head' });
    expect(polled.body).toMatchObject({ status: 'failed', error: { detail: expect.stringMatching(/start it again/) } });
    expectProblem(await api.call('GET', '/admin/jobs/api-rotation-lost', { as: 'anna' }), 403);
  });
});
