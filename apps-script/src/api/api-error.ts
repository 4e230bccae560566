// Everything that can go wrong between the add-on and the base, sorted into what the person can do
// about it. Pure: the HTTP status, headers and body in, a kind out; `explain` turns a kind into words.
import type { Messages } from '../messages.ts';
import type { FieldIssue, Problem } from '../../../functions/src/api/contract.ts';

export type ApiErrorKind =
  | 'not-configured'
  | 'missing-scope'
  | 'missing-email-scope'
  | 'not-on-roster'
  | 'deactivated'
  | 'admin-only'
  | 'unauthenticated'
  | 'network'
  | 'rate-limited'
  | 'unavailable'
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'duplicate'
  | 'too-large'
  | 'server';

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  readonly problem: Problem | null;
  readonly retryAfterSeconds: number | null;
  /** The request may have been carried out although no answer arrived. */
  readonly outcomeUnknown: boolean;
  /** Where to grant missing permissions, when Apps Script gave one. */
  readonly authorizationUrl: string | null;

  constructor(
    kind: ApiErrorKind,
    detail: string,
    options: {
      status?: number | null;
      problem?: Problem | null;
      retryAfterSeconds?: number | null;
      outcomeUnknown?: boolean;
      authorizationUrl?: string | null;
    } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = options.status ?? null;
    this.problem = options.problem ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
    this.authorizationUrl = options.authorizationUrl ?? null;
  }

  get fieldErrors(): FieldIssue[] {
    return Array.isArray(this.problem?.errors) ? this.problem.errors : [];
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError || (e instanceof Error && e.name === 'ApiError' && 'kind' in e);
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterSeconds(value: string | undefined, now: number): number | null {
  if (value === undefined || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function parseProblem(text: string): Problem | null {
  try {
    const body = JSON.parse(text) as unknown;
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Problem) : null;
  } catch {
    return null;
  }
}

/**
 * An HTTP answer that is not a success, as an ApiError. The API's problem documents carry a code
 * (and for 403 a reason); a proxy's HTML 502 or Google's 429 page carry only a status.
 */
export function errorFromResponse(status: number, headers: Record<string, string>, text: string, now: number): ApiError {
  const problem = parseProblem(text);
  const code = typeof problem?.code === 'string' ? problem.code : null;
  const detail = typeof problem?.detail === 'string' ? problem.detail : `HTTP ${status}`;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const common = { status, problem, retryAfterSeconds: retryAfterSeconds(lower['retry-after'], now) };
  if (status === 401) return new ApiError('unauthenticated', detail, common);
  if (status === 403) {
    const reason = problem?.reason;
    return new ApiError(
      reason === 'not-on-roster' ? 'not-on-roster' : reason === 'inactive' ? 'deactivated' : 'admin-only',
      detail,
      common,
    );
  }
  if (status === 404) return new ApiError('not-found', detail, common);
  if (status === 409) return new ApiError(code === 'duplicate' ? 'duplicate' : 'conflict', detail, common);
  if (status === 413) return new ApiError('too-large', detail, common);
  if (status === 429) return new ApiError('rate-limited', detail, common);
  // The API's own 503 says the database stalled mid-request: whatever was sent may have landed.
  if (status === 503 || status === 502 || status === 504)
    return new ApiError('unavailable', detail, { ...common, outcomeUnknown: code === 'unavailable' });
  if (status >= 400 && status < 500) return new ApiError('invalid-input', detail, common);
  return new ApiError('server', detail, common);
}

/**
 * A thrown `UrlFetchApp.fetch`: Apps Script names a missing permission; anything else is the
 * network, and a write may then have landed without its answer reaching us.
 */
export function errorFromFetchFailure(message: string, write: boolean): ApiError {
  if (/permission/i.test(message) && /(UrlFetchApp|external_request)/i.test(message)) return new ApiError('missing-scope', message);
  return new ApiError('network', message, { outcomeUnknown: write });
}

/** The field errors of a problem, one line each: "amount: must not be negative". */
export function fieldErrorLines(errors: readonly FieldIssue[]): string {
  return errors.map((e) => (e.path && e.path !== '(body)' ? `${e.path}: ${e.message}` : e.message)).join('\n');
}

/** What to tell the person, in their language, with what to do about it. */
export function explain(error: ApiError, m: Messages, context: { email?: string } = {}): string {
  const e = m.errors;
  switch (error.kind) {
    case 'not-configured':
      return e.notConfigured;
    case 'missing-scope':
      return e.missingScope(error.authorizationUrl);
    case 'missing-email-scope':
      return e.missingEmailScope;
    case 'not-on-roster':
      return e.notOnRoster(context.email ?? '');
    case 'deactivated':
      return e.deactivated;
    case 'admin-only':
      return e.adminOnly;
    case 'unauthenticated':
      return e.unauthenticated;
    case 'network':
      return error.outcomeUnknown ? e.networkUnknownOutcome : e.network;
    case 'rate-limited':
      return e.rateLimited(error.retryAfterSeconds);
    case 'unavailable':
      return error.outcomeUnknown ? e.unavailableUnknownOutcome : e.unavailable;
    case 'invalid-input':
      return e.invalid(error.fieldErrors.length > 0 ? fieldErrorLines(error.fieldErrors) : error.message);
    case 'not-found':
      return e.notFound;
    case 'conflict':
      return e.conflict;
    case 'duplicate':
      return e.duplicate;
    case 'too-large':
      return e.tooLarge;
    case 'server':
      return e.server(error.status ?? 500, error.problem?.detail ?? '');
  }
}
