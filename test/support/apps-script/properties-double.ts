import { AppsScriptException, gas } from './gas-types.ts';
import type { AppsScriptRuntime } from './runtime-double.ts';
import { describeDouble } from './vm-bridge.ts';

// Test doubles of PropertiesService and CacheService: real key/value stores with Apps Script's size
// limits (9 KB per property value and 500 KB per store; 100 KB per cached value, 250 characters per
// key, six hours at most), so an add-on that tries to keep a big snapshot there fails here too.

const propertyValueLimit = 9 * 1024;
const propertyStoreLimit = 500 * 1024;
const cacheValueLimit = 100 * 1024;
const cacheKeyLimit = 250;
const cacheMaxSeconds = 21600;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

type PropertiesApi = GoogleAppsScript.Properties.Properties;

export class PropertiesDouble
  implements
    Pick<
      PropertiesApi,
      'deleteAllProperties' | 'deleteProperty' | 'getKeys' | 'getProperties' | 'getProperty' | 'setProperties' | 'setProperty'
    >
{
  readonly #store: () => Map<string, string>;
  constructor(store: () => Map<string, string>) {
    this.#store = store;
  }
  #check(next: Map<string, string>): void {
    for (const v of next.values()) if (bytes(v) > propertyValueLimit) throw new AppsScriptException('Argument too large: value');
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > propertyStoreLimit)
      throw new AppsScriptException('You have exceeded the property storage quota. Please remove some properties and try again.');
  }
  deleteAllProperties(): PropertiesApi {
    this.#store().clear();
    return gas(this);
  }
  deleteProperty(key: string): PropertiesApi {
    this.#store().delete(String(key));
    return gas(this);
  }
  getKeys(): string[] {
    return [...this.#store().keys()];
  }
  getProperties(): { [key: string]: string } {
    return Object.fromEntries(this.#store());
  }
  getProperty(key: string): string | null {
    return this.#store().get(String(key)) ?? null;
  }
  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): PropertiesApi {
    const next = new Map(deleteAllOthers ? [] : this.#store());
    for (const [k, v] of Object.entries(properties)) next.set(k, String(v));
    this.#check(next);
    const store = this.#store();
    store.clear();
    for (const [k, v] of next) store.set(k, v);
    return gas(this);
  }
  setProperty(key: string, value: string): PropertiesApi {
    return this.setProperties({ [String(key)]: value });
  }
}
describeDouble(PropertiesDouble, { type: 'Properties', service: 'PropertiesService' });

/** The three stores; user properties belong to whoever is signed in. */
export class PropertyStores {
  readonly script = new Map<string, string>();
  readonly document = new Map<string, string>();
  readonly #users = new Map<string, Map<string, string>>();
  readonly #runtime: AppsScriptRuntime;
  constructor(runtime: AppsScriptRuntime) {
    this.#runtime = runtime;
  }
  get user(): Map<string, string> {
    let store = this.#users.get(this.#runtime.user);
    if (!store) this.#users.set(this.#runtime.user, (store = new Map()));
    return store;
  }
}

export class PropertiesServiceDouble
  implements Pick<GoogleAppsScript.Properties.PropertiesService, 'getDocumentProperties' | 'getScriptProperties' | 'getUserProperties'>
{
  readonly #stores: PropertyStores;
  constructor(stores: PropertyStores) {
    this.#stores = stores;
  }
  getDocumentProperties(): PropertiesApi {
    return gas(new PropertiesDouble(() => this.#stores.document));
  }
  getScriptProperties(): PropertiesApi {
    return gas(new PropertiesDouble(() => this.#stores.script));
  }
  getUserProperties(): PropertiesApi {
    return gas(new PropertiesDouble(() => this.#stores.user));
  }
}
describeDouble(PropertiesServiceDouble, { type: 'PropertiesService', service: 'PropertiesService' });

type Entry = { value: string; expires: number };
type CacheApi = GoogleAppsScript.Cache.Cache;

export class CacheDouble implements Pick<CacheApi, 'get' | 'getAll' | 'put' | 'putAll' | 'remove' | 'removeAll'> {
  readonly #entries: Map<string, Entry>;
  constructor(entries: Map<string, Entry>) {
    this.#entries = entries;
  }
  #key(key: unknown): string {
    const k = String(key);
    if (k.length > cacheKeyLimit) throw new AppsScriptException('Argument too large: key');
    return k;
  }
  get(key: string): string | null {
    const k = this.#key(key);
    const entry = this.#entries.get(k);
    if (!entry) return null;
    if (entry.expires <= Date.now()) {
      this.#entries.delete(k);
      return null;
    }
    return entry.value;
  }
  getAll(keys: string[]): { [key: string]: string } {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds = 600): void {
    const v = String(value);
    if (bytes(v) > cacheValueLimit) throw new AppsScriptException('Argument too large: value');
    const seconds = Math.min(Math.max(1, expirationInSeconds), cacheMaxSeconds);
    this.#entries.set(this.#key(key), { value: v, expires: Date.now() + seconds * 1000 });
  }
  putAll(values: { [key: string]: string }, expirationInSeconds = 600): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    this.#entries.delete(this.#key(key));
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this.remove(k);
  }
}
describeDouble(CacheDouble, { type: 'Cache', service: 'CacheService' });

/** Test double of CacheService; a test may drop everything at any time, as the real cache may. */
export class CacheServiceDouble
  implements Pick<GoogleAppsScript.Cache.CacheService, 'getDocumentCache' | 'getScriptCache' | 'getUserCache'>
{
  readonly #script = new Map<string, Entry>();
  readonly #document = new Map<string, Entry>();
  readonly #users = new Map<string, Map<string, Entry>>();
  readonly #runtime: AppsScriptRuntime;
  constructor(runtime: AppsScriptRuntime) {
    this.#runtime = runtime;
  }
  getDocumentCache(): CacheApi | null {
    return gas(new CacheDouble(this.#document));
  }
  getScriptCache(): CacheApi {
    return gas(new CacheDouble(this.#script));
  }
  getUserCache(): CacheApi {
    let store = this.#users.get(this.#runtime.user);
    if (!store) this.#users.set(this.#runtime.user, (store = new Map()));
    return gas(new CacheDouble(store));
  }
  dropEverything(): void {
    this.#script.clear();
    this.#document.clear();
    this.#users.clear();
  }
}
describeDouble(CacheServiceDouble, { type: 'CacheService', service: 'CacheService', hostOnly: new Set(['dropEverything']) });
