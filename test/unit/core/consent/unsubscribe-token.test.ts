import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  issueConsentToken,
  issueUnsubscribeToken,
  verifyConsentToken,
  verifyUnsubscribeToken,
} from '../../../../functions/src/core/consent/unsubscribe-token.ts';

const secret = 'test-secret-0123456789-abcdefghijklmnop';
const claim = { clientId: 'c1', channel: 'email' as const, address: 'ivan@example.com', issuedAt: Date.UTC(2026, 0, 1) };

describe('unsubscribe token', () => {
  it('round-trips the client, channel and address it was issued for', () => {
    const token = issueUnsubscribeToken(secret, claim);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyUnsubscribeToken([secret], token)).toMatchObject({
      clientId: 'c1',
      channel: 'email',
      address: 'ivan@example.com',
      issuedAt: claim.issuedAt,
    });
  });

  it('is unguessable: two tokens for the same contact differ', () => {
    expect(issueUnsubscribeToken(secret, claim)).not.toBe(issueUnsubscribeToken(secret, claim));
  });

  it('refuses a token signed with another secret, and accepts a retired secret only when listed', () => {
    const other = issueUnsubscribeToken('another-secret-0123456789-abcdefghijk', claim);
    expect(verifyUnsubscribeToken([secret], other)).toBeUndefined();
    expect(verifyUnsubscribeToken([secret, 'another-secret-0123456789-abcdefghijk'], other)).toMatchObject({ clientId: 'c1' });
  });

  it('refuses a payload re-targeted to another client with the original signature', () => {
    const token = issueUnsubscribeToken(secret, claim);
    const [, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ v: 1, c: 'c2', ch: 'email', a: 'ivan@example.com', n: 'x', t: 1 })).toString('base64url');
    expect(verifyUnsubscribeToken([secret], `${forged}.${mac}`)).toBeUndefined();
  });

  it('refuses garbage without throwing', () => {
    for (const bad of [undefined, 42, '', '.', 'a.b', 'a.b.c', `${'x'.repeat(5000)}.y`])
      expect(verifyUnsubscribeToken([secret], bad)).toBeUndefined();
  });

  it('refuses every token with any character changed, added or removed (property)', () => {
    const token = issueUnsubscribeToken(secret, claim);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: token.length - 1 }),
        fc.constantFrom(...alphabet),
        fc.constantFrom('replace', 'insert', 'delete'),
        (i, ch, op) => {
          const tampered =
            op === 'replace'
              ? token.slice(0, i) + ch + token.slice(i + 1)
              : op === 'insert'
                ? token.slice(0, i) + ch + token.slice(i)
                : token.slice(0, i) + token.slice(i + 1);
          fc.pre(tampered !== token);
          expect(verifyUnsubscribeToken([secret], tampered)).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a secret too short to be safe', () => {
    expect(() => issueUnsubscribeToken('short', claim)).toThrow(/at least 32/);
  });

  it('binds the purpose: an unsubscribe token never confirms and a confirmation token never unsubscribes', () => {
    const unsubscribe = issueUnsubscribeToken(secret, claim);
    const confirm = issueConsentToken(secret, 'confirm', claim);
    expect(verifyConsentToken([secret], 'confirm', confirm)).toMatchObject({ clientId: 'c1', address: 'ivan@example.com' });
    expect(verifyConsentToken([secret], 'confirm', unsubscribe)).toBeUndefined();
    expect(verifyUnsubscribeToken([secret], confirm)).toBeUndefined();
    expect(verifyConsentToken([secret, 'another-secret-0123456789-abcdefghijk'], 'confirm', unsubscribe)).toBeUndefined();
  });
});
