import type { Request } from '@google-cloud/functions-framework';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';

/** Refuses bodies over `maxBytes` (413) and content types other than JSON or a form post (415). */
export function requireFormBody(req: Request, maxBytes: number): Record<string, unknown> {
  const declared = Number(req.get('content-length') ?? '0');
  const actual = (req as Request & { rawBody?: Buffer }).rawBody?.length ?? 0;
  if (declared > maxBytes || actual > maxBytes)
    throw new AppError('payload-too-large', `the request body is larger than ${maxBytes} bytes`, { details: { maxBytes } });
  if (!req.is('application/json') && !req.is('application/x-www-form-urlencoded')) {
    throw new AppError('unsupported-media-type', 'send the form as application/json or application/x-www-form-urlencoded');
  }
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AppError('invalid-input', 'the body must be an object', { issues: [{ path: '(body)', message: 'must be an object' }] });
  return body as Record<string, unknown>;
}

/**
 * The caller's IP. The entries of X-Forwarded-For are client-controlled except the last ones,
 * which the proxies in front (Google's front end, a load balancer) append; `trustedHops` says how
 * many of those there are, so a spoofed header cannot dodge the rate limit.
 */
export function clientIp(req: Request, trustedHops: number): string | undefined {
  const forwarded = (req.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (forwarded.length > 0 && trustedHops > 0) return forwarded[Math.max(0, forwarded.length - trustedHops)];
  return req.socket?.remoteAddress ?? undefined;
}

/** Constant-time comparison of a presented shared secret with the configured one(s). */
export function secretMatches(presented: string | undefined, configured: ReadonlyArray<string | undefined>): boolean {
  if (presented === undefined || presented === '') return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const given = digest(presented);
  let ok = false;
  for (const c of configured) if (c !== undefined && c.length >= 16 && timingSafeEqual(given, digest(c))) ok = true;
  return ok;
}

/** SIGNUP_TRUSTED_PROXY_HOPS: 1 (Google's front end) unless set to another whole number. */
export function proxyHopsFromEnv(env: NodeJS.ProcessEnv): number {
  const n = Number(env.SIGNUP_TRUSTED_PROXY_HOPS ?? '1');
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 1;
}
