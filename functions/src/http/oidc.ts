import { OAuth2Client } from 'google-auth-library';
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
  if (audiences.length === 0) throw new Error('an identity token audience must be configured (without it the signature check would accept any Google token)');
  const client = new OAuth2Client(options.certsUrl ? { endpoints: { oauth2FederatedSignonPemCertsUrl: options.certsUrl }, issuers: googleIssuers } : { issuers: googleIssuers });
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new AppError('unauthenticated', 'sign in: send a Google identity token as "Authorization: Bearer <token>"');
    let payload;
    try {
      const ticket = await client.verifyIdToken({ idToken: match[1]!, audience: audiences });
      payload = ticket.getPayload();
    } catch (e) {
      throw new AppError('unauthenticated', `the identity token was refused: ${(e as Error).message.split('\n')[0]}`, { cause: e });
    }
    if (!payload?.email) throw new AppError('unauthenticated', 'the identity token carries no e-mail');
    if ((payload.email_verified as boolean | undefined) === false) throw new AppError('unauthenticated', 'the identity token e-mail is not verified');
    return { email: payload.email.toLowerCase(), emailVerified: (payload.email_verified as boolean | undefined) !== false, subject: payload.sub, audience: String(payload.aud) };
  };
}
