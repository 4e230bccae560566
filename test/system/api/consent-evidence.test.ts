import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupHandler } from '../../../functions/src/consent-http/signup.ts';
import { unsubscribeHandler } from '../../../functions/src/consent-http/unsubscribe.ts';
import { allDocumentPaths } from '../../support/firestore.ts';
import { serveFunction } from '../consent-http/http-server.ts';
import { expectProblem, startApi, type Answer, type Api } from './api-harness.ts';
import { postSignupForm, type SignupFormFields } from '../../support/signup-form.ts';

// Consent evidence must hold against a stranger on the public form and against staff with something to gain.
const gatewaySecret = 'consent-evidence-gateway-0123456789';
const env = {
  UNSUBSCRIBE_SECRET: 'consent-evidence-secret-0123456789-abcdef',
  UNSUBSCRIBE_URL: 'https://example.test/unsubscribe',
  SMS_GATEWAY_SECRET: gatewaySecret,
};
Object.assign(process.env, env);

let api: Api;
let signup: Awaited<ReturnType<typeof serveFunction>>;
let links: Awaited<ReturnType<typeof serveFunction>>;

beforeAll(async () => {
  api = await startApi('api-consent-evidence');
  signup = await serveFunction('signup', signupHandler({ db: () => api.db, answerFloorMs: 0 }));
  links = await serveFunction('unsubscribe', unsubscribeHandler({ db: () => api.db, env }));
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'boris' });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
  // Every export here lists whoever may be mailed now: no cadence window hides a contact between steps.
  const rules = { mailing: { smsCadenceDays: 0, emailCadenceDays: 0 } };
  expect((await api.call('PUT', '/admin/rules', { as: 'head', body: { rules, expectedVersion: 0 } })).status).toBe(200);
});

/** Every document path but the audit trail's: a refusal may be audited, and must write nothing else. */
const written = async () => (await allDocumentPaths(api.db)).filter((p) => !p.startsWith('audit/'));
afterAll(async () => {
  await signup.close();
  await links.close();
  await api.close();
});

async function signUp(fields: SignupFormFields): Promise<void> {
  const res = await postSignupForm(signup.url, fields);
  expect(res.status).toBe(200);
}

async function newClient(as: string, client: { id: string; name: string; phones?: string[]; emails?: string[] }): Promise<void> {
  expect((await api.call('POST', '/clients', { as, body: { kind: 'person', ...client } })).status).toBe(201);
}

const grant = (as: string, clientId: string, body: Record<string, unknown>) =>
  api.call('POST', `/clients/${clientId}/consents`, { as, body: { status: 'granted', ...body } });

type Row = { clientId: string; name: string; address: string; unsubscribeUrl?: string; confirmUrl?: string };
async function exported(channel: 'sms' | 'email', confirmations = false): Promise<{ rows: Row[]; csv: string }> {
  const answer = await api.call('POST', '/admin/mailing-exports', { as: 'head', body: { channel, confirmations } });
  expect(answer.status).toBe(201);
  return answer.body;
}

/** A link from an exported row, pressed on the local unsubscribe function (the button on its page). */
async function press(url: string): Promise<void> {
  const u = new URL(url);
  const res = await fetch(`${links.url}${u.pathname.replace(/^\/unsubscribe/, '')}${u.search}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  expect(res.status).toBe(200);
}

const paths = (answer: Answer) => (answer.body.errors ?? []).map((e: { path: string }) => e.path).sort();

describe('a stranger’s sign-up plants nothing on a client it matches', () => {
  beforeAll(async () => {
    await newClient('anna', { id: 'k1', name: 'Katerina Orlova', phones: ['+79161110001'], emails: ['katerina@example.com'] });
    expect((await grant('anna', 'k1', { channel: 'email', method: 'questionnaire', proof: { formId: 'Q-1' } })).status).toBe(201);
    await signUp({ name: 'Mallory', phone: '+7 916 111 00 01', email: 'mallory@evil.example', sms: true, mail: true });
  });

  it('keeps the client’s e-mails and lists as they were, and asks the phone by the name typed, never the client’s', async () => {
    const card = (await api.call('GET', '/clients/k1', { as: 'anna' })).body;
    expect(card.client.emails).toEqual(['katerina@example.com']);
    const mailing = await exported('email');
    expect(mailing.rows.filter((r) => r.clientId === 'k1').map((r) => r.address)).toEqual(['katerina@example.com']);
    expect(mailing.csv).not.toContain('mallory@evil.example');
    const emailRequests = await exported('email', true);
    expect(emailRequests.csv).not.toContain('mallory@evil.example');
    const smsRequests = await exported('sms', true);
    expect(smsRequests.rows).toEqual([expect.objectContaining({ clientId: 'k1', name: 'Mallory', address: '+79161110001' })]);
    expect(smsRequests.csv).not.toContain('Katerina');
  });

  it('shows the holder the contact to verify in the card and My tasks, and nobody else', async () => {
    const card = (await api.call('GET', '/clients/k1', { as: 'anna' })).body;
    expect(card.contactsToVerify).toEqual([
      {
        clientId: 'k1',
        channel: 'email',
        address: 'mallory@evil.example',
        name: 'Mallory',
        formId: 'site-footer',
        at: expect.any(String),
        consentAsked: true,
      },
    ]);
    const mine = (await api.call('GET', '/tasks', { as: 'anna' })).body;
    expect(mine.contactsToVerify).toEqual([expect.objectContaining({ clientId: 'k1', clientName: 'Katerina Orlova', name: 'Mallory' })]);
    expect((await api.call('GET', '/tasks', { as: 'boris' })).body.contactsToVerify).toEqual([]);
    expectProblem(await api.call('GET', '/clients/k1', { as: 'boris' }), 404);
  });

  it('takes no contact key until accepted: another client may hold the address, and accepting then is refused', async () => {
    await signUp({ name: 'Olga', phone: '+79161110002' });
    await signUp({ name: 'Olga', phone: '+79161110002', email: 'olga.shared@example.com' });
    await newClient('boris', { id: 'b1', name: 'Boris client', emails: ['olga.shared@example.com'] });
    const held = (await api.db.collection('clients').where('phones', 'array-contains', '+79161110002').get()).docs[0]!;
    const before = await written();
    const refused = await api.call('POST', `/clients/${held.id}/contacts/verify`, {
      as: 'head',
      body: { channel: 'email', address: 'olga.shared@example.com', decision: 'accept' },
    });
    expectProblem(refused, 409);
    expect(refused.body.code).toBe('duplicate');
    expect(await written()).toEqual(before);
  });

  it('refuses bad decisions naming the field, and another manager’s client as not found, writing nothing', async () => {
    const before = await written();
    const bad = await api.call('POST', '/clients/k1/contacts/verify', {
      as: 'anna',
      body: { channel: 'fax', address: '', decision: 'maybe', extra: 1 },
    });
    expectProblem(bad, 400);
    expect(paths(bad)).toEqual(['(body)', 'address', 'channel', 'decision']);
    const foreign = await api.call('POST', '/clients/k1/contacts/verify', {
      as: 'boris',
      body: { channel: 'email', address: 'mallory@evil.example', decision: 'accept' },
    });
    expectProblem(foreign, 404);
    const unknown = await api.call('POST', '/clients/k1/contacts/verify', {
      as: 'anna',
      body: { channel: 'email', address: 'nobody@example.com', decision: 'accept' },
    });
    expectProblem(unknown, 404);
    expect(paths(unknown)).toEqual(['address']);
    expect(await written()).toEqual(before);
  });

  it('joins the client once the holder accepts it, mailed nothing without its own consent; a declined one is dropped', async () => {
    await signUp({ name: 'Second', email: 'katerina@example.com', phone: '+79161110099', sms: true });
    const accepted = await api.call('POST', '/clients/k1/contacts/verify', {
      as: 'anna',
      body: { channel: 'email', address: 'Mallory@Evil.example', decision: 'accept' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', contact: { address: 'mallory@evil.example' } });
    const declined = await api.call('POST', '/clients/k1/contacts/verify', {
      as: 'anna',
      body: { channel: 'sms', address: '+79161110099', decision: 'decline' },
    });
    expect(declined.body).toMatchObject({ status: 'declined' });
    const card = (await api.call('GET', '/clients/k1', { as: 'anna' })).body;
    expect(card.client.emails).toEqual(['katerina@example.com', 'mallory@evil.example']);
    expect(card.client.phones).toEqual(['+79161110001']);
    expect(card.contactsToVerify).toEqual([]);
    expect(card.history.at(-1)).toMatchObject({ type: 'edit', by: 'anna', changes: [{ field: 'emails' }] });
    const mine = (await api.call('GET', '/tasks', { as: 'anna' })).body.contactsToVerify;
    expect(mine.filter((c: { clientId: string }) => c.clientId === 'k1')).toEqual([]);
    // The client's consent covers its own address: the accepted one is mailed nothing until it confirms.
    const mailing = await exported('email');
    expect(mailing.rows.filter((r) => r.clientId === 'k1').map((r) => r.address)).not.toContain('mallory@evil.example');
    // Deciding again the same way changes nothing; changing one's mind after is a conflict.
    const again = await api.call('POST', '/clients/k1/contacts/verify', {
      as: 'anna',
      body: { channel: 'sms', address: '+79161110099', decision: 'decline' },
    });
    expect(again.status).toBe(200);
    expectProblem(
      await api.call('POST', '/clients/k1/contacts/verify', {
        as: 'anna',
        body: { channel: 'sms', address: '+79161110099', decision: 'accept' },
      }),
      409,
    );
  });
});

describe('staff cannot forge a web sign-up’s proof', () => {
  beforeAll(async () => {
    await newClient('anna', { id: 'f1', name: 'Forge target', emails: ['forge@example.com'] });
  });

  for (const as of ['anna', 'head']) {
    it(`refuses method website, IPs, confirmations, the typed name and who recorded it, from ${as}, writing nothing`, async () => {
      const before = await written();
      const website = await grant(as, 'f1', { channel: 'email', method: 'website', proof: { formId: 'site-footer' } });
      expectProblem(website, 400);
      expect(paths(website)).toEqual(['method']);
      expect(website.body.errors[0].message).toMatch(/public sign-up/);
      const forged = await grant(as, 'f1', {
        channel: 'email',
        method: 'event',
        proof: {
          recordedBy: 'head',
          ip: '203.0.113.5',
          confirmedAt: '2026-03-01T00:00:00.000Z',
          confirmedIp: '203.0.113.5',
          signupName: 'X',
        },
      });
      expectProblem(forged, 400);
      expect(paths(forged)).toEqual(['proof.confirmedAt', 'proof.confirmedIp', 'proof.ip', 'proof.recordedBy', 'proof.signupName']);
      const noForm = await grant(as, 'f1', { channel: 'email', method: 'questionnaire' });
      expectProblem(noForm, 400);
      expect(paths(noForm)).toEqual(['proof.formId']);
      expect(await written()).toEqual(before);
    });
  }

  it('names the caller as who recorded the consent', async () => {
    const granted = await grant('head', 'f1', { channel: 'email', method: 'event', proof: { formId: 'expo-2026' } });
    expect(granted.status).toBe(201);
    expect(granted.body.consent.proof).toEqual({ formId: 'expo-2026', recordedBy: 'head' });
  });
});

describe('a withdrawal by the person is theirs to undo', () => {
  beforeAll(async () => {
    await newClient('anna', { id: 'w1', name: 'Unsubscriber', emails: ['w1@example.com'], phones: ['+79162220001'] });
    await newClient('anna', { id: 'w2', name: 'Asked by phone', emails: ['w2@example.com'] });
    for (const channel of ['email', 'sms'])
      expect((await grant('anna', 'w1', { channel, method: 'questionnaire', proof: { formId: 'Q-7' } })).status).toBe(201);
    expect((await grant('anna', 'w2', { channel: 'email', method: 'event', proof: { formId: 'expo' } })).status).toBe(201);
  });

  async function expectLocked(clientId: string, channel: 'sms' | 'email'): Promise<void> {
    const before = await written();
    for (const as of ['anna', 'head']) {
      for (const body of [
        { channel, method: 'staff' },
        { channel, method: 'event', proof: { formId: 'expo' } },
      ]) {
        const refused = await grant(as, clientId, body);
        expectProblem(refused, 409);
        expect(refused.body).toMatchObject({ code: 'withdrawn-by-person', channel });
        expect(refused.body.detail).toMatch(/withdrawn by the person on \d{4}-\d\d-\d\d: only their new consent grants it again/);
      }
    }
    expect(await written()).toEqual(before);
  }

  it('after the unsubscribe link, refuses staff grants (409 naming the state) and the card says so', async () => {
    const row = (await exported('email')).rows.find((r) => r.clientId === 'w1')!;
    await press(row.unsubscribeUrl!);
    await expectLocked('w1', 'email');
    const card = (await api.call('GET', '/clients/w1', { as: 'anna' })).body;
    expect(card.client.consents.find((c: { channel: string }) => c.channel === 'email')).toMatchObject({
      status: 'withdrawn',
      withdrawnByPersonAt: expect.any(String),
    });
    expect((await exported('email')).rows.map((r) => r.clientId)).not.toContain('w1');
  });

  it('after a STOP reply, and after a withdrawal staff recorded at the person’s request, the same', async () => {
    const stop = await fetch(`${links.url}/sms-stop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gateway-secret': gatewaySecret },
      body: JSON.stringify({ phone: '+79162220001', text: 'STOP' }),
    });
    expect(stop.status).toBe(200);
    await expectLocked('w1', 'sms');
    expect(
      (await api.call('POST', '/clients/w2/consents', { as: 'anna', body: { channel: 'email', status: 'withdrawn', method: 'staff' } }))
        .status,
    ).toBe(201);
    await expectLocked('w2', 'email');
  });

  it('lets the person’s new consent grant it again: a questionnaire with its form id, or a sign-up they confirm', async () => {
    const again = await grant('anna', 'w2', { channel: 'email', method: 'questionnaire', proof: { formId: 'paper-2026-17' } });
    expect(again.status).toBe(201);
    expect(again.body.consent.withdrawnByPersonAt).toBeUndefined();
    expect((await exported('email')).rows.map((r) => r.address)).toContain('w2@example.com');

    await signUp({ name: 'Me again', email: 'w1@example.com', mail: true });
    // A stranger may have typed the address: until it is confirmed, staff still cannot grant over the withdrawal.
    await expectLocked('w1', 'email');
    const request = (await exported('email', true)).rows.find((r) => r.clientId === 'w1')!;
    expect(request.name).toBe('Me again');
    await press(request.confirmUrl!);
    const card = (await api.call('GET', '/clients/w1', { as: 'anna' })).body;
    expect(card.client.consents.find((c: { channel: string }) => c.channel === 'email')).toMatchObject({ status: 'granted' });
    expect((await grant('anna', 'w1', { channel: 'email', method: 'staff' })).status).toBe(201);
  });
});
