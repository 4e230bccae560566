import { apiBaseUrl } from './api/api-client.ts';
import { isApiError } from './api/api-error.ts';
import { freshIdentityToken, tokenClaims } from './api/identity.ts';
import { fetchMe } from './api/staff-api.ts';
import { toast, UserError, describeFailure } from './workspace/feedback.ts';
import type { ActionContext } from './workspace/session.ts';

/**
 * "Check connection": who the base thinks you are, or the reason it does not let you in. When the
 * base refuses the sign-in itself, the token's audience is shown: it is what the API's
 * API_AUDIENCE must list (the OAuth client of the Cloud project the script is linked to).
 */
export function checkConnection(session: ActionContext): void {
  try {
    const me = fetchMe();
    toast(session, session.m.connection.ok(me.name, session.m.connection.roles[me.role], me.level, apiBaseUrl()));
  } catch (e) {
    if (!isApiError(e) || e.kind !== 'unauthenticated') throw e;
    const audience = tokenClaims(freshIdentityToken())?.aud;
    throw new UserError(`${describeFailure(e, session.m, session.email)}\n\n${session.m.connection.audience(String(audience ?? '?'))}`);
  }
}
