import { createHash, timingSafeEqual } from 'node:crypto';

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
