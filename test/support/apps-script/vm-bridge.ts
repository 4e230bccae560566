import vm from 'node:vm';
import { types } from 'node:util';
import { AppsScriptException, EnumValueDouble, NotImplementedInDouble } from './gas-types.ts';

/**
 * The border between the bundle (running in a `vm` context, with that context's own Date, Array, Error)
 * and the test doubles (host objects). Every double the bundle reaches is handed over as a Proxy that
 * - refuses members the double does not implement: "not implemented in the test double: Range.foo";
 * - hides the doubles' internals (members starting with `_`, and each double's test helpers);
 * - calls a guard first (call counting, authorization mode and scopes, the document lock);
 * - converts values both ways, so the bundle sees its own realm's Dates, arrays and Errors
 *   (`value instanceof Date` works in the bundle) and the doubles keep host values.
 */
export type ServiceName =
  | 'SpreadsheetApp'
  | 'Ui'
  | 'PropertiesService'
  | 'CacheService'
  | 'LockService'
  | 'HtmlService'
  | 'Session'
  | 'ScriptApp'
  | 'UrlFetchApp'
  | 'Utilities'
  | 'Logger'
  | 'console'
  | 'Charts'
  | 'Enum';

export type DoubleInfo = {
  /** The Apps Script class this double stands in for, as in error messages: 'Range'. */
  type: string;
  service: ServiceName;
  /** Test helpers on the double that the bundle must not see. */
  hostOnly?: ReadonlySet<string>;
  /** The bundle may set its own properties on it (an HtmlTemplate's variables). */
  openProperties?: boolean;
};

/** Any callable: the doubles' classes and methods, whatever their signatures. */
// biome-ignore lint/complexity/noBannedTypes: classes and methods of any signature cross the realm border.
type AnyFunction = Function;

const registry = new Map<AnyFunction, DoubleInfo>();

/** Declares a class as the double of an Apps Script class. */
export function describeDouble(cls: AnyFunction, info: DoubleInfo): void {
  registry.set(cls, info);
}

export function doubleInfo(value: object): DoubleInfo | undefined {
  for (let proto = Object.getPrototypeOf(value); proto; proto = Object.getPrototypeOf(proto)) {
    const info = registry.get(proto.constructor);
    if (info) return info;
  }
  return undefined;
}

/** Runs before every call the bundle makes on a double; throws to refuse it. */
export type CallGuard = (info: DoubleInfo, method: string) => void;

type Intrinsics = { Date: DateConstructor; Error: ErrorConstructor; Array: ArrayConstructor; Object: ObjectConstructor };

const passThroughMissing = new Set(['toJSON', 'then']);

export class RealmBridge {
  readonly #proxies = new WeakMap<object, object>();
  readonly #targets = new WeakMap<object, object>();
  readonly #methods = new WeakMap<object, Map<string, AnyFunction>>();
  readonly #vm: Intrinsics;
  readonly #guard: CallGuard;

  constructor(context: vm.Context, guard: CallGuard) {
    this.#vm = vm.runInContext('({ Date, Error, Array, Object })', context) as Intrinsics;
    this.#guard = guard;
  }

  /** A host value as the bundle should see it. */
  toVm(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (this.#targets.has(value)) return value;
    if (doubleInfo(value)) return this.#proxyOf(value);
    if (types.isDate(value)) return new this.#vm.Date((value as Date).getTime());
    if (Array.isArray(value)) {
      const out = new this.#vm.Array(value.length);
      for (let i = 0; i < value.length; i++) out[i] = this.toVm(value[i]);
      return out;
    }
    if (value instanceof Uint8Array) return this.toVm(Array.from(value));
    if (types.isNativeError(value)) return this.toVmError(value);
    if (isPlainObject(value)) {
      const out = new this.#vm.Object() as Record<string, unknown>;
      for (const [k, v] of Object.entries(value)) out[k] = this.toVm(v);
      return out;
    }
    return value;
  }

  /** A value handed in by the bundle as the doubles should keep it. */
  fromVm(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    const target = this.#targets.get(value);
    if (target) return target;
    if (types.isDate(value)) return new Date((value as Date).getTime());
    if (Array.isArray(value)) return Array.from(value as unknown[], (v) => this.fromVm(v));
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.fromVm(v);
      return out;
    }
    return value;
  }

  /** A host error as the bundle catches it: an Error of its own realm with the same name and message. */
  toVmError(e: unknown): unknown {
    if (!types.isNativeError(e) || this.#isVmError(e)) return e;
    const error = e as Error;
    const vmError = new this.#vm.Error(error.message);
    if (error.name !== 'Error') Object.defineProperty(vmError, 'name', { value: error.name, configurable: true, writable: true });
    if (!(error instanceof AppsScriptException) && !(error instanceof NotImplementedInDouble)) {
      // A bug in a double: keep where it happened.
      Object.defineProperty(vmError, 'stack', { value: error.stack, configurable: true, writable: true });
    }
    return vmError;
  }

  #isVmError(e: object): boolean {
    return e instanceof this.#vm.Error;
  }

  #proxyOf(target: object): object {
    const known = this.#proxies.get(target);
    if (known) return known;
    const info = doubleInfo(target)!;
    const proxy = new Proxy(target, {
      get: (t, prop) => {
        if (typeof prop === 'symbol') return undefined;
        if (!this.#exposes(t, info, prop)) {
          if (passThroughMissing.has(prop)) return undefined;
          throw this.toVmError(new NotImplementedInDouble(`not implemented in the test double: ${info.type}.${prop}`));
        }
        const value = Reflect.get(t, prop, t);
        if (typeof value !== 'function') return info.openProperties ? value : this.toVm(value);
        return this.#method(t, info, prop, value);
      },
      set: (t, prop, value) => {
        if (
          info.openProperties &&
          typeof prop === 'string' &&
          !prop.startsWith('_') &&
          !(prop in t && typeof Reflect.get(t, prop) === 'function')
        ) {
          return Reflect.set(t, prop, value);
        }
        throw this.toVmError(new NotImplementedInDouble(`not implemented in the test double: setting ${info.type}.${String(prop)}`));
      },
      has: (t, prop) => typeof prop === 'string' && this.#exposes(t, info, prop),
      // Keys and descriptors show only what the bundle may read (JSON.stringify(range) gives {} as in Apps Script).
      ownKeys: (t) => (info.openProperties ? Reflect.ownKeys(t).filter((k) => typeof k === 'string' && !k.startsWith('_')) : []),
      getOwnPropertyDescriptor: (t, prop) =>
        info.openProperties && typeof prop === 'string' && !prop.startsWith('_') ? Reflect.getOwnPropertyDescriptor(t, prop) : undefined,
    });
    this.#proxies.set(target, proxy);
    this.#targets.set(proxy, target);
    return proxy;
  }

  #exposes(target: object, info: DoubleInfo, prop: string): boolean {
    if (prop.startsWith('_') || prop === 'constructor' || info.hostOnly?.has(prop)) return false;
    return prop in target;
  }

  #method(target: object, info: DoubleInfo, prop: string, fn: AnyFunction): AnyFunction {
    let cache = this.#methods.get(target);
    if (!cache) this.#methods.set(target, (cache = new Map()));
    const known = cache.get(prop);
    if (known) return known;
    const bookkeeping = prop === 'toString' || prop === 'valueOf';
    const wrapped = (...args: unknown[]): unknown => {
      try {
        if (!bookkeeping) this.#guard(info, prop);
        return this.toVm(
          fn.apply(
            target,
            args.map((a) => this.fromVm(a)),
          ),
        );
      } catch (e) {
        throw this.toVmError(e);
      }
    };
    Object.defineProperty(wrapped, 'name', { value: prop });
    cache.set(prop, wrapped);
    return wrapped;
  }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** An error thrown by the bundle (any realm) as a host Error with the same name and message. */
export function hostError(e: unknown): Error {
  if (e instanceof Error) return e;
  if (types.isNativeError(e)) {
    const vmError = e as Error;
    const error = new Error(vmError.message);
    error.name = vmError.name;
    error.stack = vmError.stack;
    return error;
  }
  return new Error(`the script threw ${typeof e === 'string' ? JSON.stringify(e) : String(e)}`);
}

describeDouble(EnumValueDouble, { type: 'Enum', service: 'Enum', hostOnly: new Set(['enumName']) });
