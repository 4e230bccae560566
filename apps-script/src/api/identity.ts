import { ApiError } from './api-error.ts';

/** The claims of a JWT, read without checking it (the API checks; the add-on only looks for the e-mail). */
export function tokenClaims(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  try {
    const bytes = Utilities.base64Decode(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    return JSON.parse(Utilities.newBlob(bytes).getDataAsString('UTF-8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * A fresh identity token for one API call: never kept, never handed to sidebar HTML (it lives
 * about an hour and cannot be refreshed). Missing permissions are told apart: nothing granted
 * (Apps Script gives the URL to grant them), no `openid` (no token), no `userinfo.email` (a token
 * without the e-mail the API needs).
 */
export function freshIdentityToken(): string {
  const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
  if (info.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED) {
    throw new ApiError('missing-scope', 'authorisation required', { authorizationUrl: info.getAuthorizationUrl() || null });
  }
  const token = ScriptApp.getIdentityToken();
  if (!token)
    throw new ApiError('missing-scope', 'no identity token: the openid scope was not granted', {
      authorizationUrl: info.getAuthorizationUrl() || null,
    });
  const claims = tokenClaims(token);
  if (claims !== null && (typeof claims.email !== 'string' || claims.email === ''))
    throw new ApiError('missing-email-scope', 'the identity token carries no e-mail');
  return token;
}
