import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { NormalisedSignup } from '../../../functions/src/core/consent/signup-merge.ts';
import { issueConsentToken, issueUnsubscribeToken } from '../../../functions/src/core/consent/unsubscribe-token.ts';
import { signupHandler } from '../../../functions/src/consent-http/signup.ts';
import { unsubscribeHandler } from '../../../functions/src/consent-http/unsubscribe.ts';
import { exportConfirmationList, exportMailingList } from '../../../functions/src/operations/mailing-export.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';
import { createClient, readHistory } from '../../../functions/src/store/client-store.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import { recordConsent } from '../../../functions/src/store/consent-store.ts';
import { registerSignup, type SignupOutcome } from '../../../functions/src/store/signup-store.ts';
import { allDocumentPaths, getClientDoc, testFirestore } from '../../support/firestore.ts';
import { serveFunction } from './http-server.ts';
import { postSignupForm, type SignupFormFields } from '../../support/signup-form.ts';

const secret = 'double-opt-in-test-secret-0123456789abcdef';
const gatewaySecret = 'double-opt-in-gateway-0123456789';
const env = { UNSUBSCRIBE_SECRET: secret, UNSUBSCRIBE_URL: 'https://example.test/unsubscribe', SMS_GATEWAY_SECRET: gatewaySecret };
Object.assign(process.env, env);

const { db } = testFirestore('double-opt-in');
const outcomes: SignupOutcome[] = [];
let now = new Date('2026-06-01T10:00:00.000Z');
let signup: Awaited<ReturnType<typeof serveFunction>>;
let links: Awaited<ReturnType<typeof serveFunction>>;

beforeAll(async () => {
  signup = await serveFunction(
    'signup',
    signupHandler({ db: () => db, now: () => now, onRegistered: (o) => outcomes.push(o), answerFloorMs: 0 }),
  );
  links = await serveFunction('unsubscribe', unsubscribeHandler({ db: () => db, env, now: () => now }));
});
afterAll(async () => {
  await signup.close();
  await links.close();
});

async function signUp(fields: SignupFormFields): Promise<string> {
  const res = await postSignupForm(signup.url, fields);
  expect(res.status).toBe(200);
  return outcomes.at(-1)!.clientId;
}

/** The path and query of a link an export put in a row, on the local server. */
const local = (url: string) => {
  const u = new URL(url);
  return `${links.url}${u.pathname.replace(/^\/unsubscribe/, '')}${u.search}`;
};

async function press(url: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** A sign-up as the form handler passes it on (validated, contacts normalised). */
const form = (fields: Pick<NormalisedSignup, 'name' | 'phone' | 'email' | 'consents'>): NormalisedSignup => ({
  ...fields,
  formId: 'f',
  consentTextVersion: 'v',
  source: 'website',
});

const at = (iso: string) => ({ at: iso, by: 'admin@x.ru' });
const consentOf = async (id: string, channel: 'sms' | 'email') =>
  (await getClientDoc(db, id))!.consents!.find((c) => c.channel === channel);

describe('double opt-in for public sign-ups', () => {
  it('lists a sign-up only for confirmation, confirms it on the button (not on opening the link), then mails it', async () => {
    const id = await signUp({ name: 'Anna', email: 'Anna@Example.com', mail: true });
    expect(await consentOf(id, 'email')).toMatchObject({ status: 'pending', proof: { address: 'anna@example.com' } });
    expect((await exportMailingList(db, { channel: 'email', ...at('2026-06-01T11:00:00.000Z') })).rows).toEqual([]);

    const requests = await exportConfirmationList(db, { channel: 'email', ...at('2026-06-01T11:00:00.000Z') });
    expect(requests.rows.map((r) => [r.clientId, r.address])).toEqual([[id, 'anna@example.com']]);
    const row = requests.rows[0]!;
    expect(row.confirmUrl).toBe(`https://example.test/unsubscribe/confirm?t=${row.confirmToken}`);
    expect(parse(requests.csv, { columns: true })).toEqual([
      { client_id: id, name: 'Anna', channel: 'email', address: 'anna@example.com', confirm_url: row.confirmUrl },
    ]);
    const audit = await db.collection(collections.audit).where('action', '==', 'mailing.confirmations').get();
    expect(audit.docs.map((d) => d.data())).toMatchObject([
      { actor: 'admin@x.ru', outcome: 'ok', target: requests.exportId, details: { channel: 'email', count: 1 } },
    ]);

    // A link scanner opening the link confirms nothing.
    const page = await fetch(local(row.confirmUrl));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    expect(await consentOf(id, 'email')).toMatchObject({ status: 'pending' });

    now = new Date('2026-06-02T08:00:00.000Z');
    const first = await press(local(row.confirmUrl));
    const again = await press(local(row.confirmUrl));
    expect(first.status).toBe(200);
    expect(again).toEqual(first);
    const consent = await consentOf(id, 'email');
    expect(consent).toMatchObject({
      status: 'granted',
      at: '2026-06-02T08:00:00.000Z',
      method: 'website',
      proof: {
        formId: 'site-footer',
        textVersion: '2026-05',
        recordedBy: 'signup',
        address: 'anna@example.com',
        ip: expect.stringMatching(/^198\.51\.100\./),
        confirmedAt: '2026-06-02T08:00:00.000Z',
        confirmedIp: '127.0.0.1',
      },
    });
    const entries = (await readHistory(db, id)).filter((h) => h.type === 'consent');
    expect(entries.map((h) => [h.by, h.type === 'consent' && h.status])).toEqual([
      ['signup', 'pending'],
      ['confirmation', 'granted'],
    ]);
    expect((await getClientDoc(db, id))!.mailable).toEqual({ sms: false, email: true });

    // The request was a message too: the ordinary list waits for the cadence, then includes the contact.
    expect((await exportMailingList(db, { channel: 'email', ...at('2026-06-03T10:00:00.000Z') })).rows).toEqual([]);
    const list = await exportMailingList(db, { channel: 'email', ...at('2026-06-09T10:00:00.000Z') });
    expect(list.rows.map((r) => [r.clientId, r.address])).toEqual([[id, 'anna@example.com']]);
    expect((await exportConfirmationList(db, { channel: 'email', ...at('2026-07-01T10:00:00.000Z') })).rows).toEqual([]);
  });

  it('lets an unsubscribe or a STOP reply before the confirmation win: the link then confirms nothing', async () => {
    const { db: other } = testFirestore('double-opt-in-withdrawn');
    const server = await serveFunction('unsubscribe', unsubscribeHandler({ db: () => other, env, now: () => now }));
    try {
      await createClient(other, clientSchema.parse({ id: 'w1', name: 'W', kind: 'person', managerId: null, phones: ['+79160002001'] }), {
        by: 'm1',
        at: '2026-06-01T00:00:00.000Z',
      });
      // The state a public sign-up leaves, written the way the sign-up writes it.
      await registerSignup(other, form({ name: 'W', phone: '+79160002001', consents: { sms: true, email: false } }), {
        at: '2026-06-01T01:00:00.000Z',
        ip: '203.0.113.5',
      });
      const { rows } = await exportConfirmationList(other, { channel: 'sms', ...at('2026-06-01T02:00:00.000Z') });
      expect(rows.map((r) => r.clientId)).toEqual(['w1']);
      const withdraw = await fetch(`${server.url}/?t=${issueUnsubscribeToken(secret, { ...rows[0]!, issuedAt: 0 })}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(withdraw.status).toBe(200);
      expect((await getClientDoc(other, 'w1'))!.consents![0]!.status).toBe('withdrawn');
      const before = await allDocumentPaths(other);
      await fetch(`${server.url}/confirm?t=${rows[0]!.confirmToken}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      });
      expect((await getClientDoc(other, 'w1'))!.consents![0]!.status).toBe('withdrawn');
      expect(await allDocumentPaths(other)).toEqual(before);
      expect((await exportMailingList(other, { channel: 'sms', ...at('2026-07-01T02:00:00.000Z') })).rows).toEqual([]);

      const stopped = await registerSignup(other, form({ name: 'T', phone: '+79160002011', consents: { sms: true, email: false } }), {
        at: '2026-06-01T05:00:00.000Z',
        ip: '203.0.113.6',
      });
      const asked = await exportConfirmationList(other, { channel: 'sms', ...at('2026-06-01T06:00:00.000Z') });
      expect(asked.rows.map((r) => r.clientId)).toEqual([stopped.clientId]);
      const stop = await fetch(`${server.url}/sms-stop`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-gateway-secret': gatewaySecret },
        body: JSON.stringify({ phone: '+79160002011', text: 'STOP' }),
      });
      expect(await stop.json()).toEqual({ status: 'ok', stop: true, withdrawn: 1 });
      await fetch(`${server.url}/confirm?t=${asked.rows[0]!.confirmToken}`, { method: 'POST' });
      expect((await getClientDoc(other, stopped.clientId))!.consents).toEqual([
        expect.objectContaining({ channel: 'sms', status: 'withdrawn', method: 'unsubscribe' }),
      ]);
    } finally {
      await server.close();
    }
  });

  it('answers a forged, unsubscribe or stale-address token exactly like a valid one, confirming nothing', async () => {
    const id = await signUp({ name: 'Boris', email: 'boris@example.com', phone: '+79160002002', mail: true, sms: true });
    const valid = issueConsentToken(secret, 'confirm', { clientId: id, channel: 'sms', address: '+79160002002', issuedAt: 0 });
    const reference = await press(`${links.url}/confirm?t=${valid}`);
    expect(await consentOf(id, 'sms')).toMatchObject({ status: 'granted' });
    const pendingBefore = await getClientDoc(db, id);
    const paths = await allDocumentPaths(db);
    const bad = [
      issueUnsubscribeToken(secret, { clientId: id, channel: 'email', address: 'boris@example.com', issuedAt: 0 }),
      issueConsentToken('another-secret-0123456789abcdefghijklmnop', 'confirm', {
        clientId: id,
        channel: 'email',
        address: 'boris@example.com',
        issuedAt: 0,
      }),
      issueConsentToken(secret, 'confirm', { clientId: id, channel: 'email', address: 'old-boris@example.com', issuedAt: 0 }),
      issueConsentToken(secret, 'confirm', { clientId: 'nobody', channel: 'email', address: 'boris@example.com', issuedAt: 0 }),
      'nonsense',
      '',
    ];
    for (const token of bad) expect(await press(`${links.url}/confirm?t=${encodeURIComponent(token)}`)).toEqual(reference);
    expect(await getClientDoc(db, id)).toEqual(pendingBefore);
    expect(await consentOf(id, 'email')).toMatchObject({ status: 'pending' });
    expect(await allDocumentPaths(db)).toEqual(paths);
    // A confirmation token does not unsubscribe either.
    await fetch(`${links.url}/?t=${valid}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(await consentOf(id, 'sms')).toMatchObject({ status: 'granted' });
  });

  it('asks a pending contact once per cadence window and three times in all, then leaves it pending and unmailed', async () => {
    const { db: other } = testFirestore('double-opt-in-cap');
    await registerSignup(other, form({ name: 'C', email: 'c@example.com', consents: { sms: false, email: true } }), {
      at: '2026-06-01T00:00:00.000Z',
      ip: undefined,
    });
    const ask = async (iso: string) => (await exportConfirmationList(other, { channel: 'email', ...at(iso) })).rows.length;
    const counts = [
      await ask('2026-06-01T10:00:00.000Z'),
      await ask('2026-06-05T10:00:00.000Z'),
      await ask('2026-06-08T10:00:00.000Z'),
      await ask('2026-06-15T10:00:00.000Z'),
      await ask('2026-06-22T10:00:00.000Z'),
      await ask('2026-09-01T10:00:00.000Z'),
    ];
    expect(counts).toEqual([1, 0, 1, 1, 0, 0]);
    const exports = await other.collection(collections.mailingExports).get();
    expect(exports.docs.map((d) => d.get('skipped')).at(-1)).toEqual({ 'asked-enough': 1 });
    const [client] = (await other.collection(collections.clients).get()).docs.map((d) => d.data());
    expect(client).toMatchObject({ mailable: { sms: false, email: false }, consents: [{ channel: 'email', status: 'pending' }] });
    expect((await exportMailingList(other, { channel: 'email', ...at('2026-09-02T10:00:00.000Z') })).rows).toEqual([]);
  });

  it('keeps a staff-recorded consent granted at once; a stranger’s sign-up adds only history and a contact to verify', async () => {
    const { db: other } = testFirestore('double-opt-in-staff');
    await createClient(
      other,
      clientSchema.parse({ id: 's1', name: 'S', kind: 'person', managerId: null, phones: ['+79160002003'], emails: ['s@example.com'] }),
      { by: 'm1', at: '2026-06-01T00:00:00.000Z' },
    );
    await recordConsent(other, {
      clientId: 's1',
      channel: 'email',
      status: 'granted',
      method: 'event',
      proof: { formId: 'expo' },
      at: '2026-06-01T00:00:00.000Z',
      by: 'm1',
    });
    const before = await getClientDoc(other, 's1');
    expect(before).toMatchObject({ mailable: { sms: false, email: true }, awaitingConfirmation: { sms: false, email: false } });
    await registerSignup(
      other,
      form({ name: 'Stranger', email: 's@example.com', phone: '+79160002999', consents: { sms: true, email: true } }),
      { at: '2026-06-02T00:00:00.000Z', ip: '203.0.113.66' },
    );
    const after = (await getClientDoc(other, 's1'))!;
    expect(after.consents!.find((c) => c.channel === 'email')).toEqual(before!.consents![0]);
    // The stranger's phone waits for the holder: not on the client, never asked or mailed.
    expect(after.phones).toEqual(['+79160002003']);
    expect(after.mailable).toEqual({ sms: false, email: true });
    expect(after.hasContactsToVerify).toBe(true);
    const { rows } = await exportConfirmationList(other, { channel: 'sms', ...at('2026-06-02T10:00:00.000Z') });
    expect(rows).toEqual([]);
    const mailed = await exportMailingList(other, { channel: 'email', ...at('2026-06-02T10:00:00.000Z') });
    expect(mailed.rows.map((r) => r.address)).toEqual(['s@example.com']);
    const history = (await readHistory(other, 's1')).filter((h) => h.type === 'consent');
    expect(history.map((h) => [h.at.slice(0, 10), h.channel, h.by, h.type === 'consent' && h.status]).sort()).toEqual([
      ['2026-06-01', 'email', 'm1', 'granted'],
      ['2026-06-02', 'email', 'signup', 'pending'],
    ]);
  });
});
