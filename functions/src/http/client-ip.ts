import type { Request } from 'express';

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
