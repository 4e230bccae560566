import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Channel } from '../../schema/consent.ts';

/**
 * Unsubscribe link tokens: `base64url(payload).base64url(HMAC-SHA256(secret, payload))`. The
 * payload binds the client, the channel and the address the message went to, plus a random nonce
 * and the issue time, so a token can neither be guessed, nor forged, nor edited to point at
 * another client. Tokens do not expire: an unsubscribe link must keep working.
 */
export type UnsubscribeClaim = { clientId: string; channel: Channel; address: string; nonce: string; issuedAt: number };

export const minSecretLength = 32;

function sign(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function issueUnsubscribeToken(
  secret: string,
  claim: { clientId: string; channel: Channel; address: string; issuedAt: number; nonce?: string },
): string {
  if (secret.length < minSecretLength) throw new Error(`the unsubscribe secret must be at least ${minSecretLength} characters`);
  const body = {
    v: 1,
    c: claim.clientId,
    ch: claim.channel,
    a: claim.address,
    n: claim.nonce ?? randomBytes(12).toString('base64url'),
    t: Math.floor(claim.issuedAt / 1000),
  };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

const maxTokenLength = 2048;

/** The claim of a token signed with one of the secrets (current first, then retired ones), or undefined. */
export function verifyUnsubscribeToken(secrets: ReadonlyArray<string>, token: unknown): UnsubscribeClaim | undefined {
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
    typeof b.c !== 'string' ||
    (b.ch !== 'sms' && b.ch !== 'email') ||
    typeof b.a !== 'string' ||
    typeof b.n !== 'string' ||
    typeof b.t !== 'number'
  )
    return undefined;
  return { clientId: b.c, channel: b.ch, address: b.a, nonce: b.n, issuedAt: b.t * 1000 };
}
