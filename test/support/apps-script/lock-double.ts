import { AppsScriptException, gas } from './gas-types.ts';
import type { AppsScriptRuntime, LockKind } from './runtime-double.ts';
import { describeDouble } from './vm-bridge.ts';

// Test double of LockService. One execution runs at a time here, so a lock is either held by the
// running execution or, when the test says so (`heldElsewhere`), by "another user's execution": then
// waitLock times out with Apps Script's message and tryLock answers false. Locks are released when
// the execution ends, as in Apps Script. The spreadsheet calls made while the document lock is not
// held are counted as unlocked writes.

type LockApi = GoogleAppsScript.Lock.Lock;

export class LockDouble implements Pick<LockApi, 'hasLock' | 'releaseLock' | 'tryLock' | 'waitLock'> {
  readonly #runtime: AppsScriptRuntime;
  readonly #kind: LockKind;
  constructor(runtime: AppsScriptRuntime, kind: LockKind) {
    this.#runtime = runtime;
    this.#kind = kind;
  }
  hasLock(): boolean {
    return this.#runtime.holds(this.#kind);
  }
  releaseLock(): void {
    this.#runtime.release(this.#kind);
  }
  tryLock(timeoutInMillis: number): boolean {
    this.#runtime.sleptMs += this.#runtime.heldElsewhere.has(this.#kind) ? Math.max(0, timeoutInMillis) : 0;
    return this.#runtime.acquire(this.#kind);
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new AppsScriptException('Lock timeout: another process was holding the lock for too long.');
  }
}
describeDouble(LockDouble, { type: 'Lock', service: 'LockService' });

export class LockServiceDouble implements Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock' | 'getScriptLock' | 'getUserLock'> {
  readonly #runtime: AppsScriptRuntime;
  constructor(runtime: AppsScriptRuntime) {
    this.#runtime = runtime;
  }
  getDocumentLock(): LockApi {
    return gas(new LockDouble(this.#runtime, 'document'));
  }
  getScriptLock(): LockApi {
    return gas(new LockDouble(this.#runtime, 'script'));
  }
  getUserLock(): LockApi {
    return gas(new LockDouble(this.#runtime, 'user'));
  }
}
describeDouble(LockServiceDouble, { type: 'LockService', service: 'LockService' });
