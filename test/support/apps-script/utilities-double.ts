import { createHash, randomUUID } from 'node:crypto';
import { format as formatText } from 'node:util';
import { TZDate } from '@date-fns/tz';
import { parse as parseCsv } from 'csv-parse/sync';
import { format } from 'date-fns';
import { AppsScriptException, enumName, enumOf, gas } from './gas-types.ts';
import type { AppsScriptRuntime } from './runtime-double.ts';
import { describeDouble } from './vm-bridge.ts';

// Test doubles of Utilities (dates, digests, base64, blobs, CSV; `sleep` returns at once but is
// added up), Logger and console (both recorded in the harness's log, not printed).

type U = typeof GoogleAppsScript.Utilities;
export const DigestAlgorithm = enumOf<U['DigestAlgorithm']>('DigestAlgorithm', ['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512']);
export const Charset = enumOf<U['Charset']>('Charset', ['US_ASCII', 'UTF_8']);

/** Apps Script's bytes are Java's: signed, -128…127. */
export const signedBytes = (b: Uint8Array): number[] => Array.from(b, (x) => (x > 127 ? x - 256 : x));
const toBuffer = (data: unknown, charset?: unknown): Buffer => {
  if (typeof data === 'string')
    return Buffer.from(data, charset !== undefined && enumName(charset, 'Charset') === 'US_ASCII' ? 'latin1' : 'utf8');
  if (Array.isArray(data)) return Buffer.from(data.map((x) => Number(x) & 0xff));
  if (data instanceof BlobDouble) return Buffer.from(data._bytes);
  throw new AppsScriptException('Invalid argument: data');
};

type BlobApi = GoogleAppsScript.Base.Blob;
export class BlobDouble
  implements
    Pick<
      BlobApi,
      | 'copyBlob'
      | 'getBytes'
      | 'getContentType'
      | 'getDataAsString'
      | 'getName'
      | 'isGoogleType'
      | 'setBytes'
      | 'setContentType'
      | 'setDataFromString'
      | 'setName'
    >
{
  _bytes: Buffer;
  _contentType: string | null;
  _name: string | null;
  constructor(bytes: Buffer, contentType: string | null = null, name: string | null = null) {
    this._bytes = bytes;
    this._contentType = contentType;
    this._name = name;
  }
  copyBlob(): BlobApi {
    return gas(new BlobDouble(Buffer.from(this._bytes), this._contentType, this._name));
  }
  getBytes(): number[] {
    return signedBytes(this._bytes);
  }
  getContentType(): string | null {
    return this._contentType;
  }
  getDataAsString(charset?: string): string {
    return this._bytes.toString(charset && /ascii|latin|8859/i.test(charset) ? 'latin1' : 'utf8');
  }
  getName(): string | null {
    return this._name;
  }
  isGoogleType(): boolean {
    return false;
  }
  setBytes(data: number[]): BlobApi {
    this._bytes = toBuffer(data);
    return gas(this);
  }
  setContentType(contentType: string | null): BlobApi {
    this._contentType = contentType;
    return gas(this);
  }
  setDataFromString(string: string): BlobApi {
    this._bytes = Buffer.from(String(string), 'utf8');
    return gas(this);
  }
  setName(name: string): BlobApi {
    this._name = String(name);
    return gas(this);
  }
}
describeDouble(BlobDouble, { type: 'Blob', service: 'Utilities' });

const digestNames: Record<string, string> = {
  MD2: 'md2',
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

/** Java SimpleDateFormat patterns as date-fns patterns (the common letters mean the same). */
function javaPattern(pattern: string): string {
  return pattern.replace(/'[^']*'|u+|Z+|X+/g, (t) => (t.startsWith("'") ? t : t.startsWith('u') ? 'i' : t.startsWith('Z') ? 'xx' : 'XXX'));
}

export class UtilitiesDouble
  implements
    Pick<
      GoogleAppsScript.Utilities.Utilities,
      | 'Charset'
      | 'DigestAlgorithm'
      | 'base64Decode'
      | 'base64DecodeWebSafe'
      | 'base64Encode'
      | 'base64EncodeWebSafe'
      | 'computeDigest'
      | 'formatDate'
      | 'formatString'
      | 'getUuid'
      | 'newBlob'
      | 'parseCsv'
      | 'sleep'
    >
{
  Charset = Charset;
  DigestAlgorithm = DigestAlgorithm;
  readonly #runtime: AppsScriptRuntime;
  constructor(runtime: AppsScriptRuntime) {
    this.#runtime = runtime;
  }
  base64Decode(encoded: string): number[] {
    return signedBytes(Buffer.from(String(encoded), 'base64'));
  }
  base64DecodeWebSafe(encoded: string): number[] {
    return signedBytes(Buffer.from(String(encoded), 'base64url'));
  }
  base64Encode(data: string | number[], charset?: GoogleAppsScript.Utilities.Charset): string {
    return toBuffer(data, charset).toString('base64');
  }
  base64EncodeWebSafe(data: string | number[], charset?: GoogleAppsScript.Utilities.Charset): string {
    // Apps Script keeps the padding in its web-safe alphabet.
    return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: string | number[],
    charset?: GoogleAppsScript.Utilities.Charset,
  ): number[] {
    const name = digestNames[enumName(algorithm, 'DigestAlgorithm')]!;
    return signedBytes(createHash(name).update(toBuffer(value, charset)).digest());
  }
  formatDate(date: Date, timeZone: string, pattern: string): string {
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new AppsScriptException('Invalid argument: date');
    return format(new TZDate(date.getTime(), timeZone), javaPattern(pattern), {
      useAdditionalDayOfYearTokens: true,
      useAdditionalWeekYearTokens: true,
    });
  }
  formatString(template: string, ...args: any[]): string {
    return formatText(template, ...args);
  }
  getUuid(): string {
    return randomUUID();
  }
  newBlob(data: string | number[], contentType?: string, name?: string): BlobApi {
    return gas(new BlobDouble(toBuffer(data), contentType ?? null, name ?? null));
  }
  parseCsv(csv: string, delimiter?: string): string[][] {
    return parseCsv(String(csv), { delimiter: delimiter ?? ',', relax_column_count: true }) as string[][];
  }
  sleep(milliseconds: number): void {
    this.#runtime.sleptMs += Math.max(0, Number(milliseconds));
  }
}
describeDouble(UtilitiesDouble, { type: 'Utilities', service: 'Utilities' });

export class LoggerDouble implements Pick<GoogleAppsScript.Base.Logger, 'clear' | 'getLog' | 'log'> {
  readonly #runtime: AppsScriptRuntime;
  #lines: string[] = [];
  constructor(runtime: AppsScriptRuntime) {
    this.#runtime = runtime;
  }
  clear(): void {
    this.#lines = [];
  }
  getLog(): string {
    return this.#lines.join('\n');
  }
  log(data: any, ...values: any[]): GoogleAppsScript.Base.Logger {
    const line =
      typeof data === 'string' && values.length > 0
        ? formatText(data, ...values)
        : typeof data === 'string'
          ? data
          : formatText('%o', data);
    this.#lines.push(line);
    this.#runtime.logs.push(`Logger: ${line}`);
    return gas(this);
  }
}
describeDouble(LoggerDouble, { type: 'Logger', service: 'Logger' });

/** Apps Script's console (Cloud Logging): recorded in the harness's log. */
export class ConsoleDouble {
  readonly #runtime: AppsScriptRuntime;
  constructor(runtime: AppsScriptRuntime) {
    this.#runtime = runtime;
  }
  #write(level: string, args: unknown[]): void {
    this.#runtime.logs.push(`console.${level}: ${formatText(...(args as [unknown, ...unknown[]]))}`);
  }
  log(...args: unknown[]): void {
    this.#write('log', args);
  }
  info(...args: unknown[]): void {
    this.#write('info', args);
  }
  warn(...args: unknown[]): void {
    this.#write('warn', args);
  }
  error(...args: unknown[]): void {
    this.#write('error', args);
  }
  time(): void {}
  timeEnd(): void {}
}
describeDouble(ConsoleDouble, { type: 'console', service: 'console' });
