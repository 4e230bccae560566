import type { Router } from 'express';
import { AppError } from '../errors.ts';

const decodes = (segment: string): boolean => {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
};

/** The route parameter a path gives in bytes that do not decode (`/clients/%zz` → `id`), by the routes' own patterns. */
export function undecodableParam(patterns: ReadonlyArray<string>, path: string): string | undefined {
  const segments = path.replace(/\/+$/, '').split('/');
  for (const pattern of patterns) {
    const parts = pattern.split('/');
    if (parts.length !== segments.length) continue;
    const named = parts.flatMap((p, i) => (p.startsWith(':') && !decodes(segments[i]!) ? [p.slice(1)] : []));
    if (named.length > 0 && parts.every((p, i) => p.startsWith(':') || p === segments[i])) return named[0];
  }
  return undefined;
}

/** The API's route patterns, known once its router is built: the framework's routing may refuse a path before the API sees it. */
const knownPatterns = new Set<string>();

export function knowRoutes(router: Router): void {
  for (const layer of router.stack as Array<{ route?: { path?: unknown } }>)
    if (typeof layer.route?.path === 'string') knownPatterns.add(layer.route.path);
}

/** A path that does not decode (a stray %), refused naming the route parameter that holds it. */
export function undecodablePath(path: string): AppError {
  const param = undecodableParam([...knownPatterns], path) ?? '(path)';
  return new AppError('invalid-input', 'the path does not decode: a stray % in it', {
    issues: [{ path: param, message: 'is not valid percent-encoding' }],
  });
}
