import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/**
 * A stand-in for Google's token issuer, for tests and the local stack only: an RSA key of its own,
 * its public key served as `{ kid: pem }` (the PEM format google-auth-library fetches from
 * `ID_TOKEN_CERTS_URL`), and RS256 identity tokens shaped like the add-on's
 * `ScriptApp.getIdentityToken()`. The API verifies them on its production code path.
 */
export type TokenClaims = {
  email: string;
  audience?: string;
  emailVerified?: boolean;
  issuer?: string;
  /** Seconds from now; negative for an already expired token. */
  expiresIn?: number;
  subject?: string;
};

export type DevIdentity = {
  certsUrl: string;
  audience: string;
  mint: (claims: TokenClaims) => string;
  /** A token signed by a key the certificates endpoint does not know: must be refused. */
  forge: (claims: TokenClaims) => string;
  close: () => Promise<void>;
};

function newKey() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function sign(privateKey: string, kid: string, audience: string, claims: TokenClaims): string {
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = claims.expiresIn ?? 3600;
  const header = { alg: 'RS256', typ: 'JWT', kid };
  const payload = {
    iss: claims.issuer ?? 'https://accounts.google.com',
    aud: claims.audience ?? audience,
    sub: claims.subject ?? `dev-${claims.email}`,
    email: claims.email,
    email_verified: claims.emailVerified ?? true,
    // An expired token must also have been issued before it expired.
    iat: Math.min(now, now + expiresIn - 60),
    exp: now + expiresIn,
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey);
  return `${input}.${b64url(signature)}`;
}

export async function startDevIdentity(options: { audience: string; port?: number }): Promise<DevIdentity> {
  const kid = `dev-${randomUUID().slice(0, 8)}`;
  const key = newKey();
  const stranger = newKey();
  const body = JSON.stringify({ [kid]: key.publicKey });
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' });
    res.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    certsUrl: `http://127.0.0.1:${port}/certs`,
    audience: options.audience,
    mint: (claims) => sign(key.privateKey, kid, options.audience, claims),
    forge: (claims) => sign(stranger.privateKey, kid, options.audience, claims),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
