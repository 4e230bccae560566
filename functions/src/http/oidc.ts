import { OAuth2Client, type TokenPayload } from 'google-auth-library';
import { AppError } from '../errors.ts';

/**
 * Verifies Google-signed OpenID Connect identity tokens (the add-on's `ScriptApp.getIdentityToken()`,
 * Cloud Scheduler's OIDC token): signature, issuer, audience and expiry, with google-auth-library.
 * `certsUrl` exists so tests can serve their own keys; production uses Google's certificates.
 */
export type IdentityVerifierOptions = {
  audience: string | string[];
  certsUrl?: string;
  /**
   * Accept a token whose signature Cloud Run replaced by `SIGNATURE_REMOVED_BY_GOOGLE` after checking it
   * itself, by its claims alone. Only for a function that nobody reaches without Cloud Run's IAM check
   * (deployed with `--no-allow-unauthenticated`): anywhere else anyone could write such a token.
   */
  acceptStrippedSignature?: boolean;
};
export type VerifiedIdentity = { email: string; emailVerified: boolean; subject: string; audience: string };

const googleIssuers = ['accounts.google.com', 'https://accounts.google.com'];
/** What Cloud Run puts in place of the signature of a token it has verified, before forwarding it. */
export const strippedSignature = 'SIGNATURE_REMOVED_BY_GOOGLE';
/** The clock skew google-auth-library allows on a signed token; the stripped one gets no more. */
const clockSkewSeconds = 300;

export function createIdentityVerifier(options: IdentityVerifierOptions): (authorization: string | undefined) => Promise<VerifiedIdentity> {
  const audiences = [options.audience].flat().filter((a) => a !== '');
  if (audiences.length === 0)
    throw new Error('an identity token audience must be configured (without it the signature check would accept any Google token)');
  const client = new OAuth2Client(
    options.certsUrl
      ? { endpoints: { oauth2FederatedSignonPemCertsUrl: options.certsUrl }, issuers: googleIssuers }
      : { issuers: googleIssuers },
  );
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new AppError('unauthenticated', 'sign in: send a Google identity token as "Authorization: Bearer <token>"');
    const token = match[1]!;
    let payload: TokenPayload | undefined;
    if (options.acceptStrippedSignature === true && token.split('.')[2] === strippedSignature) {
      payload = checkedClaims(token, audiences, Date.now());
    } else {
      try {
        const ticket = await client.verifyIdToken({ idToken: token, audience: audiences });
        payload = ticket.getPayload();
      } catch (e) {
        throw new AppError('unauthenticated', `the identity token was refused: ${refusalReason(e)}`, { cause: e });
      }
    }
    if (!payload?.email) throw new AppError('unauthenticated', 'the identity token carries no e-mail');
    if ((payload.email_verified as boolean | undefined) === false)
      throw new AppError('unauthenticated', 'the identity token e-mail is not verified');
    return {
      email: payload.email.toLowerCase(),
      emailVerified: (payload.email_verified as boolean | undefined) !== false,
      subject: payload.sub,
      audience: String(payload.aud),
    };
  };
}

/**
 * The claims of a token Cloud Run has verified and forwarded without its signature: everything the
 * signature check would also have checked, except the signature (issuer, audience, issue time, expiry).
 */
export function checkedClaims(token: string, audiences: string[], nowMs: number): TokenPayload {
  const refuse = (why: string) => new AppError('unauthenticated', `the identity token was refused: ${why}`);
  const parts = token.split('.');
  if (parts.length !== 3) throw refuse('it is malformed');
  let header: { alg?: unknown };
  let payload: TokenPayload;
  try {
    header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    throw refuse('it is malformed');
  }
  if (typeof payload !== 'object' || payload === null || header?.alg !== 'RS256') throw refuse('it is malformed');
  const now = Math.floor(nowMs / 1000);
  if (!googleIssuers.includes(String(payload.iss))) throw refuse('it was not issued by Google');
  const aud = [payload.aud].flat();
  if (!aud.some((a) => audiences.includes(String(a)))) throw refuse('it was issued for another audience');
  if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number') throw refuse('it is malformed');
  if (payload.exp + clockSkewSeconds < now) throw refuse('it has expired (used too late); get a new one');
  if (payload.iat - clockSkewSeconds > now) throw refuse('it is not valid yet (used too early)');
  return payload;
}

/**
 * Why a token was refused, in words that never repeat the token or its payload: the library's own
 * messages quote both, and a 401 or an audit entry must not echo what the caller sent.
 */
export function refusalReason(error: unknown): string {
  const message = (error as Error | undefined)?.message ?? '';
  if (/too late/i.test(message)) return 'it has expired (used too late); get a new one';
  if (/too early/i.test(message)) return 'it is not valid yet (used too early)';
  if (/wrong recipient|audience/i.test(message)) return 'it was issued for another audience';
  if (/issuer/i.test(message)) return 'it was not issued by Google';
  if (/signature|no pem/i.test(message)) return 'its signature does not verify';
  if (/segments|parse|format|no issue time|no expiration|too far/i.test(message)) return 'it is malformed';
  return 'it could not be verified';
}
