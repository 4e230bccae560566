import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { maxBodyBytes as apiMaxBodyBytes } from '../api/app.ts';
import { bodyError } from '../api/final-handler.ts';
import type { FunctionName } from '../deploy/function-table.ts';
import { AppError } from '../errors.ts';
import { sendProblem } from './problem.ts';

/**
 * How much body a function reads, counted on the bytes after inflating, and whether it inflates at
 * all: `refuse` answers a compressed body 415 where no client sends one (the public forms, the jobs).
 */
export type BodyLimit = { maxBytes: number; compressed: 'inflate' | 'refuse' };

const formLimit: BodyLimit = { maxBytes: 16 * 1024, compressed: 'refuse' };

export const bodyLimits = {
  api: { maxBytes: apiMaxBodyBytes, compressed: 'inflate' },
  rotation: formLimit,
  bonuses: formLimit,
  overdueReports: formLimit,
  signup: formLimit,
  unsubscribe: formLimit,
} as const satisfies Record<FunctionName, BodyLimit>;

/** A process serving one function (Cloud Run sets FUNCTION_TARGET) gets its own limit; several at once get the largest. */
export function bodyLimitFor(target: string | undefined): BodyLimit {
  if (target !== undefined && Object.hasOwn(bodyLimits, target)) return bodyLimits[target as FunctionName];
  return { maxBytes: Math.max(...Object.values(bodyLimits).map((l) => l.maxBytes)), compressed: 'inflate' };
}

function rawBodySaver(req: Request, _res: Response, buf: Buffer): void {
  (req as Request & { rawBody?: Buffer }).rawBody = buf;
}

/** The framework's own parsers (same types, same rawBody), with our limit: the first that reads the body ends the request stream. */
function parsers(limit: BodyLimit): RequestHandler[] {
  const common = { limit: limit.maxBytes, inflate: limit.compressed === 'inflate', verify: rawBodySaver };
  return [
    express.json({ ...common, type: 'application/cloudevents+json' }),
    express.json(common),
    express.text(common),
    express.urlencoded({ ...common, extended: true }),
    express.raw({ ...common, type: '*/*' }),
  ];
}

function refusal(err: unknown, limit: BodyLimit): unknown {
  const { type } = err as { type?: string };
  if (type === 'encoding.unsupported') return new AppError('unsupported-media-type', 'send the body uncompressed (no Content-Encoding)');
  if (type !== 'entity.too.large') return bodyError(err);
  return new AppError('payload-too-large', `the body is larger than ${limit.maxBytes / 1024} KB; send less per call`, {
    details: { maxBytes: limit.maxBytes },
  });
}

let installed = false;

/**
 * The functions framework reads every body with a 1 GB limit, inflating gzip first, before our
 * function runs: a 96 KB gzip body became 96 MiB in memory. This reads the body first, in every
 * express app created after it is installed (the framework's, built after `index.ts` is imported),
 * and stops reading at the limit while inflating; the framework's parsers then find it read.
 */
export function installBodyLimit(limit: BodyLimit): void {
  if (installed) return;
  installed = true;
  const chain = parsers(limit);
  type App = { request: object; response: object };
  const proto = express.application as unknown as { handle: (req: Request, res: Response, callback?: NextFunction) => void };
  const original = proto.handle;
  proto.handle = function handle(this: App, req: Request, res: Response, callback?: NextFunction) {
    // As express's own handle does first, so a refusal can answer with res.status().send().
    Object.setPrototypeOf(req, this.request);
    Object.setPrototypeOf(res, this.response);
    Object.assign(req, { res });
    Object.assign(res, { req });
    let i = 0;
    const next = (err?: unknown): void => {
      if (err !== undefined) sendProblem(res, refusal(err, limit));
      else if (i < chain.length) chain[i++]!(req, res, next);
      else original.call(this, req, res, callback);
    };
    next();
  };
}
