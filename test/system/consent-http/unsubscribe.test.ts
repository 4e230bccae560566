import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Firestore } from 'firebase-admin/firestore';
import { issueUnsubscribeToken } from '../../../functions/src/core/consent/unsubscribe-token.ts';
import { unsubscribeHandler } from '../../../functions/src/consent-http/unsubscribe.ts';
import { exportMailingList } from '../../../functions/src/operations/mailing-export.ts';
import { createClient, readHistory } from '../../../functions/src/store/client-store.ts';
import { recordConsent } from '../../../functions/src/store/consent-store.ts';
import { allDocumentPaths, getClientDoc, testFirestore } from '../../support/firestore.ts';
import { serveFunction } from './http-server.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';

const secret = 'unsubscribe-test-secret-0123456789abcdefgh';
const gatewaySecret = 'gateway-secret-0123456789';
const espSecret = 'esp-webhook-secret-0123456789';
const env = {
  UNSUBSCRIBE_SECRET: secret,
  UNSUBSCRIBE_URL: 'https://example.test/unsubscribe',
  SMS_GATEWAY_SECRET: gatewaySecret,
  ESP_WEBHOOK_SECRET: espSecret,
};
Object.assign(process.env, env);

const { db } = testFirestore('unsubscribe');
let server: Awaited<ReturnType<typeof serveFunction>>;
beforeAll(async () => {
  server = await serveFunction('unsubscribe', unsubscribeHandler({ db: () => db, env, now: () => new Date('2026-04-01T12:00:00.000Z') }));
});
afterAll(() => server.close());

async function person(store: Firestore, id: string, phone: string, email: string): Promise<void> {
  await createClient(store, clientSchema.parse({ id, name: id, kind: 'person', managerId: null, phones: [phone], emails: [email] }), {
    by: 'm1',
    at: '2026-03-01T00:00:00.000Z',
  });
  for (const channel of ['sms', 'email'] as const) {
    await recordConsent(store, {
      clientId: id,
      channel,
      status: 'granted',
      method: 'website',
      proof: { formId: 'f1' },
      at: '2026-03-01T00:00:00.000Z',
      by: 'signup',
    });
  }
}

const status = async (id: string, channel: 'sms' | 'email') =>
  (await getClientDoc(db, id))!.consents!.find((c) => c.channel === channel)!.status;

async function call(method: string, path: string, init: { body?: string; contentType?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(init.contentType ? { 'content-type': init.contentType } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

const tokenFor = (clientId: string, address: string, channel: 'sms' | 'email' = 'email') =>
  issueUnsubscribeToken(secret, { clientId, channel, address, issuedAt: Date.parse('2026-03-15T00:00:00Z') });

describe('unsubscribe', () => {
  it('shows a confirmation page on GET and withdraws nothing until the button is pressed', async () => {
    await person(db, 'g1', '+79160001001', 'g1@example.com');
    const token = tokenFor('g1', 'g1@example.com');
    const page = await call('GET', `/?t=${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post">');
    expect(page.text).toContain(`value="${token}"`);
    expect(await status('g1', 'email')).toBe('granted');
    const pressed = await call('POST', `/?t=${token}`, {
      body: new URLSearchParams({ t: token }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(pressed.status).toBe(200);
    expect(await status('g1', 'email')).toBe('withdrawn');
    expect(await status('g1', 'sms')).toBe('granted');
  });

  it('withdraws at once on an RFC 8058 one-click POST, with the proof in the history, and is idempotent', async () => {
    await person(db, 'o1', '+79160001002', 'o1@example.com');
    const token = tokenFor('o1', 'o1@example.com');
    const oneClick = () =>
      call('POST', `/?t=${encodeURIComponent(token)}`, {
        body: 'List-Unsubscribe=One-Click',
        contentType: 'application/x-www-form-urlencoded',
      });
    const first = await oneClick();
    const second = await oneClick();
    expect(first.status).toBe(200);
    expect(second).toEqual(first);
    expect(await status('o1', 'email')).toBe('withdrawn');
    const withdrawals = (await readHistory(db, 'o1')).filter((h) => h.type === 'consent' && h.status === 'withdrawn');
    expect(withdrawals).toEqual([
      expect.objectContaining({
        channel: 'email',
        method: 'unsubscribe',
        by: 'unsubscribe',
        at: '2026-04-01T12:00:00.000Z',
        proof: expect.objectContaining({ address: 'o1@example.com', note: 'one-click (RFC 8058)', recordedBy: 'unsubscribe' }),
      }),
    ]);
  });

  it('answers an unknown, forged or mangled token exactly like a valid one, changing nothing', async () => {
    await person(db, 'v1', '+79160001003', 'v1@example.com');
    await person(db, 'v2', '+79160001004', 'v2@example.com');
    const valid = await call('POST', `/?t=${tokenFor('v1', 'v1@example.com')}`, {
      body: 'List-Unsubscribe=One-Click',
      contentType: 'application/x-www-form-urlencoded',
    });
    const before = await allDocumentPaths(db);
    const docBefore = await getClientDoc(db, 'v2');
    const [payload, mac] = tokenFor('v1', 'v1@example.com').split('.') as [string, string];
    const retargeted = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('"v1"', '"v2"').replace('v1@', 'v2@')).toString(
      'base64url',
    );
    const forgedElsewhere = issueUnsubscribeToken('some-other-secret-0123456789abcdefghij', {
      clientId: 'v2',
      channel: 'email',
      address: 'v2@example.com',
      issuedAt: 0,
    });
    for (const bad of [`${retargeted}.${mac}`, forgedElsewhere, 'nonsense', '', `${payload}.${mac.slice(0, -2)}AA`]) {
      const answer = await call('POST', `/?t=${encodeURIComponent(bad)}`, {
        body: 'List-Unsubscribe=One-Click',
        contentType: 'application/x-www-form-urlencoded',
      });
      expect(answer).toEqual(valid);
      expect(await call('GET', `/?t=${encodeURIComponent(bad)}`)).toMatchObject({
        status: 200,
        type: expect.stringContaining('text/html'),
      });
    }
    expect(await getClientDoc(db, 'v2')).toEqual(docBefore);
    expect(await allDocumentPaths(db)).toEqual(before);
  });

  it("cannot use one person's link to unsubscribe someone else, even after the address moved to them", async () => {
    await person(db, 'r1', '+79160001005', 'r1@example.com');
    await person(db, 'r2', '+79160001006', 'r2@example.com');
    // r1's sms link used for r1: only r1's sms consent goes.
    await call('POST', `/?t=${tokenFor('r1', '+79160001005', 'sms')}`, {
      body: 'List-Unsubscribe=One-Click',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect([await status('r1', 'sms'), await status('r1', 'email'), await status('r2', 'sms'), await status('r2', 'email')]).toEqual([
      'withdrawn',
      'granted',
      'granted',
      'granted',
    ]);
    // A token for an address the client no longer has does nothing (the link went to someone else).
    const stale = tokenFor('r2', 'old-r2@example.com');
    await call('POST', `/?t=${stale}`, { body: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' });
    expect(await status('r2', 'email')).toBe('granted');
  });

  it('unsubscribes with the link an export put in a row', async () => {
    const { db: other } = testFirestore('unsubscribe-export');
    await person(other, 'e1', '+79160001007', 'e1@example.com');
    const local = await serveFunction('unsubscribe', unsubscribeHandler({ db: () => other, env }));
    try {
      const { rows } = await exportMailingList(other, { channel: 'sms', at: '2026-03-20T10:00:00.000Z', by: 'admin@x.ru' });
      const link = new URL(rows[0]!.unsubscribeUrl);
      await fetch(`${local.url}/?${link.searchParams.toString()}`, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect((await getClientDoc(other, 'e1'))!.consents!.find((c) => c.channel === 'sms')!.status).toBe('withdrawn');
      expect((await exportMailingList(other, { channel: 'sms', at: '2026-04-20T10:00:00.000Z', by: 'admin@x.ru' })).rows).toEqual([]);
    } finally {
      await local.close();
    }
  });

  it('marks dead only the address that bounced: the client stays mailable on its other e-mail, and lists go there', async () => {
    const { db: other } = testFirestore('unsubscribe-bounce-two');
    await createClient(
      other,
      clientSchema.parse({ id: 'two', name: 'Two Mails', kind: 'person', managerId: null, emails: ['old@example.com', 'new@example.com'] }),
      { by: 'm1', at: '2026-03-01T00:00:00.000Z' },
    );
    await recordConsent(other, {
      clientId: 'two',
      channel: 'email',
      status: 'granted',
      method: 'website',
      proof: { formId: 'f1' },
      at: '2026-03-01T00:00:00.000Z',
      by: 'signup',
    });
    const local = await serveFunction('unsubscribe', unsubscribeHandler({ db: () => other, env }));
    const bounce = (address: string) =>
      fetch(`${local.url}/bounce`, {
        method: 'POST',
        body: JSON.stringify({ channel: 'email', address }),
        headers: { 'content-type': 'application/json', 'x-gateway-secret': espSecret },
      }).then((r) => r.json());
    try {
      expect(await bounce('OLD@example.com')).toEqual({ status: 'ok', marked: 1 });
      const doc = (await getClientDoc(other, 'two'))!;
      expect(doc.mailable).toEqual({ sms: false, email: true });
      expect(doc.consents).toEqual([expect.objectContaining({ channel: 'email', status: 'granted', deadAddresses: ['old@example.com'] })]);
      const { rows } = await exportMailingList(other, { channel: 'email', at: '2026-03-20T10:00:00.000Z', by: 'admin@x.ru' });
      expect(rows.map((r) => [r.clientId, r.address])).toEqual([['two', 'new@example.com']]);
      expect(await bounce('new@example.com')).toEqual({ status: 'ok', marked: 1 });
      expect((await getClientDoc(other, 'two'))!.mailable).toEqual({ sms: false, email: false });
      expect((await exportMailingList(other, { channel: 'email', at: '2026-04-20T10:00:00.000Z', by: 'admin@x.ru' })).rows).toEqual([]);
    } finally {
      await local.close();
    }
  });

  it('refuses a STOP reply holding broken Unicode at once, naming the field', async () => {
    const res = await call('POST', '/sms-stop', {
      body: JSON.stringify({ phone: '+79160001010', text: 'STOP \ud800' }),
      contentType: 'application/json',
      headers: { 'x-gateway-secret': gatewaySecret },
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).errors).toEqual([{ path: 'text', message: 'is not valid Unicode text (it holds a lone surrogate)' }]);
  });

  it('withdraws sms consent when the gateway forwards a STOP reply, and ignores other replies', async () => {
    await person(db, 's1', '+79160001008', 's1@example.com');
    const json = (body: unknown, secretHeader = gatewaySecret) => ({
      body: JSON.stringify(body),
      contentType: 'application/json',
      headers: { 'x-gateway-secret': secretHeader },
    });
    const chat = await call('POST', '/sms-stop', json({ phone: '89160001008', text: 'when is the sale?' }));
    expect(JSON.parse(chat.text)).toEqual({ status: 'ignored', stop: false });
    expect(await status('s1', 'sms')).toBe('granted');
    const stop = await call('POST', '/sms-stop', json({ phone: '89160001008', text: 'СТОП' }));
    expect(JSON.parse(stop.text)).toEqual({ status: 'ok', stop: true, withdrawn: 1 });
    expect(await status('s1', 'sms')).toBe('withdrawn');
    expect(await status('s1', 'email')).toBe('granted');
    expect((await readHistory(db, 's1')).at(-1)).toMatchObject({
      type: 'consent',
      by: 'sms-gateway',
      proof: { note: 'СТОП', address: '+79160001008' },
    });
  });

  it('refuses gateway reports without the right secret', async () => {
    await person(db, 's2', '+79160001009', 's2@example.com');
    const wrong = await call('POST', '/sms-stop', {
      body: JSON.stringify({ phone: '+79160001009', text: 'STOP' }),
      contentType: 'application/json',
      headers: { 'x-gateway-secret': 'guess-guess-guess-guess' },
    });
    const none = await call('POST', '/bounce', {
      body: JSON.stringify({ channel: 'sms', address: '+79160001009' }),
      contentType: 'application/json',
    });
    expect([wrong.status, none.status]).toEqual([401, 401]);
    expect(wrong.type).toContain('application/problem+json');
    expect(await status('s2', 'sms')).toBe('granted');
  });

  it('marks a bounced contact dead so that no list includes it', async () => {
    await person(db, 'b1', '+79160001010', 'b1@example.com');
    const res = await call('POST', '/bounce', {
      body: JSON.stringify({ channel: 'email', address: 'B1@example.com', reason: '550 mailbox unavailable' }),
      contentType: 'application/json',
      headers: { 'x-gateway-secret': espSecret },
    });
    expect(JSON.parse(res.text)).toEqual({ status: 'ok', marked: 1 });
    expect((await getClientDoc(db, 'b1'))!.consents!.find((c) => c.channel === 'email')).toMatchObject({
      status: 'granted',
      deadAddresses: ['b1@example.com'],
    });
    expect((await getClientDoc(db, 'b1'))!.mailable).toEqual({ sms: true, email: false });
    const bad = await call('POST', '/bounce', {
      body: JSON.stringify({ channel: 'fax', address: '' }),
      contentType: 'application/json',
      headers: { 'x-gateway-secret': gatewaySecret },
    });
    expect(bad.status).toBe(400);
    expect(
      JSON.parse(bad.text)
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['address', 'channel']);
  });

  it("takes a bounce only with its own channel's secret: the other gateway's secret marks nothing dead", async () => {
    await person(db, 'b2', '+79160001011', 'b2@example.com');
    const report = (channel: 'sms' | 'email', address: string, secretHeader: string) =>
      call('POST', '/bounce', {
        body: JSON.stringify({ channel, address }),
        contentType: 'application/json',
        headers: { 'x-gateway-secret': secretHeader },
      });
    const phoneByEsp = await report('sms', '+79160001011', espSecret);
    const mailBySms = await report('email', 'b2@example.com', gatewaySecret);
    expect([phoneByEsp.status, mailBySms.status]).toEqual([403, 403]);
    expect(JSON.parse(phoneByEsp.text).errors).toEqual([{ path: 'channel', message: 'needs SMS_GATEWAY_SECRET in X-Gateway-Secret' }]);
    expect((await getClientDoc(db, 'b2'))!.mailable).toEqual({ sms: true, email: true });
    expect(JSON.parse((await report('sms', '+79160001011', gatewaySecret)).text)).toEqual({ status: 'ok', marked: 1 });
    expect((await getClientDoc(db, 'b2'))!.mailable).toEqual({ sms: false, email: true });
  });
});
