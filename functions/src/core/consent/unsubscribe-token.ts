import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Channel } from '../../schema/consent.ts';

/**
 * Consent link tokens: `base64url(payload).base64url(HMAC-SHA256(secret, payload))`. The payload
 * binds the purpose (unsubscribe or confirm a sign-up), the client, the channel and the address
 * the message went to, plus a random nonce and the issue time, so a token can neither be guessed,
 * nor forged, nor edited to point at another client or to do the other thing: an unsubscribe link
 * never confirms and a confirmation link never unsubscribes. Tokens do not expire: an unsubscribe
 * link must keep working, and a late confirmation still confirms only a consent still pending.
 */
export type TokenPurpose = 'unsubscribe' | 'confirm';
export type ConsentTokenClaim = { clientId: string; channel: Channel; address: string; nonce: string; issuedAt: number };
export type UnsubscribeClaim = ConsentTokenClaim;

export const minSecretLength = 32;

function sign(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function issueConsentToken(
  secret: string,
  purpose: TokenPurpose,
  claim: { clientId: string; channel: Channel; address: string; issuedAt: number; nonce?: string },
): string {
  if (secret.length < minSecretLength) throw new Error(`the unsubscribe secret must be at least ${minSecretLength} characters`);
  const body = {
    v: 1,
    p: purpose,
    c: claim.clientId,
    ch: claim.channel,
    a: claim.address,
    n: claim.nonce ?? randomBytes(12).toString('base64url'),
    t: Math.floor(claim.issuedAt / 1000),
  };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

export function issueUnsubscribeToken(
  secret: string,
  claim: { clientId: string; channel: Channel; address: string; issuedAt: number; nonce?: string },
): string {
  return issueConsentToken(secret, 'unsubscribe', claim);
}

const maxTokenLength = 2048;

/**
 * The claim of a token for this purpose signed with one of the secrets (current first, then
 * retired ones), or undefined.
 */
export function verifyConsentToken(secrets: ReadonlyArray<string>, purpose: TokenPurpose, token: unknown): ConsentTokenClaim | undefined {
  if (typeof token !== 'string' || token.length > maxTokenLength) return undefined;
  const parts = token.split('.');
  if (parts.length !== 2) return undefined;
  const [payload, mac] = parts as [string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]{43}$/.test(mac)) return undefined;
  const given = Buffer.from(mac, 'base64url');
  // Re-encoding must give back the same text, so no two spellings of one MAC are accepted.
  if (given.length !== 32 || given.toString('base64url') !== mac) return undefined;
  const valid = secrets.some((s) => s.length >= minSecretLength && timingSafeEqual(sign(s, payload), given));
  if (!valid) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (
    b.v !== 1 ||
    b.p !== purpose ||
    typeof b.c !== 'string' ||
    (b.ch !== 'sms' && b.ch !== 'email') ||
    typeof b.a !== 'string' ||
    typeof b.n !== 'string' ||
    typeof b.t !== 'number'
  )
    return undefined;
  return { clientId: b.c, channel: b.ch, address: b.a, nonce: b.n, issuedAt: b.t * 1000 };
}

export function verifyUnsubscribeToken(secrets: ReadonlyArray<string>, token: unknown): UnsubscribeClaim | undefined {
  return verifyConsentToken(secrets, 'unsubscribe', token);
}
