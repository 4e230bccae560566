import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Firestore } from 'firebase-admin/firestore';
import { verifyUnsubscribeToken } from '../../../functions/src/core/consent/unsubscribe-token.ts';
import { exportMailingList } from '../../../functions/src/operations/mailing-export.ts';
import { createClient } from '../../../functions/src/store/client-store.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import { markContactDead, recordConsent, withdrawByAddress } from '../../../functions/src/store/consent-store.ts';
import { publishRules } from '../../../functions/src/store/rules-store.ts';
import { testFirestore } from '../../support/firestore.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';
import { rulesConfigSchema } from '../../../functions/src/schema/rules-config.ts';

const secret = 'mailing-export-test-secret-0123456789abcdef';
beforeAll(() => {
  process.env.UNSUBSCRIBE_SECRET = secret;
  process.env.UNSUBSCRIBE_URL = 'https://example.test/unsubscribe';
});

const actor = { by: 'admin@x.ru', at: '2026-01-01T09:00:00.000Z' };

async function client(db: Firestore, id: string, phone: string, name = id): Promise<void> {
  await createClient(
    db,
    clientSchema.parse({ id, name, kind: 'person', managerId: null, phones: [phone], emails: [`${id}@example.com`] }),
    actor,
  );
  await recordConsent(db, {
    clientId: id,
    channel: 'sms',
    status: 'granted',
    method: 'questionnaire',
    proof: { formId: 'q1' },
    at: '2026-01-02T00:00:00.000Z',
    by: 'm1',
  });
}

describe('mailing export', () => {
  it('never lists a withdrawn or dead contact, nor one without consent', async () => {
    const { db } = testFirestore('export-consent');
    await client(db, 'ok', '+79160000001');
    await client(db, 'gone', '+79160000002');
    await client(db, 'dead', '+79160000003');
    await createClient(
      db,
      clientSchema.parse({ id: 'never', name: 'never', kind: 'person', managerId: null, phones: ['+79160000004'] }),
      actor,
    );
    await withdrawByAddress(db, { channel: 'sms', address: '+79160000002', at: '2026-01-03T00:00:00.000Z', by: 'sms-gateway', proof: {} });
    await markContactDead(db, { channel: 'sms', address: '+79160000003', at: '2026-01-03T00:00:00.000Z', by: 'bounce-report' });
    const sms = await exportMailingList(db, { channel: 'sms', at: '2026-01-05T10:00:00.000Z', by: 'admin@x.ru' });
    expect(sms.rows.map((r) => r.clientId)).toEqual(['ok']);
    const email = await exportMailingList(db, { channel: 'email', at: '2026-01-05T10:00:00.000Z', by: 'admin@x.ru' });
    expect(email.rows).toEqual([]);
  });

  it('does not repeat a contact when exported twice within the cadence, and lists it again after', async () => {
    const { db } = testFirestore('export-cadence');
    await client(db, 'a', '+79160000001');
    await client(db, 'b', '+79160000002');
    const first = await exportMailingList(db, { channel: 'sms', at: '2026-01-05T10:00:00.000Z', by: 'admin@x.ru' });
    expect(first.rows.map((r) => r.clientId)).toEqual(['a', 'b']);
    await client(db, 'c', '+79160000003');
    const again = await exportMailingList(db, { channel: 'sms', at: '2026-01-11T10:00:00.000Z', by: 'admin@x.ru' });
    expect(again.rows.map((r) => r.clientId)).toEqual(['c']);
    const weekLater = await exportMailingList(db, { channel: 'sms', at: '2026-01-12T10:00:00.000Z', by: 'admin@x.ru' });
    expect(weekLater.rows.map((r) => r.clientId)).toEqual(['a', 'b']);
  });

  it('hands a contact to only one of two concurrent exports', async () => {
    const { db } = testFirestore('export-race');
    for (let i = 1; i <= 6; i++) await client(db, `c${i}`, `+7916000000${i}`);
    const [x, y] = await Promise.all([
      exportMailingList(db, { channel: 'sms', at: '2026-01-05T10:00:00.000Z', by: 'admin@x.ru' }),
      exportMailingList(db, { channel: 'sms', at: '2026-01-05T10:00:01.000Z', by: 'admin@x.ru' }),
    ]);
    const all = [...x.rows, ...y.rows].map((r) => r.clientId).sort();
    expect(all).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  });

  it('takes the cadence from the published rules', async () => {
    const { db } = testFirestore('export-rules');
    await publishRules(db, rulesConfigSchema.parse({ mailing: { smsCadenceDays: 1 } }), actor);
    await client(db, 'a', '+79160000001');
    await exportMailingList(db, { channel: 'sms', at: '2026-01-05T10:00:00.000Z', by: 'admin@x.ru' });
    expect((await exportMailingList(db, { channel: 'sms', at: '2026-01-06T09:00:00.000Z', by: 'admin@x.ru' })).rows).toEqual([]);
    expect((await exportMailingList(db, { channel: 'sms', at: '2026-01-06T10:00:00.000Z', by: 'admin@x.ru' })).rows).toHaveLength(1);
  });

  it('gives each row a working unsubscribe link, writes proper CSV and audit-logs the export', async () => {
    const { db } = testFirestore('export-csv');
    await client(db, 'a', '+79160000001', 'Petrov, "Pete"');
    await client(db, 'b', '+79160000002', '=HYPERLINK("http://evil")');
    const out = await exportMailingList(db, { channel: 'sms', at: '2026-01-05T10:00:00.000Z', by: 'admin@x.ru' });
    const row = out.rows[0]!;
    expect(verifyUnsubscribeToken([secret], row.unsubscribeToken)).toMatchObject({
      clientId: 'a',
      channel: 'sms',
      address: '+79160000001',
    });
    expect(row.unsubscribeUrl).toBe(`https://example.test/unsubscribe?t=${row.unsubscribeToken}`);
    const parsed = parse(out.csv, { columns: true }) as Record<string, string>[];
    expect(parsed).toEqual([
      { client_id: 'a', name: 'Petrov, "Pete"', channel: 'sms', address: '+79160000001', unsubscribe_url: row.unsubscribeUrl },
      {
        client_id: 'b',
        name: '\'=HYPERLINK("http://evil")',
        channel: 'sms',
        address: '+79160000002',
        unsubscribe_url: out.rows[1]!.unsubscribeUrl,
      },
    ]);
    const audit = await db.collection(collections.audit).where('action', '==', 'mailing.export').get();
    expect(audit.docs.map((d) => d.data())).toMatchObject([
      { actor: 'admin@x.ru', outcome: 'ok', target: out.exportId, details: { channel: 'sms', count: 2 } },
    ]);
    const recorded = await db.collection(collections.mailingExports).doc(out.exportId).collection('contacts').get();
    expect(recorded.docs.map((d) => d.id).sort()).toEqual(['a', 'b']);
  });

  it('refuses to export without the unsubscribe secret and writes nothing', async () => {
    const { db } = testFirestore('export-nosecret');
    await client(db, 'a', '+79160000001');
    const saved = process.env.UNSUBSCRIBE_SECRET;
    delete process.env.UNSUBSCRIBE_SECRET;
    try {
      await expect(exportMailingList(db, { channel: 'sms', at: '2026-01-05T10:00:00.000Z', by: 'admin@x.ru' })).rejects.toMatchObject({
        code: 'unavailable',
      });
    } finally {
      process.env.UNSUBSCRIBE_SECRET = saved;
    }
    expect((await db.collection(collections.mailingMarks).get()).size).toBe(0);
  });
});
