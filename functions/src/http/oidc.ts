import { OAuth2Client, type TokenPayload } from 'google-auth-library';
import { AppError } from '../errors.ts';

/**
 * Verifies Google-signed OpenID Connect identity tokens (the add-on's `ScriptApp.getIdentityToken()`,
 * Cloud Scheduler's OIDC token): signature, issuer, audience and expiry, with google-auth-library.
 * `certsUrl` exists so tests can serve their own keys; production uses Google's certificates.
 */
export type IdentityVerifierOptions = { audience: string | string[]; certsUrl?: string };
export type VerifiedIdentity = { email: string; emailVerified: boolean; subject: string; audience: string };

const googleIssuers = ['accounts.google.com', 'https://accounts.google.com'];

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
    let payload: TokenPayload | undefined;
    try {
      const ticket = await client.verifyIdToken({ idToken: match[1]!, audience: audiences });
      payload = ticket.getPayload();
    } catch (e) {
      throw new AppError('unauthenticated', `the identity token was refused: ${refusalReason(e)}`, { cause: e });
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
