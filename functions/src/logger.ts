import { AsyncLocalStorage } from 'node:async_hooks';
import { createGcpLoggingPinoConfig } from '@google-cloud/pino-logging-gcp-config';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs in Cloud Logging's JSON format (severity, message, trace, serviceContext for
 * Error Reporting), one line per entry on stdout, where Cloud Run collects them. Code logs through
 * `log()`, which carries the current request's or run's bindings (trace, run id) without being
 * passed around.
 */
export type LoggerOptions = { destination?: DestinationStream; level?: string; projectId?: string; service?: string };

export function createLogger(options: LoggerOptions = {}): Logger {
  const config = createGcpLoggingPinoConfig(
    {
      // Given, not detected: detection would ask the metadata server, which is not there locally.
      serviceContext: {
        service: options.service ?? process.env.K_SERVICE ?? 'clientbase',
        ...(process.env.K_REVISION ? { version: process.env.K_REVISION } : {}),
      },
      traceGoogleCloudProjectId: options.projectId ?? process.env.GOOGLE_CLOUD_PROJECT ?? process.env.GCLOUD_PROJECT ?? '',
      inihibitDiagnosticMessage: true,
    },
    // The trace goes in through the mixin, the one path the formatter rewrites into Cloud Logging's trace fields.
    // No pid or hostname: Cloud Run labels each entry with its instance already.
    { level: options.level ?? process.env.LOG_LEVEL ?? 'info', base: null, mixin: () => ({ ...scope.getStore()?.trace }) },
  );
  // Synchronous writes: an instance stopped right after a failure must not lose the line saying why.
  return pino(config, options.destination ?? pino.destination({ dest: 1, sync: true }));
}

/** A request's trace, in the OpenTelemetry names the formatter maps to `logging.googleapis.com/trace` and `spanId`. */
export type TraceBindings = { trace_id?: string; span_id?: string; trace_flags?: string };

let root: Logger | undefined;
const scope = new AsyncLocalStorage<{ logger: Logger; trace: TraceBindings }>();

/** The logger of the current request or run, or the process's root logger. */
export function log(): Logger {
  return scope.getStore()?.logger ?? (root ??= createLogger());
}

/** Runs `work` with every `log()` line inside it carrying `bindings` (and those of the enclosing scope). */
export function withLogBindings<T>(bindings: Record<string, unknown>, work: () => T, trace?: TraceBindings): T {
  return scope.run({ logger: log().child(bindings), trace: trace ?? scope.getStore()?.trace ?? {} }, work);
}

/** Replaces the root logger (tests capture lines; the local stack lowers the level). */
export function setRootLogger(logger: Logger): void {
  root = logger;
}
