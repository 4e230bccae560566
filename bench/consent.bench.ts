// Consent (issue 6): the mailing export over a base where a third of the clients consented to SMS,
// and public sign-ups through the functions framework's server. Sizes: BENCH_MAILING_CLIENTS,
// BENCH_SIGNUPS.
import type { AddressInfo } from 'node:net';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { selectForMailing, type MailingCandidate } from '../functions/src/core/consent/mailing-eligibility.ts';
import { issueUnsubscribeToken, verifyUnsubscribeToken } from '../functions/src/core/consent/unsubscribe-token.ts';
import { signupHandler } from '../functions/src/consent-http/signup.ts';
import { exportMailingList } from '../functions/src/operations/mailing-export.ts';
import type { ClientDoc } from '../functions/src/schema/client.ts';
import { collections, contactKeyId } from '../functions/src/store/collections.ts';
import { openFirestore } from '../functions/src/store/db.ts';
import { measured, row, thousands, type BenchRow } from './table.ts';

const secret = 'bench-unsubscribe-secret-0123456789abcdefgh';

function timed<T>(label: string, count: number, f: () => T): T {
  const t0 = performance.now();
  const out = f();
  const ms = performance.now() - t0;
  console.log(`${label}: ${count} in ${ms.toFixed(0)} ms (${((count / ms) * 1000).toFixed(0)}/s)`);
  return out;
}

function pure(): void {
  const n = 200_000;
  const candidates: MailingCandidate[] = Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    name: `Client ${i}`,
    phones: [`+7916${String(i).padStart(7, '0')}`],
    emails: [],
    consents: [
      {
        channel: 'sms',
        status: i % 7 === 0 ? 'withdrawn' : 'granted',
        at: '2026-01-01',
        method: 'website',
        proof: {},
        ...(i % 11 === 0 ? { dead: true } : {}),
      },
    ],
    ...(i % 3 === 0 ? { lastExportAt: '2026-01-09T00:00:00.000Z' } : {}),
  }));
  timed('core: selectForMailing', n, () =>
    selectForMailing(candidates, { channel: 'sms', at: '2026-01-10T00:00:00.000Z', cadenceDays: 7 }),
  );
  const tokens = timed('core: issue unsubscribe tokens', 50_000, () =>
    Array.from({ length: 50_000 }, (_, i) =>
      issueUnsubscribeToken(secret, { clientId: `c${i}`, channel: 'sms', address: `+7916${i}`, issuedAt: 0 }),
    ),
  );
  timed('core: verify unsubscribe tokens', tokens.length, () => tokens.forEach((t) => verifyUnsubscribeToken([secret], t)));
}

async function exportJob(clients: number): Promise<BenchRow[]> {
  const db = openFirestore(`bench-mailing-${Date.now()}`);
  let batch = db.batch();
  let pending = 0;
  for (let i = 0; i < clients; i++) {
    const consented = i % 3 === 0;
    const phone = `+7916${String(i).padStart(7, '0')}`;
    const doc: ClientDoc = {
      id: `c${String(i).padStart(6, '0')}`,
      name: `Client ${i}`,
      kind: 'person',
      size: 'regular',
      phones: [phone],
      emails: [],
      managerId: null,
      ...(consented ? { consents: [{ channel: 'sms', status: 'granted', at: '2026-01-01', method: 'website', proof: {} }] } : {}),
      contactKeys: [`phone:${phone}`],
      dealCount: 0,
      dealsSinceAssignment: 0,
      firstDealAt: null,
      lastDealAt: null,
      rotatable: false,
      mailable: { sms: consented, email: false },
      version: 1,
      updatedAt: '2026-01-01',
    };
    batch.set(db.collection(collections.clients).doc(doc.id), doc);
    batch.set(db.collection(collections.contactKeys).doc(contactKeyId(`phone:${phone}`)), { clientId: doc.id, key: `phone:${phone}` });
    if (++pending === 250) {
      await batch.commit();
      batch = db.batch();
      pending = 0;
    }
  }
  await batch.commit();
  process.env.UNSUBSCRIBE_SECRET = secret;
  process.env.UNSUBSCRIBE_URL = 'https://example.test/unsubscribe';
  const firstStep = await measured(() => exportMailingList(db, { channel: 'sms', at: '2026-02-01T10:00:00.000Z', by: 'bench' }));
  const first = firstStep.value;
  console.log(
    `export (emulator): ${first.rows.length} rows of ${clients} clients ` +
      `in ${(firstStep.seconds * 1000).toFixed(0)} ms, CSV ${(first.csv.length / 1024).toFixed(0)} KiB`,
  );
  const againStep = await measured(() => exportMailingList(db, { channel: 'sms', at: '2026-02-02T10:00:00.000Z', by: 'bench' }));
  console.log(
    `export again within the cadence (emulator): ${againStep.value.rows.length} rows in ${(againStep.seconds * 1000).toFixed(0)} ms`,
  );
  return [
    row(
      'consent',
      'mailing export',
      `${thousands(clients)} clients`,
      `${thousands(first.rows.length)} rows, CSV ${(first.csv.length / 1024).toFixed(0)} KiB`,
      firstStep,
    ),
    row('consent', 'the same export within the cadence', `${thousands(clients)} clients`, `${againStep.value.rows.length} rows`, againStep),
  ];
}

async function signups(count: number): Promise<BenchRow> {
  const db = openFirestore(`bench-signup-${Date.now()}`);
  await db
    .collection(collections.managers)
    .doc('m1')
    .set({ id: 'm1', name: 'm1', email: 'm1@x.ru', level: 1, active: true, role: 'manager' });
  await db
    .collection(collections.config)
    .doc('rules')
    .set({ version: 1, rules: { intake: { signupsPerMinutePerIp: 10_000 } }, publishedAt: null, publishedBy: null });
  http('bench-signup', signupHandler({ db: () => db }));
  const server = getTestServer('bench-signup');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const step = await measured(async () => {
    for (let i = 0; i < count; i++) {
      const known = i % 4 === 3; // every fourth sign-up repeats an earlier phone
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1' },
        body: JSON.stringify({
          name: `Lead ${i}`,
          phone: `+7916${String(known ? i - 3 : i).padStart(7, '0')}`,
          consents: { sms: true },
          formId: 'bench',
          consentTextVersion: 'v1',
        }),
      });
      if (res.status !== 200) throw new Error(`sign-up ${i}: ${res.status} ${await res.text()}`);
    }
  });
  const ms = step.seconds * 1000;
  console.log(`sign-ups (emulator, sequential): ${count} in ${ms.toFixed(0)} ms, ${(ms / count).toFixed(1)} ms each`);
  await new Promise((resolve) => server.close(resolve));
  return row(
    'consent',
    'public sign-ups, one at a time',
    `${count} forms (a quarter known phones)`,
    `${(ms / count).toFixed(1)} ms each (every answer held to the 300 ms floor that hides who is in the base)`,
    step,
  );
}

export async function bench(): Promise<BenchRow[]> {
  pure();
  const exports = await exportJob(Number(process.env.BENCH_MAILING_CLIENTS ?? 6000));
  return [...exports, await signups(Number(process.env.BENCH_SIGNUPS ?? 200))];
}
