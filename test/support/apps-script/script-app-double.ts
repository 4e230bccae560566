import { createHash } from 'node:crypto';
import type { DevIdentity } from '../../../functions/src/local/dev-identity.ts';
import { AppsScriptException, enumName, enumOf, gas, type EnumValueDouble } from './gas-types.ts';
import { scopes, type AppsScriptRuntime } from './runtime-double.ts';
import { describeDouble } from './vm-bridge.ts';

// Test doubles of ScriptApp and Session. `ScriptApp.getIdentityToken()` mints a fresh token for the
// signed-in user from the local stand-in issuer the API trusts (null without the `openid` scope, no
// e-mail claim without `userinfo.email`), as the real one returns a Google-signed token for the
// script's OAuth client. The authorization questions answer from the scopes the test granted.

type Sc = typeof GoogleAppsScript.Script;
export const AuthMode = enumOf<Sc['AuthMode']>('AuthMode', ['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
export const AuthorizationStatus = enumOf<Sc['AuthorizationStatus']>('AuthorizationStatus', ['REQUIRED', 'NOT_REQUIRED']);

export class AuthorizationInfoDouble
  implements Pick<GoogleAppsScript.Script.AuthorizationInfo, 'getAuthorizationStatus' | 'getAuthorizationUrl'>
{
  readonly #missing: string[];
  readonly #authorized: string[];
  constructor(requested: string[], granted: Set<string>) {
    this.#missing = requested.filter((s) => !granted.has(s));
    this.#authorized = requested.filter((s) => granted.has(s));
  }
  getAuthorizationStatus(): GoogleAppsScript.Script.AuthorizationStatus {
    return gas((AuthorizationStatus as unknown as Record<string, EnumValueDouble>)[this.#missing.length > 0 ? 'REQUIRED' : 'NOT_REQUIRED']);
  }
  /** Null when nothing is missing (the typings say string; Apps Script documents null). */
  getAuthorizationUrl(): string {
    return gas(this.#missing.length > 0 ? 'https://script.google.com/macros/d/test-double/authorize' : null);
  }
  /** Newer than the typings: the requested scopes the user granted. */
  getAuthorizedScopes(): string[] | null {
    return [...this.#authorized];
  }
}
describeDouble(AuthorizationInfoDouble, { type: 'AuthorizationInfo', service: 'ScriptApp' });

export class ScriptAppDouble
  implements
    Pick<
      GoogleAppsScript.Script.ScriptApp,
      | 'AuthMode'
      | 'AuthorizationStatus'
      | 'getAuthorizationInfo'
      | 'getIdentityToken'
      | 'getOAuthToken'
      | 'getScriptId'
      | 'requireAllScopes'
      | 'requireScopes'
    >
{
  AuthMode = AuthMode;
  AuthorizationStatus = AuthorizationStatus;
  readonly #runtime: AppsScriptRuntime;
  readonly #identity: DevIdentity;
  /** Every identity token handed to the bundle, to check none reaches the sidebar HTML. */
  readonly _minted: string[] = [];
  constructor(runtime: AppsScriptRuntime, identity: DevIdentity) {
    this.#runtime = runtime;
    this.#identity = identity;
  }
  getAuthorizationInfo(authMode: GoogleAppsScript.Script.AuthMode, oAuthScopes?: string[]): GoogleAppsScript.Script.AuthorizationInfo {
    enumName(authMode, 'AuthMode');
    return gas(new AuthorizationInfoDouble(oAuthScopes ?? this.#runtime.manifestScopes, this.#runtime.granted));
  }
  /** Null without the openid scope (the typings say string; Apps Script documents null). */
  getIdentityToken(): string {
    if (!this.#runtime.isGranted(scopes.openid)) return gas(null);
    const email = this.#runtime.isGranted(scopes.email) ? this.#runtime.user : '';
    const token = this.#identity.mint({ email });
    this._minted.push(token);
    return token;
  }
  getOAuthToken(): string {
    return `ya29.test-double.${createHash('sha256').update(this.#runtime.user).digest('hex').slice(0, 16)}`;
  }
  getScriptId(): string {
    return 'script-double-0000000000000000000000000000000000000000';
  }
  requireAllScopes(authMode: GoogleAppsScript.Script.AuthMode): void {
    this.requireScopes(authMode, this.#runtime.manifestScopes);
  }
  requireScopes(authMode: GoogleAppsScript.Script.AuthMode, oAuthScopes: string[]): void {
    enumName(authMode, 'AuthMode');
    const missing = oAuthScopes.filter((s) => !this.#runtime.isGranted(s));
    if (missing.length > 0)
      throw new AppsScriptException(`Authorization is required to perform that action. Missing scopes: ${missing.join(', ')}`);
  }
}
describeDouble(ScriptAppDouble, { type: 'ScriptApp', service: 'ScriptApp' });

export class UserDouble implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  readonly #email: string;
  constructor(email: string) {
    this.#email = email;
  }
  getEmail(): string {
    return this.#email;
  }
}
describeDouble(UserDouble, { type: 'User', service: 'Session' });

export class SessionDouble
  implements
    Pick<
      GoogleAppsScript.Base.Session,
      'getActiveUser' | 'getActiveUserLocale' | 'getEffectiveUser' | 'getScriptTimeZone' | 'getTemporaryActiveUserKey'
    >
{
  readonly #runtime: AppsScriptRuntime;
  readonly #locale: () => string;
  readonly #scriptTimeZone: string;
  constructor(runtime: AppsScriptRuntime, locale: () => string, scriptTimeZone: string) {
    this.#runtime = runtime;
    this.#locale = locale;
    this.#scriptTimeZone = scriptTimeZone;
  }
  #user(): UserDouble {
    // Without userinfo.email the e-mail reads as an empty string, as in Apps Script.
    return new UserDouble(this.#runtime.isGranted(scopes.email) ? this.#runtime.user : '');
  }
  getActiveUser(): GoogleAppsScript.Base.User {
    return gas(this.#user());
  }
  getActiveUserLocale(): string {
    return this.#locale().split('_')[0]!;
  }
  getEffectiveUser(): GoogleAppsScript.Base.User {
    return gas(this.#user());
  }
  getScriptTimeZone(): string {
    return this.#scriptTimeZone;
  }
  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(`temporary:${this.#runtime.user}`).digest('base64url').slice(0, 32);
  }
}
describeDouble(SessionDouble, { type: 'Session', service: 'Session' });
