import { minSecretLength } from '../core/consent/unsubscribe-token.ts';
import { AppError } from '../errors.ts';

/**
 * The unsubscribe secret(s) and the public URL of the `unsubscribe` function. A retired secret
 * (UNSUBSCRIBE_SECRET_PREVIOUS) still verifies links already sent, so the secret can be rotated.
 */
export type UnsubscribeConfig = { secret: string; verifySecrets: string[]; url: string | undefined };

export function unsubscribeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): UnsubscribeConfig {
  const secret = env.UNSUBSCRIBE_SECRET ?? '';
  if (secret.length < minSecretLength)
    throw new AppError(
      'unavailable',
      `unsubscribe links are not configured: set UNSUBSCRIBE_SECRET (at least ${minSecretLength} random characters)`,
    );
  const previous = env.UNSUBSCRIBE_SECRET_PREVIOUS ?? '';
  return {
    secret,
    verifySecrets: previous.length >= minSecretLength ? [secret, previous] : [secret],
    url: env.UNSUBSCRIBE_URL || undefined,
  };
}

/** The link put in each message: the function URL with the token as `?t=`. */
export function unsubscribeLink(url: string, token: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}t=${encodeURIComponent(token)}`;
}

/** The link a confirmation request carries: `/confirm` on the same function, the token as `?t=`. */
export function confirmLink(url: string, token: string): string {
  const link = new URL(url);
  link.pathname = `${link.pathname.replace(/\/+$/, '')}/confirm`;
  link.searchParams.set('t', token);
  return link.toString();
}
