import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDocumentPaths } from '../../support/firestore.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi('api-auth');
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'gone', active: false, deactivatedAt: '2026-01-01' });
});
afterAll(() => api.close());

async function refusals(): Promise<{ actor: string; outcome: string; details?: { reason?: string } }[]> {
  const snap = await api.db.collection('audit').get();
  return snap.docs.map((d) => d.data() as { actor: string; outcome: string }).filter((a) => a.outcome === 'refused');
}

async function unauthenticatedFrom(source: string): Promise<{ actor: string; outcome: string; details?: Record<string, unknown> }[]> {
  const snap = await api.db.collection('audit').where('details.source', '==', source).get();
  return snap.docs.map((d) => d.data() as { actor: string; outcome: string; details?: Record<string, unknown> });
}

describe('api authentication', () => {
  it('answers who am I for a verified roster member', async () => {
    const me = await api.call('GET', '/me', { as: 'anna' });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: 'anna', name: 'anna', email: 'anna@example.com', level: 1, role: 'manager' });
  });

  it('refuses a request without a token, and audits it', async () => {
    const answer = await api.call('GET', '/me', { headers: { 'x-forwarded-for': '192.0.2.10' } });
    expectProblem(answer, 401);
    expect(answer.body).toMatchObject({ type: 'https://clientbase.dev/problems/unauthenticated', code: 'unauthenticated' });
    expect(await unauthenticatedFrom('192.0.2.10')).toEqual([
      expect.objectContaining({
        actor: 'anonymous',
        outcome: 'refused',
        details: expect.objectContaining({ count: 1, lastRequest: 'GET /me' }),
      }),
    ]);
  });

  it('counts refused requests without a valid identity per source and minute, so junk cannot flood the audit log', async () => {
    const before = (await api.db.collection('audit').get()).size;
    const junk = ['', 'Bearer x', 'Bearer a.b.c', `Bearer ${api.identity.forge({ email: 'anna@example.com' })}`, 'Basic YWRtaW46YWRtaW4='];
    for (let i = 0; i < 30; i++) {
      const answer = await api.call('GET', i % 2 ? '/clients' : '/me', {
        headers: { 'x-forwarded-for': '192.0.2.77', ...(junk[i % junk.length] ? { authorization: junk[i % junk.length]! } : {}) },
      });
      expectProblem(answer, 401);
    }
    const entries = await unauthenticatedFrom('192.0.2.77');
    // One entry per minute: the loop may straddle a minute boundary, never more.
    expect(entries.length).toBeLessThanOrEqual(2);
    expect(entries.reduce((sum, e) => sum + (e.details!.count as number), 0)).toBe(30);
    expect((await api.db.collection('audit').get()).size - before).toBeLessThanOrEqual(2);
  });

  it('never echoes the submitted token or its payload in a 401 or in the audit log', async () => {
    const expired = api.tokenFor('anna@example.com', { expiresIn: -3600 });
    const forged = api.identity.forge({ email: 'anna@example.com' });
    const [h, p, s] = api.tokenFor('anna@example.com').split('.');
    const claims = { ...JSON.parse(Buffer.from(p!, 'base64url').toString()), email: 'boss@example.com' };
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    for (const token of [
      expired,
      forged,
      tampered,
      'not-a-jwt-secret-looking-value',
      'headerpart.eyJlbWFpbCI6ImV2aWxAZXhhbXBsZS5jb20ifQ.signaturepart',
    ]) {
      const answer = await api.call('GET', '/me', { token, headers: { 'x-forwarded-for': '192.0.2.88' } });
      expectProblem(answer, 401);
      const text = JSON.stringify(answer.body);
      for (const part of token.split('.')) expect(text).not.toContain(part.slice(0, 12));
      expect(text).not.toMatch(/anna@example\.com|boss@example\.com|evil@example\.com|"iat"|"aud"/);
    }
    const logged = JSON.stringify(await unauthenticatedFrom('192.0.2.88'));
    expect(logged).not.toMatch(/anna@example\.com|boss@example\.com|evil@example\.com|not-a-jwt/);
  });

  it('refuses a token signed by a key the issuer does not publish', async () => {
    const answer = await api.call('GET', '/me', { token: api.identity.forge({ email: 'anna@example.com' }) });
    expectProblem(answer, 401);
  });

  it('refuses an expired token', async () => {
    const answer = await api.call('GET', '/me', { token: api.tokenFor('anna@example.com', { expiresIn: -3600 }) });
    expectProblem(answer, 401);
    expect(answer.body.detail).toMatch(/expired/i);
  });

  it('refuses a token minted for another audience', async () => {
    const answer = await api.call('GET', '/me', { token: api.tokenFor('anna@example.com', { audience: 'some-other-app' }) });
    expectProblem(answer, 401);
  });

  it('refuses a token from another issuer', async () => {
    const answer = await api.call('GET', '/me', { token: api.tokenFor('anna@example.com', { issuer: 'https://evil.example.com' }) });
    expectProblem(answer, 401);
  });

  it('refuses a tampered token', async () => {
    const token = api.tokenFor('anna@example.com');
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, email: 'boss@example.com' })).toString('base64url')}.${s}`;
    expectProblem(await api.call('GET', '/me', { token: forged }), 401);
  });

  it('refuses a verified e-mail that is not on the roster, and audits it', async () => {
    const answer = await api.call('GET', '/me', { as: 'stranger' });
    expectProblem(answer, 403);
    expect((await refusals()).some((r) => r.actor === 'stranger@example.com')).toBe(true);
  });

  it('refuses an inactive manager at once, with a valid token', async () => {
    const answer = await api.call('GET', '/clients', { as: 'gone' });
    expectProblem(answer, 403);
    expect(answer.body.detail).toMatch(/access has ended/);
    expect((await refusals()).some((r) => r.actor === 'gone' && r.details?.reason === 'inactive')).toBe(true);
  });

  it('ends access on the next request once a manager is deactivated', async () => {
    await api.addManager({ id: 'leaver' });
    expect((await api.call('GET', '/me', { as: 'leaver' })).status).toBe(200);
    await api.db.collection('managers').doc('leaver').update({ active: false });
    expectProblem(await api.call('GET', '/me', { as: 'leaver' }), 403);
  });
});

describe('api request envelope', () => {
  it('answers malformed JSON with a 400 problem document, not an HTML page', async () => {
    const answer = await api.call('POST', '/clients', { as: 'anna', rawBody: '{"name": "x",' });
    expectProblem(answer, 400);
    expect(answer.body.errors).toEqual([{ path: '(body)', message: 'malformed JSON' }]);
  });

  it('refuses a body that is not JSON with 415', async () => {
    expectProblem(await api.call('POST', '/clients', { as: 'anna', rawBody: 'name=x', contentType: 'text/plain' }), 415);
    expectProblem(
      await api.call('POST', '/clients', { as: 'anna', rawBody: 'name=x', contentType: 'application/x-www-form-urlencoded' }),
      415,
    );
  });

  it('refuses a body over 256 KB with 413 and writes nothing', async () => {
    const before = await allDocumentPaths(api.db);
    const answer = await api.call('POST', '/clients', { as: 'anna', body: { name: 'x'.repeat(300 * 1024), kind: 'person' } });
    expectProblem(answer, 413);
    expect(await allDocumentPaths(api.db)).toEqual(before);
  });

  it('answers an unknown route with a 404 problem document', async () => {
    expectProblem(await api.call('GET', '/nothing-here', { as: 'anna' }), 404);
  });

  it('refuses unknown query parameters', async () => {
    const answer = await api.call('GET', '/me?debug=1', { as: 'anna' });
    expectProblem(answer, 400);
    expect(answer.body.errors).toEqual([{ path: 'debug', message: 'unknown query parameter' }]);
  });
});
