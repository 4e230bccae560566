import { fileURLToPath } from 'node:url';
import { createSyncFn } from 'synckit';
import { AppsScriptException, gas } from './gas-types.ts';
import type { AppsScriptRuntime } from './runtime-double.ts';
import { BlobDouble, signedBytes } from './utilities-double.ts';
import type { WireRequest, WireResponse } from './url-fetch-worker.ts';
import { describeDouble } from './vm-bridge.ts';

/**
 * Test double of UrlFetchApp: synchronous, like the real one, over real HTTP. The request runs in a
 * worker thread (synckit) while this thread blocks, so whatever serves the URL must live in another
 * thread or process (see api-process.ts). Apps Script's behaviours kept: without
 * `muteHttpExceptions` a status of 400 or more throws "Request failed for <origin> returned code N.
 * Truncated server response: …"; an unreachable host throws "Address unavailable: <url>"; payload
 * objects are sent as form fields; `urlFetchWhitelist` from the manifest is enforced.
 */
export type FetchRecord = { url: string; method: string; status: number | null; ms: number; authorized: boolean; error?: string };
/** Every fetch the bundle made, in order. `reset()` empties it. */
export type FetchLog = FetchRecord[] & { reset: () => void };

export function newFetchLog(): FetchLog {
  const log = [] as unknown as FetchLog;
  Object.defineProperty(log, 'reset', { value: () => (log.length = 0), enumerable: false });
  return log;
}

type SyncRequest = (request: WireRequest) => WireResponse;
let worker: SyncRequest | undefined;
/** The worker thread starts on the first fetch of the test process and serves every harness after it. */
function syncRequest(request: WireRequest): WireResponse {
  worker ??= createSyncFn<(request: WireRequest) => Promise<WireResponse>>(
    fileURLToPath(new URL('./url-fetch-worker.ts', import.meta.url)),
    { timeout: 90_000 },
  );
  return worker(request);
}

const fetchTimeoutMs = 60_000;
const maxUrlLength = 2 * 1024;
const truncatedResponseLength = 140;

type ResponseApi = GoogleAppsScript.URL_Fetch.HTTPResponse;
type Options = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;

export class HttpResponseDouble
  implements Pick<ResponseApi, 'getAllHeaders' | 'getAs' | 'getBlob' | 'getContent' | 'getContentText' | 'getHeaders' | 'getResponseCode'>
{
  readonly #status: number;
  readonly #rawHeaders: string[];
  readonly #body: Buffer;
  constructor(status: number, rawHeaders: string[], body: Buffer) {
    this.#status = status;
    this.#rawHeaders = rawHeaders;
    this.#body = body;
  }
  #headers(all: boolean): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (let i = 0; i + 1 < this.#rawHeaders.length; i += 2) {
      const name = this.#rawHeaders[i]!;
      const value = this.#rawHeaders[i + 1]!;
      const known = Object.keys(out).find((k) => k.toLowerCase() === name.toLowerCase());
      if (known === undefined) out[name] = all ? [value] : value;
      else out[known] = [...[out[known]!].flat(), value];
    }
    if (all) for (const k of Object.keys(out)) if ((out[k] as string[]).length === 1) out[k] = (out[k] as string[])[0]!;
    return out;
  }
  getAllHeaders(): object {
    return this.#headers(true);
  }
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    return gas(new BlobDouble(Buffer.from(this.#body), contentType));
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    const type = Object.entries(this.#headers(false)).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    return gas(new BlobDouble(Buffer.from(this.#body), typeof type === 'string' ? type.split(';')[0]!.trim() : null));
  }
  getContent(): number[] {
    return signedBytes(this.#body);
  }
  getContentText(charset?: string): string {
    return this.#body.toString(charset && /ascii|latin|8859/i.test(charset) ? 'latin1' : 'utf8');
  }
  getHeaders(): object {
    return this.#headers(false);
  }
  getResponseCode(): number {
    return this.#status;
  }
}
describeDouble(HttpResponseDouble, { type: 'HTTPResponse', service: 'UrlFetchApp' });

const methods = new Set(['get', 'delete', 'patch', 'post', 'put']);

export type UrlFetchOptions = {
  runtime: AppsScriptRuntime;
  log: FetchLog;
  /** URL prefixes the manifest allows (undefined: no whitelist). */
  whitelist: string[] | undefined;
  isNetworkDown: () => boolean;
};

export class UrlFetchAppDouble implements Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch' | 'fetchAll' | 'getRequest'> {
  readonly #options: UrlFetchOptions;
  constructor(options: UrlFetchOptions) {
    this.#options = options;
  }

  getRequest(url: string, params: Options = {}): GoogleAppsScript.URL_Fetch.URLFetchRequest {
    const wire = this.#wire(url, params);
    return {
      url: wire.url,
      method: wire.method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
      headers: wire.headers,
      payload: wire.body ? Buffer.from(wire.body, 'base64').toString('utf8') : '',
    };
  }

  #wire(url: string, params: Options): WireRequest {
    if (typeof url !== 'string' || !/^https?:\/\/[^/\s]+/i.test(url)) throw new AppsScriptException(`Invalid argument: ${url}`);
    if (url.length > maxUrlLength) throw new AppsScriptException('Limit Exceeded: URLFetch URL Length.');
    const whitelist = this.#options.whitelist;
    if (whitelist && !whitelist.some((prefix) => url.startsWith(prefix))) {
      throw new AppsScriptException(`Script does not have permission to fetch ${url}: add it to urlFetchWhitelist in appsscript.json.`);
    }
    const method = String(params.method ?? 'get').toLowerCase();
    if (!methods.has(method)) throw new AppsScriptException(`Invalid argument: method`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(params.headers ?? {})) headers[k] = String(v);
    let body: Buffer | undefined;
    let contentType = params.contentType;
    const payload = params.payload as unknown;
    if (payload !== undefined && payload !== null) {
      if (typeof payload === 'string') body = Buffer.from(payload, 'utf8');
      else if (payload instanceof BlobDouble) {
        body = payload._bytes;
        contentType ??= payload._contentType ?? undefined;
      } else if (Array.isArray(payload)) body = Buffer.from(payload.map((b) => Number(b) & 0xff));
      else if (typeof payload === 'object')
        body = Buffer.from(
          new URLSearchParams(Object.entries(payload).map(([k, v]): [string, string] => [k, String(v)])).toString(),
          'utf8',
        );
      contentType ??= 'application/x-www-form-urlencoded';
    }
    if (contentType && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = contentType;
    return {
      url,
      method: method.toUpperCase(),
      headers,
      ...(body ? { body: body.toString('base64') } : {}),
      timeoutMs: fetchTimeoutMs,
      followRedirects: params.followRedirects !== false,
    };
  }

  fetch(url: string, params: Options = {}): ResponseApi {
    const wire = this.#wire(url, params);
    const started = performance.now();
    const authorized = Object.keys(wire.headers).some((k) => k.toLowerCase() === 'authorization');
    const record = (status: number | null, error?: string) =>
      this.#options.log.push({
        url,
        method: wire.method,
        status,
        ms: Math.round(performance.now() - started),
        authorized,
        ...(error ? { error } : {}),
      });
    if (this.#options.isNetworkDown()) {
      record(null, 'network down');
      throw new AppsScriptException(`Address unavailable: ${url}`);
    }
    const answer = syncRequest(wire);
    if (!answer.ok) {
      record(null, answer.message);
      if (answer.error === 'timeout') throw new AppsScriptException(`Timeout: ${url}`);
      if (answer.error === 'dns') throw new AppsScriptException(`DNS error: ${url}`);
      throw new AppsScriptException(`Address unavailable: ${url}`);
    }
    record(answer.status);
    const response = new HttpResponseDouble(answer.status, answer.rawHeaders, Buffer.from(answer.body, 'base64'));
    if (answer.status >= 400 && !params.muteHttpExceptions) {
      const text = response.getContentText();
      const truncated = text.length > truncatedResponseLength ? `${text.slice(0, truncatedResponseLength)}...` : text;
      throw new AppsScriptException(
        `Request failed for ${new URL(url).origin} returned code ${answer.status}. ` +
          `Truncated server response: ${truncated} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return gas(response);
  }

  /** Apps Script runs these in parallel; the double runs them one after another. */
  fetchAll(requests: (GoogleAppsScript.URL_Fetch.URLFetchRequest | string)[]): ResponseApi[] {
    return requests.map((r) => (typeof r === 'string' ? this.fetch(r) : this.fetch(r.url, r)));
  }
}
describeDouble(UrlFetchAppDouble, { type: 'UrlFetchApp', service: 'UrlFetchApp' });
