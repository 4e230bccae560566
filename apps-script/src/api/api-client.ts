// The one way the add-on reaches the base: HTTPS to the staff API with a fresh Google identity
// token per request, JSON both ways, problem documents turned into ApiErrors, retries where safe.
import { ApiError, errorFromFetchFailure, errorFromResponse, isApiError } from './api-error.ts';
import { freshIdentityToken } from './identity.ts';
import { retryDelayMs } from './retry.ts';

declare const __API_URL__: string;

export type ApiCall = {
  method: 'get' | 'post' | 'patch' | 'put';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** A write that cannot apply twice (keyed by an id or a version): retried like a read. */
  idempotent?: boolean;
};

/**
 * The Script Property `API_URL` wins over the address built in, for the tests' doubles; a deployed
 * add-on reaches only the URLs its manifest's `urlFetchWhitelist` allows, so a deployment is built
 * with `ADDON_API_URL` instead.
 */
export function apiBaseUrl(): string {
  const configured = PropertiesService.getScriptProperties().getProperty('API_URL') ?? '';
  const url = (configured.trim() || __API_URL__ || '').trim();
  if (url === '' || /\.invalid\//.test(url)) throw new ApiError('not-configured', 'no API URL configured');
  return url.endsWith('/') ? url : `${url}/`;
}

function urlOf(base: string, call: ApiCall): string {
  const query = Object.entries(call.query ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `${base}${call.path.replace(/^\//, '')}${query ? `?${query}` : ''}`;
}

function requestOf(call: ApiCall, base: string): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const request: GoogleAppsScript.URL_Fetch.URLFetchRequest = {
    url: urlOf(base, call),
    method: call.method,
    headers: { Authorization: `Bearer ${freshIdentityToken()}`, Accept: 'application/json' },
    muteHttpExceptions: true,
    followRedirects: false,
  };
  if (call.body !== undefined) {
    request.contentType = 'application/json';
    request.payload = JSON.stringify(call.body);
  }
  return request;
}

function answerOf<T>(response: GoogleAppsScript.URL_Fetch.HTTPResponse): T {
  const status = response.getResponseCode();
  const text = response.getContentText('UTF-8');
  if (status >= 200 && status < 300) {
    try {
      return (text === '' ? null : JSON.parse(text)) as T;
    } catch {
      throw new ApiError('server', `the base answered ${status} with something that is not JSON`, { status });
    }
  }
  throw errorFromResponse(status, response.getHeaders() as Record<string, string>, text, Date.now());
}

function isSafe(call: ApiCall): boolean {
  return call.method === 'get' || call.idempotent === true;
}

/** One request, retried with backoff where that cannot do harm; throws ApiError. */
export function callApi<T>(call: ApiCall): T {
  const base = apiBaseUrl();
  for (let attempt = 1; ; attempt++) {
    try {
      const request = requestOf(call, base);
      let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
      try {
        const { url, ...params } = request;
        response = UrlFetchApp.fetch(url, params);
      } catch (e) {
        throw errorFromFetchFailure(String((e as Error)?.message ?? e), call.method !== 'get');
      }
      return answerOf<T>(response);
    } catch (e) {
      if (!isApiError(e)) throw e;
      const wait = retryDelayMs(e, attempt, isSafe(call));
      if (wait === null) throw e;
      Utilities.sleep(wait);
    }
  }
}

/**
 * Several requests at once (UrlFetchApp.fetchAll), each with its own fresh token; each answer is
 * the parsed body or the ApiError. Failures that are safe to retry are retried one by one.
 */
export function callApiAll<T>(calls: readonly ApiCall[]): Array<T | ApiError> {
  if (calls.length === 0) return [];
  const base = apiBaseUrl();
  const requests = calls.map((c) => requestOf(c, base));
  let responses: GoogleAppsScript.URL_Fetch.HTTPResponse[];
  try {
    responses = UrlFetchApp.fetchAll(requests);
  } catch {
    // One unreachable host fails the whole fetchAll: fall back to one at a time.
    return calls.map((c) => settle<T>(() => callApi<T>(c)));
  }
  return responses.map((response, i) =>
    settle<T>(() => {
      try {
        return answerOf<T>(response);
      } catch (e) {
        if (isApiError(e) && retryDelayMs(e, 1, isSafe(calls[i]!)) !== null) return callApi<T>(calls[i]!);
        throw e;
      }
    }),
  );
}

function settle<T>(fn: () => T): T | ApiError {
  try {
    return fn();
  } catch (e) {
    if (isApiError(e)) return e;
    throw e;
  }
}
