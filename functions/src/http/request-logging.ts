import type { HttpFunction } from '@google-cloud/functions-framework';
import { withLogBindings, type TraceBindings } from '../logger.ts';

/**
 * The request's trace from Cloud Run's headers (W3C `traceparent`, else `X-Cloud-Trace-Context:
 * TRACE/SPAN;o=1` with a decimal span), in the OpenTelemetry names that the log formatter turns into
 * Cloud Logging's trace fields, so a request's lines group under its entry in the request log.
 */
export function traceBindings(header: (name: string) => string | undefined): TraceBindings {
  const parent = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(header('traceparent')?.trim().toLowerCase() ?? '');
  if (parent && !/^0+$/.test(parent[1]!)) return { trace_id: parent[1]!, span_id: parent[2]!, trace_flags: parent[3]! };
  const cloud = /^([0-9a-f]{32})(?:\/(\d{1,20}))?(?:;o=([01]))?$/.exec(header('x-cloud-trace-context')?.trim().toLowerCase() ?? '');
  if (!cloud) return {};
  const span = cloud[2] === undefined ? undefined : BigInt(cloud[2]).toString(16);
  return {
    trace_id: cloud[1]!,
    ...(span !== undefined && span.length <= 16 ? { span_id: span.padStart(16, '0') } : {}),
    ...(cloud[3] !== undefined ? { trace_flags: cloud[3] === '1' ? '01' : '00' } : {}),
  };
}

/** Every log line written while `handler` serves a request names the function and carries the request's trace. */
export function withRequestLogging(name: string, handler: HttpFunction): HttpFunction {
  return (req, res) =>
    withLogBindings(
      { function: name },
      () => handler(req, res),
      traceBindings((h) => req.get(h)),
    );
}
