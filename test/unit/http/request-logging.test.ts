import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, log, setRootLogger, withLogBindings } from '../../../functions/src/logger.ts';
import { traceBindings } from '../../../functions/src/http/request-logging.ts';

function capture(): { lines: Array<Record<string, unknown>>; stream: Writable } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

describe('request trace', () => {
  it('reads the W3C traceparent header', () => {
    const headers: Record<string, string> = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };
    expect(traceBindings((h) => headers[h])).toEqual({
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      span_id: '00f067aa0ba902b7',
      trace_flags: '01',
    });
  });

  it('reads X-Cloud-Trace-Context, turning its decimal span id into hex', () => {
    const headers: Record<string, string> = { 'x-cloud-trace-context': '105445aa7843bc8bf206b12000100000/1;o=1' };
    expect(traceBindings((h) => headers[h])).toEqual({
      trace_id: '105445aa7843bc8bf206b12000100000',
      span_id: '0000000000000001',
      trace_flags: '01',
    });
  });

  it('ignores malformed or all-zero trace headers', () => {
    const headers: Record<string, string> = {
      traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      'x-cloud-trace-context': 'not a trace',
    };
    expect(traceBindings((h) => headers[h])).toEqual({});
  });
});

describe('structured logs', () => {
  it('writes Cloud Logging JSON: severity, message, the trace as a project path, run bindings and the stack of an error', () => {
    const { lines, stream } = capture();
    setRootLogger(createLogger({ destination: stream, level: 'info', projectId: 'acme', service: 'rotation' }));
    const trace = { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7', trace_flags: '01' };
    withLogBindings(
      { function: 'rotation' },
      () =>
        // A run scope inside the request scope keeps the request's trace.
        withLogBindings({ runId: 'rotation_2026-12-01T03:00:00.000Z' }, () => {
          log().info('rotation started');
          log().error({ err: new Error('boom'), alert: 'run-failed' }, 'rotation failed');
        }),
      trace,
    );
    log().debug('not written at info level');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      severity: 'INFO',
      message: 'rotation started',
      function: 'rotation',
      runId: 'rotation_2026-12-01T03:00:00.000Z',
      'logging.googleapis.com/trace': 'projects/acme/traces/4bf92f3577b34da6a3ce929d0e0e4736',
      'logging.googleapis.com/spanId': '00f067aa0ba902b7',
      'logging.googleapis.com/trace_sampled': true,
      serviceContext: { service: 'rotation' },
    });
    expect(lines[0]!.timestamp).toMatchObject({ seconds: expect.any(Number) });
    expect(lines[1]).toMatchObject({ severity: 'ERROR', message: 'rotation failed', alert: 'run-failed' });
    expect(String(lines[1]!.stack_trace)).toMatch(/^Error: boom\n\s+at /);
  });
});
