import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, setRootLogger } from '../../../functions/src/logger.ts';
import { allDocumentPaths } from '../../support/firestore.ts';
import { testCli } from '../../support/cli.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';
import { completeInn } from '../../../functions/src/core/tax-number.ts';

type Entry = { id: string; actor: string; action: string; outcome: string; target?: string; alert?: true; details?: any };

const logged: Array<Record<string, any>> = [];
let api: Api;
beforeAll(async () => {
  // Cloud Run's agent reads stdout; here the same lines go to a stream the test reads.
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line));
      done();
    },
  });
  setRootLogger(createLogger({ destination: stream, level: 'info', projectId: 'acme', service: 'api' }));
  api = await startApi('api-audit');
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
  const created = await api.call('POST', '/clients', {
    as: 'anna',
    body: { id: 'c1', name: 'Acme', kind: 'company', phones: ['+79160000001'], emails: ['acme@example.com'] },
  });
  expect(created.status).toBe(201);
});
afterAll(() => api.close());

/** The audit log as the head of sales reads it, newest first. */
async function auditLog(): Promise<Entry[]> {
  const page = await api.call('GET', '/admin/audit?limit=500', { as: 'head' });
  expect(page.status).toBe(200);
  return page.body.entries;
}
const versionOf = async (id: string) => ((await api.db.collection('clients').doc(id).get()).get('version') as number) ?? 0;

describe("the head of sales' writes and reads of others' data", () => {
  it('audits each edit, batch row, consent, note, contact and deal on a client held by another, with what changed', async () => {
    const patched = await api.call('PATCH', '/clients/c1', {
      as: 'head',
      body: { version: await versionOf('c1'), changes: { name: 'Acme Ltd' } },
    });
    expect(patched.status).toBe(200);
    const batch = await api.call('POST', '/clients/batch', {
      as: 'head',
      body: { rows: [{ clientId: 'c1', version: await versionOf('c1'), changes: { source: 'event' } }] },
    });
    expect(batch.body.applied).toBe(1);
    const calls: Array<[string, unknown]> = [
      ['/clients/c1/consents', { channel: 'email', status: 'withdrawn', method: 'staff' }],
      ['/clients/c1/notes', { text: 'asked for a discount' }],
      ['/clients/c1/contacts', { channel: 'call', text: 'called back' }],
      ['/clients/c1/deals', { date: '2026-12-01', amount: 100, profit: 10 }],
    ];
    for (const [path, body] of calls) expect((await api.call('POST', path, { as: 'head', body })).status).toBe(201);

    const mine = (await auditLog()).filter((e) => e.actor === 'head' && e.outcome === 'ok');
    const edits = mine.filter((e) => e.action === 'edit client' && e.target === 'clients/c1');
    expect(edits.map((e) => e.details.changes)).toEqual(
      expect.arrayContaining([[{ field: 'name', before: 'Acme', after: 'Acme Ltd' }], [{ field: 'source', before: null, after: 'event' }]]),
    );
    expect(edits.every((e) => e.details.holder === 'anna')).toBe(true);
    const consent = mine.find((e) => e.action === 'record consent')!;
    expect(consent).toMatchObject({ target: 'clients/c1', details: { holder: 'anna', after: { channel: 'email', status: 'withdrawn' } } });
    expect(mine.find((e) => e.action === 'log note')?.details.added).toMatchObject({ type: 'note', text: 'asked for a discount' });
    expect(mine.find((e) => e.action === 'log contact')?.details.added).toMatchObject({ type: 'contact', text: 'called back' });
    expect(mine.find((e) => e.action === 'record deal')).toMatchObject({
      details: { holder: 'anna', after: { amount: 100, clientId: 'c1' } },
    });
  });

  it("audits every read of another person's statement, and none of a manager's own writes", async () => {
    const before = (await auditLog()).length;
    await api.call('PATCH', '/clients/c1', { as: 'anna', body: { version: await versionOf('c1'), changes: { name: 'Acme Group' } } });
    expect((await api.call('POST', '/clients/c1/notes', { as: 'anna', body: { text: 'mine' } })).status).toBe(201);
    await api.call('GET', '/statements/2026-11', { as: 'anna' });
    expect((await auditLog()).length - 1).toBe(before); // only the admin's own read of the log
    await api.call('GET', '/statements/2026-11?managerId=anna', { as: 'head' });
    await api.call('GET', '/admin/bonus/2026-11/statements', { as: 'head' });
    const reads = (await auditLog()).filter((e) => e.actor === 'head');
    expect(reads.find((e) => e.action === 'read statement')).toMatchObject({
      target: 'statements/2026-11/anna',
      details: { managerId: 'anna' },
    });
    expect(reads.find((e) => e.action === 'read bonus statements')).toMatchObject({ actor: 'head' });
  });

  it('sends each audit entry to Cloud Logging as one structured line with severity, message and the chained entry', async () => {
    const lines = logged.filter((l) => l.audit !== undefined);
    const edit = lines.find((l) => l.audit.action === 'edit client' && l.audit.actor === 'head');
    expect(edit).toMatchObject({ severity: 'INFO', message: expect.stringContaining('head edit client ok clients/c1') });
    expect(edit!.audit).toMatchObject({
      seq: expect.any(Number),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      prevHash: expect.any(String),
    });
    const stored = (await api.db.collection('audit').doc(edit!.audit.id).get()).data();
    expect(stored?.hash).toBe(edit!.audit.hash);
  });
});

describe('tamper evidence', () => {
  it('finds an entry edited behind the API and names it, in the API, the CLI and its JSON, exiting non-zero', async () => {
    const clean = await api.call('GET', '/admin/audit/verify', { as: 'head' });
    expect(clean.body).toMatchObject({ ok: true, problems: [] });
    expect(clean.body.entries).toBeGreaterThan(5);
    const cli = testCli(api.db, new Date());
    expect(await cli.run('audit', 'verify')).toBe(0);
    expect(cli.out.join('\n')).toMatch(/holds/);

    const victim = (await auditLog()).find((e) => e.action === 'edit client' && e.actor === 'head')!;
    await api.db.collection('audit').doc(victim.id).update({ 'details.changes': [] });
    const gone = (await auditLog()).find((e) => e.action === 'log note' && e.actor === 'head')!;
    await api.db.collection('audit').doc(gone.id).delete();

    const tampered = testCli(api.db, new Date());
    expect(await tampered.run('audit', 'verify')).toBe(1);
    expect(tampered.out.join('\n')).toContain(victim.id);
    expect(tampered.out.join('\n')).toMatch(/missing/);
    const json = testCli(api.db, new Date());
    expect(await json.run('audit', 'verify', '--json')).toBe(1);
    const report = JSON.parse(json.out.join('\n'));
    expect(report.problems).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'edited', id: victim.id })]));
    expect(report.problems.some((p: { kind: string }) => p.kind === 'gap')).toBe(true);
    const answer = await api.call('GET', '/admin/audit/verify', { as: 'head' });
    expect(answer.body.ok).toBe(false);
    expect(answer.body.lines.join('\n')).toContain(victim.id);
    expectProblem(await api.call('GET', '/admin/audit/verify', { as: 'anna' }), 403);
  });
});

describe("a leaver's last-minute wipe", () => {
  const ids = Array.from({ length: 44 }, (_, i) => `w${String(i + 1).padStart(2, '0')}`);
  const phoneOf = (i: number) => `+7916100${String(i + 1).padStart(4, '0')}`;

  it('refuses destructive edits past the day limit, writes nothing past it, alerts the admin; restore undoes the wipe', async () => {
    await api.addManager({ id: 'lev' });
    for (const [i, id] of ids.entries()) {
      // An INN stays: a client is never left with no contact at all, so the wipe is of phones and e-mails.
      const taxNumber = completeInn(`770710${String(i + 100).padStart(3, '0')}`);
      const body = { id, name: `Client ${id}`, kind: 'company', phones: [phoneOf(i)], emails: [`${id}@example.com`], taxNumber };
      expect((await api.call('POST', '/clients', { as: 'lev', body })).status).toBe(201);
    }
    const rows = await Promise.all(
      ids.map(async (id) => ({ clientId: id, version: await versionOf(id), changes: { phones: [], emails: [] } })),
    );
    const before = await allDocumentPaths(api.db, { except: ['audit', 'destructiveEdits'] });
    const wipe = await api.call('POST', '/clients/batch', { as: 'lev', body: { rows } });
    expect(wipe.status).toBe(200);
    expect(wipe.body.applied).toBe(20);
    expect(wipe.body.invalid).toBe(24);
    const refused = wipe.body.rows.filter((r: { status: string }) => r.status === 'invalid');
    expect(refused[0].errors[0]).toMatchObject({
      path: 'changes.phones',
      message: expect.stringMatching(/20 clients today.*ask the head of sales/),
    });

    const docs = await Promise.all(ids.map(async (id) => (await api.db.collection('clients').doc(id).get()).data()!));
    expect(docs.filter((d) => d.phones.length === 0).length).toBe(20);
    const refusedIds = new Set(refused.map((r: { clientId: string }) => r.clientId));
    expect(docs.filter((d) => refusedIds.has(d.id)).every((d) => d.phones.length === 1 && d.emails.length === 1)).toBe(true);
    // Only the 20 wiped clients changed: their documents and the history entries of their edits.
    const after = await allDocumentPaths(api.db, { except: ['audit', 'destructiveEdits'] });
    const added = after.filter((p) => !before.includes(p));
    expect(added.length).toBe(20);
    expect(added.every((p) => /^clients\/w\d\d\/history\//.test(p) && !refusedIds.has(p.split('/')[1]))).toBe(true);

    const single = await api.call('PATCH', `/clients/${[...refusedIds][0]}`, {
      as: 'lev',
      body: { version: 1, changes: { phones: [] } },
    });
    expectProblem(single, 429);
    expect(single.body.errors[0].path).toBe('changes.phones');
    // Adding a contact is not destructive: still allowed.
    expect(
      (await api.call('PATCH', `/clients/${[...refusedIds][0]}`, { as: 'lev', body: { version: 1, changes: { name: 'Renamed' } } })).status,
    ).toBe(200);

    const log = await auditLog();
    const alerts = log.filter((e) => e.alert === true);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ actor: 'lev', action: 'destructive edit limit', outcome: 'refused', details: { max: 20 } });
    expect(log.filter((e) => e.action === 'destructive edit limit').length).toBe(25);

    // Offboarding's plan lists the wiped clients for the head of sales to check.
    const plan = await api.call('POST', '/admin/managers/lev/offboard', { as: 'head', body: { dryRun: true } });
    expect(plan.status).toBe(200);
    const changed = plan.body.recentContactChanges as Array<{ clientId: string; by: string; fields: string[] }>;
    expect(changed.map((c) => c.clientId).sort()).toEqual(
      docs
        .filter((d) => d.phones.length === 0)
        .map((d) => d.id)
        .sort(),
    );
    expect(changed.every((c) => c.by === 'lev' && c.fields.join() === 'phones,emails')).toBe(true);

    const wiped = docs.find((d) => d.phones.length === 0)!.id as string;
    const wipeEntry = (await api.db.collection('clients').doc(wiped).collection('history').where('type', '==', 'edit').get()).docs[0]!;
    const restored = await api.call('POST', `/admin/clients/${wiped}/restore`, { as: 'head', body: { historyEntryId: wipeEntry.id } });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ changed: ['phones', 'emails'], undone: [wipeEntry.id] });
    expect(restored.body.client).toMatchObject({ phones: [phoneOf(ids.indexOf(wiped))], emails: [`${wiped}@example.com`] });
    expect(log.length).toBeLessThan((await auditLog()).length);
    expect((await auditLog()).find((e) => e.action === 'restore client')).toMatchObject({ actor: 'head', target: `clients/${wiped}` });

    const other = docs.filter((d) => d.phones.length === 0)[1]!.id as string;
    const cli = testCli(api.db, new Date());
    expect(await cli.run('restore-client', other, '--at', new Date(Date.now() - 3_600_000).toISOString())).toBe(0);
    expect((await api.db.collection('clients').doc(other).get()).get('phones')).toEqual([phoneOf(ids.indexOf(other))]);
  });

  it("audits each row of the head of sales' batch save over many clients, the chains holding under parallel rows", async () => {
    const rows = await Promise.all(ids.map(async (id) => ({ clientId: id, version: await versionOf(id), changes: { size: 'large' } })));
    const saved = await api.call('POST', '/clients/batch', { as: 'head', body: { rows } });
    expect(saved.body.applied).toBe(ids.length);
    const edits = (await auditLog()).filter((e) => e.actor === 'head' && e.action === 'edit client' && e.target?.startsWith('clients/w'));
    expect(
      new Set(edits.filter((e) => e.details.changes.some((c: { field: string }) => c.field === 'size')).map((e) => e.target)).size,
    ).toBe(ids.length);
    const cli = testCli(api.db, new Date());
    await cli.run('audit', 'verify', '--json');
    const report = JSON.parse(cli.out.join('\n'));
    // Only the two entries tampered with above: the parallel rows broke no chain.
    expect(report.problems.filter((p: { kind: string }) => p.kind !== 'edited' && p.kind !== 'gap')).toEqual([]);
    expect(report.problems).toHaveLength(2);
  });

  it('refuses a restore body naming both or neither point, or an entry not in the history, writing nothing', async () => {
    const before = await allDocumentPaths(api.db, { except: ['audit'] });
    for (const body of [{}, { at: '2026-12-01', historyEntryId: 'x' }, { historyEntryId: 'nope' }, { at: 'yesterday' }]) {
      const answer = await api.call('POST', '/admin/clients/c1/restore', { as: 'head', body });
      expectProblem(answer, 400);
      expect(answer.body.errors[0].path).toMatch(/^(at|historyEntryId)$/);
    }
    expectProblem(await api.call('POST', '/admin/clients/c1/restore', { as: 'anna', body: { at: '2026-12-01' } }), 403);
    expect(await allDocumentPaths(api.db, { except: ['audit'] })).toEqual(before);
  });
});
