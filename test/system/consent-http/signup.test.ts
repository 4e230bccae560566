import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupHandler } from '../../../functions/src/consent-http/signup.ts';
import { readHistory } from '../../../functions/src/store/client-store.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import { publishRules } from '../../../functions/src/store/rules-store.ts';
import type { SignupOutcome } from '../../../functions/src/store/signup-store.ts';
import { allDocumentPaths, getClientDoc, testFirestore } from '../../support/firestore.ts';
import { serveFunction } from './http-server.ts';
import { rulesConfigSchema } from '../../../functions/src/schema/rules-config.ts';

const { db } = testFirestore('signup');
const outcomes: SignupOutcome[] = [];
let server: Awaited<ReturnType<typeof serveFunction>>;
let now = new Date('2026-03-02T10:00:00.000Z');

beforeAll(async () => {
  for (const [id, level] of [
    ['m2', 1],
    ['m1', 1],
    ['m3', 2],
  ] as const) {
    await db
      .collection(collections.managers)
      .doc(id)
      .set({ id, name: id, email: `${id}@x.ru`, level, active: true, role: 'manager' });
  }
  await publishRules(db, rulesConfigSchema.parse({ intake: { rule: 'round-robin', signupsPerMinutePerIp: 5 } }), {
    by: 'admin',
    at: '2026-03-01',
  });
  server = await serveFunction(
    'signup',
    signupHandler({ db: () => db, now: () => now, onRegistered: (o) => outcomes.push(o), answerFloorMs: 0 }),
  );
});
afterAll(() => server.close());

let ipSeq = 0;
async function post(body: unknown, options: { ip?: string; contentType?: string; raw?: string } = {}) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'application/json', 'x-forwarded-for': options.ip ?? `198.51.100.${++ipSeq}` },
    body: options.raw ?? (typeof body === 'string' ? body : JSON.stringify(body)),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as any,
  };
}

const form = {
  name: 'Olga',
  phone: '8 (916) 555-01-01',
  email: 'Olga@Example.com',
  consents: { sms: true, email: false },
  formId: 'site-footer',
  consentTextVersion: '2026-01',
  incentive: { kind: 'prize-draw', reference: 'draw-march' },
};

describe('public sign-up', () => {
  it('creates the client with its consent pending confirmation, with proof and incentive, assigned by round robin', async () => {
    const res = await post(form, { ip: '203.0.113.7' });
    expect(res).toMatchObject({ status: 200, body: { status: 'received' } });
    // The person is told the consent still needs their confirmation.
    expect(res.body.message).toMatch(/we will send you a link to confirm it\.$/);
    const { clientId } = outcomes.at(-1)!;
    const doc = await getClientDoc(db, clientId);
    expect(doc).toMatchObject({
      name: 'Olga',
      source: 'website',
      phones: ['+79165550101'],
      emails: ['olga@example.com'],
      managerId: 'm1',
      mailable: { sms: false, email: false },
      awaitingConfirmation: { sms: true, email: false },
      incentives: [{ kind: 'prize-draw', reference: 'draw-march', formId: 'site-footer' }],
    });
    expect(doc!.consents).toEqual([
      {
        channel: 'sms',
        status: 'pending',
        at: now.toISOString(),
        method: 'website',
        proof: {
          formId: 'site-footer',
          textVersion: '2026-01',
          recordedBy: 'signup',
          address: '+79165550101',
          signupName: 'Olga',
          ip: '203.0.113.7',
        },
      },
    ]);
    const history = await readHistory(db, clientId);
    expect(history.map((h) => h.type).sort()).toEqual(['consent', 'incentive', 'transfer']);
    expect(history.find((h) => h.type === 'consent')).toMatchObject({
      by: 'signup',
      status: 'pending',
      proof: { formId: 'site-footer', textVersion: '2026-01', ip: '203.0.113.7' },
    });
    expect(history.find((h) => h.type === 'transfer')).toMatchObject({ from: null, to: 'm1', reason: 'intake' });
  });

  it('hands the next new clients to the next managers of the level in turn', async () => {
    await post({ ...form, name: 'P', phone: '+79165550102', email: '' });
    await post({ ...form, name: 'Q', phone: '+79165550103', email: '' });
    expect(outcomes.slice(-2).map((o) => o.managerId)).toEqual(['m2', 'm1']);
    expect((await db.collection(collections.counters).doc('intake').get()).get('next')).toBe(3);
  });

  it('attaches a sign-up with a known phone to the client, its new e-mail to verify, answering as for a new one', async () => {
    const first = outcomes[0]!.clientId;
    const clientsBefore = (await db.collection(collections.clients).get()).size;
    const res = await post({
      name: 'Someone else',
      phone: '+7 916 555 01 01',
      email: 'olga.new@example.com',
      consents: { sms: true, email: true },
      formId: 'questionnaire-7',
      consentTextVersion: '2026-02',
      source: 'questionnaire',
    });
    expect(res).toMatchObject({ status: 200, body: { status: 'received', message: expect.any(String) } });
    expect(Object.keys(res.body).sort()).toEqual(['message', 'status']);
    expect(outcomes.at(-1)).toMatchObject({ clientId: first, created: false });
    expect((await db.collection(collections.clients).get()).size).toBe(clientsBefore);
    const doc = await getClientDoc(db, first);
    // The e-mail nobody holds may be anyone's: it waits for the holder, with its consent, and takes no key.
    expect(doc).toMatchObject({
      name: 'Olga',
      emails: ['olga@example.com'],
      mailable: { sms: false, email: false },
      awaitingConfirmation: { sms: true, email: false },
      hasContactsToVerify: true,
    });
    expect(doc!.consents!.find((c) => c.channel === 'sms')).toMatchObject({
      status: 'pending',
      method: 'questionnaire',
      proof: { formId: 'questionnaire-7', signupName: 'Someone else' },
    });
    expect(doc!.contactKeys).not.toContain('email:olga.new@example.com');
    expect((await db.collection(collections.contactKeys).doc(encodeURIComponent('email:olga.new@example.com')).get()).exists).toBe(false);
    const toVerify = (await db.collection(collections.contactsToVerify).where('clientId', '==', first).get()).docs.map((d) => d.data());
    expect(toVerify).toEqual([
      expect.objectContaining({
        channel: 'email',
        address: 'olga.new@example.com',
        name: 'Someone else',
        status: 'open',
        consent: expect.objectContaining({ status: 'pending', proof: expect.objectContaining({ address: 'olga.new@example.com' }) }),
      }),
    ]);
  });

  it('attaches by e-mail too, and two racing sign-ups with one new phone make one client', async () => {
    await post({ ...form, name: 'R', phone: '', email: 'OLGA@example.com' });
    expect(outcomes.at(-1)).toMatchObject({ clientId: outcomes[0]!.clientId, created: false });
    const before = outcomes.length;
    await Promise.all([
      post({ ...form, name: 'Twin', phone: '+79165550199', email: '' }),
      post({ ...form, name: 'Twin', phone: '+79165550199', email: '' }),
    ]);
    const pair = outcomes.slice(before);
    expect(pair.map((o) => o.created).sort()).toEqual([false, true]);
    expect(pair[0]!.clientId).toBe(pair[1]!.clientId);
  });

  it('refuses a malformed form naming the fields, writing nothing', async () => {
    const before = (await allDocumentPaths(db)).filter((p) => !p.startsWith('rateLimits/'));
    const res = await post({ name: '', phone: '12', consents: { email: true, sms: 'maybe' }, formId: 'f' });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['consentTextVersion', 'consents.sms', 'name']);
    const boxWithoutAddress = await post({ ...form, email: '', consents: { email: true } });
    expect(boxWithoutAddress.body.errors).toEqual([{ path: 'consents.email', message: 'needs an e-mail address' }]);
    const badPhone = await post({ ...form, phone: '12' });
    expect(badPhone.body.errors).toEqual([{ path: 'phone', message: 'not a valid phone number' }]);
    expect((await post('[1,2]')).status).toBe(400);
    expect(await post('{"name":', {})).toMatchObject({
      status: 400,
      type: expect.stringContaining('application/problem+json'),
      body: { errors: [{ path: '(body)' }] },
    });
    expect((await post('name=x', { contentType: 'text/plain' })).status).toBe(415);
    expect((await allDocumentPaths(db)).filter((p) => !p.startsWith('rateLimits/'))).toEqual(before);
  });

  it('accepts an HTML form post with ticked boxes', async () => {
    const body = new URLSearchParams({
      name: 'Form user',
      phone: '+79165550177',
      'consents[sms]': 'on',
      formId: 'paper-q',
      consentTextVersion: 'v1',
      source: 'questionnaire',
      'incentive[kind]': 'gift',
    }).toString();
    const res = await post(body, { contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    expect(await getClientDoc(db, outcomes.at(-1)!.clientId)).toMatchObject({
      source: 'questionnaire',
      consents: [{ channel: 'sms', status: 'pending', method: 'questionnaire' }],
      incentives: [{ kind: 'gift' }],
    });
  });

  it('sends a plain HTML form post on to the thank-you page when one is configured', async () => {
    const withThanks = await serveFunction(
      'signup',
      signupHandler({ db: () => db, now: () => now, thanksUrl: 'https://example.test/thanks' }),
    );
    try {
      const res = await fetch(withThanks.url, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.250' },
        body: new URLSearchParams({
          name: 'Redirected',
          email: 'redirected@example.com',
          'consents[email]': 'on',
          formId: 'f',
          consentTextVersion: 'v1',
        }).toString(),
      });
      expect([res.status, res.headers.get('location')]).toEqual([303, 'https://example.test/thanks']);
    } finally {
      await withThanks.close();
    }
  });

  it('answers a known and a new phone no sooner than the same floor, so the answer time tells nothing', async () => {
    const floorMs = 250;
    const timed = await serveFunction(
      'signup',
      signupHandler({ db: () => db, now: () => now, answerFloorMs: floorMs, onRegistered: (o) => outcomes.push(o) }),
    );
    const send = async (phone: string) => {
      const started = performance.now();
      const res = await fetch(timed.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${++ipSeq}` },
        body: JSON.stringify({ ...form, phone, email: '' }),
      });
      return { ms: performance.now() - started, status: res.status, body: await res.text() };
    };
    try {
      const answers = { known: [] as Awaited<ReturnType<typeof send>>[], fresh: [] as Awaited<ReturnType<typeof send>>[] };
      for (let i = 0; i < 4; i++) {
        answers.known.push(await send('+79165550101'));
        answers.fresh.push(await send(`+7916555061${i}`));
      }
      // A loaded machine only makes answers slower; none may come back before the floor on either path.
      for (const a of [...answers.known, ...answers.fresh]) {
        expect(a.status).toBe(200);
        expect(a.ms).toBeGreaterThanOrEqual(floorMs - 1);
        expect(a.body).toBe(answers.known[0]!.body);
      }
      expect(outcomes.slice(-8).map((o) => o.created)).toEqual([false, true, false, true, false, true, false, true]);
    } finally {
      await timed.close();
    }
  });

  it('refuses broken Unicode or control characters in a name at once, writing nothing', async () => {
    const before = (await allDocumentPaths(db)).filter((p) => !p.startsWith('rateLimits/'));
    // Escaped in the JSON text itself: a lone surrogate cannot travel as UTF-8.
    for (const name of ['Olga \\ud800', 'Olga\\u202Egnp.exe', 'Olga\\u0000']) {
      const res = await post(`{"name":"${name}","phone":"+79165550700","formId":"f","consentTextVersion":"v1"}`);
      expect(res.status, name).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['name']);
    }
    expect((await allDocumentPaths(db)).filter((p) => !p.startsWith('rateLimits/'))).toEqual(before);
  });

  it('refuses an oversized body with 413', async () => {
    const res = await post({ ...form, name: 'x'.repeat(20_000) });
    expect(res).toMatchObject({ status: 413, body: { code: 'payload-too-large' } });
  });

  it('answers 429 with Retry-After once an IP passes its per-minute limit, and lets it in the next minute', async () => {
    now = new Date('2026-03-02T11:00:10.000Z');
    const ip = '192.0.2.99';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post({ ...form, phone: `+7916555020${i}`, email: '' }, { ip })).status);
    const limited = await post({ ...form, phone: '+79165550299', email: '' }, { ip });
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(limited).toMatchObject({ status: 429, retryAfter: '50', body: { code: 'rate-limited', retryAfterSeconds: 50 } });
    expect(limited.type).toContain('application/problem+json');
    expect((await post({ ...form, phone: '+79165550298', email: '' }, { ip: '192.0.2.100' })).status).toBe(200);
    now = new Date('2026-03-02T11:01:00.000Z');
    expect((await post({ ...form, phone: '+79165550297', email: '' }, { ip })).status).toBe(200);
  });

  it('counts the address the front end saw, not one the caller wrote into X-Forwarded-For', async () => {
    now = new Date('2026-03-02T12:00:00.000Z');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await post({ ...form, phone: `+7916555030${i}`, email: '' }, { ip: `10.0.0.${i}, 192.0.2.55` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
