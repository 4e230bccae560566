import type { Request } from 'express';
import { AppError } from '../errors.ts';

/** The body's size as declared and as received: the functions framework has already parsed it, with a huge limit. */
export function bodyBytes(req: Request): { declared: number; received: number } {
  return {
    declared: Number(req.get('content-length') ?? '0'),
    received: (req as Request & { rawBody?: Buffer }).rawBody?.length ?? 0,
  };
}

/** Refuses bodies over `maxBytes` (413) and content types other than JSON or a form post (415). */
export function requireFormBody(req: Request, maxBytes: number): Record<string, unknown> {
  const { declared, received } = bodyBytes(req);
  if (declared > maxBytes || received > maxBytes)
    throw new AppError('payload-too-large', `the request body is larger than ${maxBytes} bytes`, { details: { maxBytes } });
  if (!req.is('application/json') && !req.is('application/x-www-form-urlencoded')) {
    throw new AppError('unsupported-media-type', 'send the form as application/json or application/x-www-form-urlencoded');
  }
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AppError('invalid-input', 'the body must be an object', { issues: [{ path: '(body)', message: 'must be an object' }] });
  return body as Record<string, unknown>;
}

const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** A JSON API's envelope: at most `maxBytes`, JSON if there is a body at all; no body reads as none. */
export function requireJsonEnvelope(req: Request, maxBytes: number): void {
  const { declared, received } = bodyBytes(req);
  if (declared > maxBytes || received > maxBytes) {
    throw new AppError('payload-too-large', `the body is larger than ${maxBytes / 1024} KB; send fewer rows per call`);
  }
  if (bodyMethods.has(req.method) && hasBody(req) && !req.is('application/json')) {
    throw new AppError('unsupported-media-type', 'send the body as JSON with Content-Type: application/json');
  }
  if (bodyMethods.has(req.method) && !hasBody(req)) req.body = undefined;
}
