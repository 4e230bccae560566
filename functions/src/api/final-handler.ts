import express from 'express';
import type { Request, Response } from 'express';
import { AppError } from '../errors.ts';
import { sendProblem } from '../http/problem.ts';
import { undecodablePath } from './path-errors.ts';

/**
 * The functions framework parses request bodies (body-parser) in its own express app before our
 * function runs, and its errors (malformed JSON, bad charset) would reach express's final handler,
 * which answers HTML. Every express app created after this is installed ends unhandled errors and
 * unmatched requests with a problem document instead. It must run before the framework builds its
 * app, which `index.ts` guarantees by importing the API first.
 */
let installed = false;

export function installProblemFinalHandler(): void {
  if (installed) return;
  installed = true;
  const proto = express.application as unknown as { handle: (req: Request, res: Response, callback?: (err?: unknown) => void) => void };
  const original = proto.handle;
  proto.handle = function handle(this: unknown, req: Request, res: Response, callback?: (err?: unknown) => void) {
    const done =
      callback ??
      ((err?: unknown) =>
        sendProblem(
          res,
          err === undefined
            ? new AppError('not-found', 'no such route')
            : err instanceof URIError
              ? undecodablePath(req.path)
              : bodyError(err),
        ));
    return original.call(this, req, res, done);
  };
}

type HttpishError = { type?: string; status?: number; statusCode?: number; message?: string };

/** body-parser's error kinds as our codes; anything else stays an internal error (500, logged). */
export function bodyError(err: unknown): unknown {
  const e = (err ?? {}) as HttpishError;
  switch (e.type) {
    case 'entity.parse.failed':
      return new AppError('invalid-input', 'the body is not valid JSON', { issues: [{ path: '(body)', message: 'malformed JSON' }] });
    case 'entity.too.large':
      return new AppError('payload-too-large', 'the body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported-media-type', 'send the body as UTF-8 JSON (Content-Type: application/json)');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new AppError('invalid-input', 'the body could not be read');
  }
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new AppError('invalid-input', 'the request could not be read');
  return err;
}
