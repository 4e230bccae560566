/// <reference types="google-apps-script" />
// Shared pieces of the Apps Script test doubles: the real services' types (@types/google-apps-script),
// the errors Apps Script throws, and enum values shaped like Apps Script's.

/**
 * Hands a double out where the real service declares its own type. The doubles implement a subset of
 * each interface (`implements Pick<GoogleAppsScript.Spreadsheet.Range, ...>`), so their method names and
 * parameters cannot drift from the real ones; a method they lack fails loudly at run time.
 */
export function gas<T>(double: unknown): T {
  return double as T;
}

/** An error as Apps Script's services throw it: `e.message` is the text, `String(e)` reads "Exception: …". */
export class AppsScriptException extends Error {
  override name = 'Exception';
}

/** A method or behaviour the doubles do not model: the test must fail loudly, never pass by accident. */
export class NotImplementedInDouble extends Error {}

export function notImplemented(what: string): never {
  throw new NotImplementedInDouble(`not implemented in the test double: ${what}`);
}

/** One value of an Apps Script enum (e.g. `SpreadsheetApp.ProtectionType.RANGE`): an object, as in Apps Script. */
export class EnumValueDouble {
  readonly #enumName: string;
  readonly #name: string;
  readonly #ordinal: number;
  constructor(enumName: string, name: string, ordinal: number) {
    this.#enumName = enumName;
    this.#name = name;
    this.#ordinal = ordinal;
  }
  name(): string {
    return this.#name;
  }
  ordinal(): number {
    return this.#ordinal;
  }
  toString(): string {
    return this.#name;
  }
  toJSON(): string {
    return this.#name;
  }
  get enumName(): string {
    return this.#enumName;
  }
}

/** An enum object (`{ RANGE: <enum value>, SHEET: <enum value> }`) typed as the real one. */
export function enumOf<T>(enumName: string, names: readonly string[]): T {
  const values: Record<string, EnumValueDouble> = {};
  names.forEach((name, i) => (values[name] = new EnumValueDouble(enumName, name, i)));
  return Object.freeze(values) as T;
}

/** The name of an enum value handed in by the bundle (or a plain string from a test). */
export function enumName(value: unknown, enumType: string): string {
  if (value instanceof EnumValueDouble) {
    if (value.enumName !== enumType)
      throw new AppsScriptException(`Invalid argument: expected a ${enumType}, got ${value.enumName}.${value.name()}`);
    return value.name();
  }
  if (typeof value === 'string') return value;
  throw new AppsScriptException(`Invalid argument: expected a ${enumType}`);
}

/** Apps Script's message when a method is called with arguments it has no signature for. */
export function signatureMismatch(method: string, args: unknown[]): AppsScriptException {
  const kinds = args.map((a) => {
    if (a === null || a === undefined) return 'null';
    if (Array.isArray(a)) return Array.isArray(a[0]) ? 'Object[][]' : `${typeof a[0] === 'number' ? 'number' : 'Object'}[]`;
    if (a instanceof Date) return 'Date';
    return typeof a === 'object' ? 'Object' : typeof a;
  });
  return new AppsScriptException(`The parameters (${kinds.join(',')}) don't match the method signature for ${method}.`);
}
