import type { z } from 'zod';

/** Machine codes; `http/problem.ts` is the one place that maps them to HTTP statuses. */
export type ErrorCode =
  | 'invalid-input'
  | 'duplicate'
  | 'not-found'
  | 'conflict'
  | 'client-lost'
  /** A handover report on a client since handed on to someone else: only its holder files it. */
  | 'handed-on'
  /** A consent the person withdrew: only their new consent grants it again. */
  | 'withdrawn-by-person'
  | 'unauthenticated'
  | 'forbidden'
  | 'rate-limited'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'method-not-allowed'
  | 'precondition-failed'
  | 'unavailable'
  | 'internal';

/** A field-level problem: `path` as written to the user, e.g. `clients[17].phones[0]`. */
export type FieldIssue = { path: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: FieldIssue[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** gRPC statuses of a database that cannot be reached or did not answer in time: UNAVAILABLE, DEADLINE_EXCEEDED. */
const unreachableStatuses = new Set([14, 4]);
const abortedStatus = 10;

/**
 * The database could not be reached (stopped, network down, overloaded): `unavailable`, a 503 the
 * caller may retry, not an internal error. Whether a write landed is unknown, and the message says so.
 */
export function databaseUnavailable(e: unknown): AppError | undefined {
  const status = (e as { code?: unknown } | null)?.code;
  if (isAppError(e) || typeof status !== 'number') return undefined;
  if (unreachableStatuses.has(status))
    return new AppError(
      'unavailable',
      'the database is unavailable right now; if you were saving, the change may or may not have been saved: reload ' +
        'and try again in a minute',
      { cause: e },
    );
  // ABORTED after the client library's own retries: another process holds the same records (a
  // transaction of a process that died keeps them until the database expires it).
  if (status === abortedStatus)
    return new AppError('unavailable', 'the database is busy with the same records right now; try again in a minute', { cause: e });
  return undefined;
}

/** `clients[17].phones[0]` from a prefix and a zod path. */
export function formatPath(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Field issues from a zod error; pass the parsed input so missing fields read "is required". */
export function issuesFromZod(error: z.ZodError, prefix = '', input?: unknown): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath(prefix, issue.path) || '(body)',
    message: humanMessage(issue, input),
  }));
}

function isMissing(input: unknown, path: ReadonlyArray<PropertyKey>): boolean {
  let at: unknown = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || !(key in (at as object))) return true;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at === undefined;
}

export function humanMessage(issue: z.core.$ZodIssue, input?: unknown): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && input !== undefined && isMissing(input, issue.path)) return 'is required';
  return issue.message;
}

/** Parses with a schema or throws `invalid-input` naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('invalid-input', `invalid ${what}`, { issues: issuesFromZod(result.error, prefix, value) });
  }
  return result.data;
}
