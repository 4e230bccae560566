import { CallCounts, isSpreadsheetWrite } from './call-counts.ts';
import { AppsScriptException } from './gas-types.ts';
import type { DoubleInfo } from './vm-bridge.ts';

/**
 * The Apps Script runtime around the bundle, as the test doubles share it: who is signed in, which
 * scopes they granted, the authorization mode of the running execution, the locks it holds, and the
 * call counts. The vm bridge asks `guard` before every call the bundle makes, which is where
 * authorization modes and scopes are enforced (with Apps Script's "You do not have permission to
 * call …" message) and calls are counted.
 */
export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';
export type LockKind = 'document' | 'script' | 'user';

export const scopes = {
  currentSpreadsheet: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
  externalRequest: 'https://www.googleapis.com/auth/script.external_request',
  email: 'https://www.googleapis.com/auth/userinfo.email',
  openid: 'openid',
} as const;

/** Ui calls that show something to the person (they need script.container.ui and an authorized mode). */
const uiDialogs = new Set(['alert', 'prompt', 'showSidebar', 'showModalDialog', 'showModelessDialog']);

export type ExecutionRecord = { fn: string; authMode: AuthModeName; loadMs: number; ms: number; error?: string };

export class AppsScriptRuntime {
  readonly counts = new CallCounts();
  readonly executions: ExecutionRecord[] = [];
  readonly logs: string[] = [];
  /** Milliseconds the bundle asked Utilities.sleep for (the double does not wait). */
  sleptMs = 0;
  user: string;
  readonly granted: Set<string>;
  readonly manifestScopes: string[];
  authMode: AuthModeName = 'FULL';
  readonly #held = new Set<LockKind>();
  /** Locks another execution holds: waitLock times out, tryLock fails. */
  readonly heldElsewhere = new Set<LockKind>();
  #running = false;

  constructor(options: { user: string; grantedScopes: string[]; manifestScopes: string[] }) {
    this.user = options.user;
    this.granted = new Set(options.grantedScopes);
    this.manifestScopes = options.manifestScopes;
  }

  isGranted(scope: string): boolean {
    return this.granted.has(scope);
  }

  get running(): boolean {
    return this.#running;
  }

  begin(authMode: AuthModeName): void {
    if (this.#running) throw new Error('an execution is already running: the harness runs one Apps Script execution at a time');
    this.#running = true;
    this.authMode = authMode;
  }

  /** The execution ended: Apps Script releases every lock it still holds. */
  end(): void {
    this.#running = false;
    this.#held.clear();
    this.authMode = 'FULL';
  }

  holds(kind: LockKind): boolean {
    return this.#held.has(kind);
  }

  acquire(kind: LockKind): boolean {
    if (this.heldElsewhere.has(kind)) return false;
    this.#held.add(kind);
    return true;
  }

  release(kind: LockKind): void {
    this.#held.delete(kind);
  }

  #refuse(info: DoubleInfo, method: string, scope: string): never {
    throw new AppsScriptException(`You do not have permission to call ${info.type}.${method}. Required permissions: ${scope}`);
  }

  /** Runs before every call of the bundle on a double. */
  guard = (info: DoubleInfo, method: string): void => {
    const service = info.service;
    const menuBuilding = (service === 'Ui' && !uiDialogs.has(method)) || (info.type === 'SpreadsheetApp' && method === 'getUi');
    if (service !== 'Enum' && service !== 'Logger' && service !== 'console' && !menuBuilding) {
      if (this.authMode === 'NONE') this.#refuse(info, method, this.#scopeOf(info, method) ?? scopes.currentSpreadsheet);
      if (this.authMode === 'LIMITED') {
        const scope = this.#scopeOf(info, method);
        if (scope && scope !== scopes.currentSpreadsheet) this.#refuse(info, method, scope);
        // A simple trigger acts for nobody: no identity or OAuth token.
        if (service === 'ScriptApp' && (method === 'getIdentityToken' || method === 'getOAuthToken'))
          this.#refuse(info, method, scopes.openid);
      }
    }
    const needed = this.#scopeOf(info, method);
    if (needed === scopes.currentSpreadsheet) {
      if (!this.isGranted(scopes.currentSpreadsheet) && !this.isGranted(scopes.spreadsheets) && !menuBuilding)
        this.#refuse(info, method, needed);
    } else if (needed && !this.isGranted(needed)) {
      this.#refuse(info, method, needed);
    }
    const spreadsheet = service === 'SpreadsheetApp';
    this.counts.record({
      type: info.type,
      method,
      spreadsheet,
      write: spreadsheet && isSpreadsheetWrite(info.type, method),
      locked: this.#held.has('document'),
    });
  };

  #scopeOf(info: DoubleInfo, method: string): string | undefined {
    switch (info.service) {
      case 'SpreadsheetApp':
        return scopes.currentSpreadsheet;
      case 'Ui':
        return uiDialogs.has(method) ? scopes.containerUi : undefined;
      case 'UrlFetchApp':
        return scopes.externalRequest;
      case 'ScriptApp':
        // getIdentityToken answers null without openid; the authorization questions need nothing.
        return undefined;
      default:
        return undefined;
    }
  }
}
