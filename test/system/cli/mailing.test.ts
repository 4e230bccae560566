import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Firestore } from 'firebase-admin/firestore';
import { createClient } from '../../../functions/src/store/client-store.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import { recordConsent } from '../../../functions/src/store/consent-store.ts';
import { registerSignup } from '../../../functions/src/store/signup-store.ts';
import { testCli } from '../../support/cli.ts';
import { testFirestore } from '../../support/firestore.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';

beforeAll(() => {
  process.env.UNSUBSCRIBE_SECRET = 'cli-mailing-test-secret-0123456789abcdefgh';
  process.env.UNSUBSCRIBE_URL = 'https://example.test/unsubscribe';
  delete process.env.CLIENTBASE_ACTOR;
});

const cli = (db: Firestore) => testCli(db, '2026-05-04T09:00:00Z');

async function seed(db: Firestore): Promise<void> {
  for (const [id, phone] of [
    ['c1', '+79160000001'],
    ['c2', '+79160000002'],
  ] as const) {
    await createClient(
      db,
      clientSchema.parse({ id, name: `Client ${id}`, kind: 'person', managerId: null, phones: [phone], emails: [`${id}@example.com`] }),
      { by: 'm1', at: '2026-05-01' },
    );
    await recordConsent(db, {
      clientId: id,
      channel: 'sms',
      status: 'granted',
      method: 'event',
      proof: { formId: 'expo' },
      at: '2026-05-01',
      by: 'm1',
    });
  }
}

describe('clientbase mailing', () => {
  it('prints the CSV, audit-logged as by cli, and lists nobody again within the cadence', async () => {
    const { db } = testFirestore('cli-mailing');
    await seed(db);
    const first = cli(db);
    expect(await first.run('mailing', '--channel', 'sms')).toBe(0);
    const lines = first.out.join('').trim().split('\r\n');
    expect(lines[0]).toBe('client_id,name,channel,address,unsubscribe_url');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      'c1,Client c1,sms,+79160000001',
      'c2,Client c2,sms,+79160000002',
    ]);
    expect(first.err.join('')).toMatch(/2 sms contact/);
    const audit = await db.collection(collections.audit).where('action', '==', 'mailing.export').get();
    expect(audit.docs.map((d) => d.get('actor'))).toEqual(['cli']);
    const again = cli(db);
    expect(await again.run('mailing', '--channel', 'sms', '--json')).toBe(0);
    expect(JSON.parse(again.out.join('')).rows).toEqual([]);
  });

  it('writes to a new file, and refuses an existing one before exporting anything', async () => {
    const { db } = testFirestore('cli-mailing-out');
    await seed(db);
    const dir = mkdtempSync(join(tmpdir(), 'clientbase-mailing-'));
    const taken = join(dir, 'taken.csv');
    writeFileSync(taken, 'keep me');
    const refused = cli(db);
    expect(await refused.run('mailing', '--channel', 'sms', '--out', taken)).toBe(2);
    expect(refused.err.join('\n')).toContain('--out: must be a new file');
    expect(readFileSync(taken, 'utf8')).toBe('keep me');
    expect((await db.collection(collections.mailingMarks).get()).size).toBe(0);
    const file = join(dir, 'list.json');
    const ok = cli(db);
    expect(await ok.run('mailing', '--channel', 'sms', '--json', '--out', file)).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).rows.map((r: { clientId: string }) => r.clientId)).toEqual(['c1', 'c2']);
  });

  it('exports the confirmation requests of pending sign-ups with --confirmations, piped as CSV, and audit-logs them', async () => {
    const { db } = testFirestore('cli-mailing-confirm');
    await seed(db);
    await registerSignup(
      db,
      {
        name: 'Web',
        phone: '+79160000009',
        consents: { sms: true, email: false },
        formId: 'f',
        consentTextVersion: 'v',
        source: 'website',
      },
      { at: '2026-05-02T10:00:00.000Z', ip: '203.0.113.2' },
    );
    const c = cli(db);
    expect(await c.run('mailing', '--channel', 'sms', '--confirmations')).toBe(0);
    const [header, ...rows] = c.out.join('').trim().split('\r\n');
    expect(header).toBe('client_id,name,channel,address,confirm_url');
    expect(rows.map((r) => r.split(',').slice(1, 4).join(','))).toEqual(['Web,sms,+79160000009']);
    expect(rows[0]).toMatch(/,https:\/\/example\.test\/unsubscribe\/confirm\?t=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(c.err.join('')).toMatch(/confirmation requests sms-confirm-.*: 1 sms contact/);
    const audit = await db.collection(collections.audit).where('action', '==', 'mailing.confirmations').get();
    expect(audit.docs.map((d) => d.get('actor'))).toEqual(['cli']);
    const list = cli(db);
    expect(await list.run('mailing', '--channel', 'sms', '--json')).toBe(0);
    expect(JSON.parse(list.out.join('')).rows.map((r: { clientId: string }) => r.clientId)).toEqual(['c1', 'c2']);
  });

  it('refuses an unknown channel with exit 2 naming the option', async () => {
    const { db } = testFirestore('cli-mailing-bad');
    const c = cli(db);
    expect(await c.run('mailing', '--channel', 'fax')).toBe(2);
    expect(c.err.join('\n')).toMatch(/--channel: /);
  });
});
