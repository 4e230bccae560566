import type { Response } from 'express';
import { AppError, databaseUnavailable, isAppError, type ErrorCode } from '../errors.ts';
import { log } from '../logger.ts';

/** The one place that maps error codes to HTTP statuses. */
export const statusByCode: Record<ErrorCode, number> = {
  'invalid-input': 400,
  duplicate: 409,
  'not-found': 404,
  conflict: 409,
  'client-lost': 409,
  'handed-on': 409,
  'withdrawn-by-person': 409,
  unauthenticated: 401,
  forbidden: 403,
  'rate-limited': 429,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'method-not-allowed': 405,
  'precondition-failed': 412,
  unavailable: 503,
  internal: 500,
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: { path: string; message: string }[];
  [extra: string]: unknown;
};

/** RFC 9457 problem document; `type` is stable per code. */
export function toProblem(error: unknown): Problem {
  const e = isAppError(error)
    ? error
    : (databaseUnavailable(error) ??
      new AppError('internal', 'internal error: the request was not completed; try again or tell the admin'));
  const status = statusByCode[e.code];
  const problem: Problem = {
    type: `https://clientbase.dev/problems/${e.code}`,
    title: e.code.replace(/-/g, ' '),
    status,
    detail: e.message,
    code: e.code,
    ...e.details,
  };
  if (e.issues.length > 0) problem.errors = e.issues;
  return problem;
}

export function sendProblem(res: Response, error: unknown): void {
  const problem = toProblem(error);
  if (problem.status >= 500 && !isAppError(error))
    log().error({ err: error }, `request failed: ${String((error as Error)?.message ?? error)}`);
  if (res.headersSent) return;
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}
