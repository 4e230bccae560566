import type { Firestore } from 'firebase-admin/firestore';
import {
  alertsTab,
  headlineOf,
  outcomeTabs,
  runsTab,
  type ReportTab,
  type RunKind,
  type RunOutcomes,
  type RunRecord,
} from '../core/reports/run-report.ts';
import type { ScheduledJob } from '../http/scheduled-job.ts';
import { log, withLogBindings } from '../logger.ts';
import { replaceTabs, reportSpreadsheet, type ReportSpreadsheet } from '../sheets/report-spreadsheet.ts';
import { isAlreadyRunning } from '../store/run-lease.ts';
import {
  markRunReportsPublished,
  markRunReportsUnpublished,
  readFailedRunReports,
  readManagerNames,
  readOverdueAlerts,
  readPendingRunReports,
  readRecentRunReports,
  saveRunReport,
} from '../store/run-report-store.ts';

/**
 * A scheduled job, observed and reported: its progress is logged with the run's id and trace, and
 * once its result is stored, the outcome goes to the department's reports spreadsheet (the run's
 * tabs, `Runs`, `Alerts`). Reporting is a step after the job: it never fails the job nor runs it
 * again. A publish that fails after its retries stays pending in `runReports` and goes out with the
 * next run (the daily overdue check at the latest). A failed job is recorded and raised in `Alerts`
 * and the log (`alert: "run-failed"`), then still answers non-2xx so that Cloud Scheduler retries.
 */
export type ReportingOptions = {
  /** Where to publish; unset (no REPORTS_SPREADSHEET_ID) means runs are only logged. */
  spreadsheet?: () => ReportSpreadsheet | undefined;
  /** Attempts of one publish, and the first pause between them (then ×4). */
  attempts?: number;
  backoffMs?: number;
  now?: () => Date;
  /** How often a running job logs that it is still running. */
  heartbeatMs?: number;
};

export function spreadsheetFromEnv(env: NodeJS.ProcessEnv = process.env): ReportSpreadsheet | undefined {
  const id = env.REPORTS_SPREADSHEET_ID?.trim();
  return id ? reportSpreadsheet(id) : undefined;
}

export function runKey(kind: RunKind, slot: string): string {
  return `${kind}_${slot}`;
}

export function reportedRun<K extends RunKind, T extends RunOutcomes[K]>(
  kind: K,
  job: ScheduledJob<T>,
  options: ReportingOptions = {},
): ScheduledJob<T> {
  let target: ReportSpreadsheet | undefined | null = null;
  const now = options.now ?? (() => new Date());
  return (input) =>
    withLogBindings({ job: kind, runId: runKey(kind, input.scheduleTime) }, async () => {
      target ??= (options.spreadsheet ?? spreadsheetFromEnv)() ?? undefined;
      const started = Date.now();
      log().info({ slot: input.scheduleTime, caller: input.caller }, `${kind} started for ${input.scheduleTime}`);
      let outcome: T;
      // A long run says it is alive, so a silent log means a stuck or killed instance.
      const heartbeat = setInterval(
        () => log().info({ millis: Date.now() - started }, `${kind} still running`),
        options.heartbeatMs ?? 60_000,
      );
      try {
        outcome = await job(input);
      } catch (e) {
        if (isAlreadyRunning(e)) {
          // A doubled delivery: the run goes on in another process, which reports it. Nothing failed.
          log().info(
            { millis: Date.now() - started },
            `${kind} for ${input.scheduleTime} is already running elsewhere; this delivery did nothing`,
          );
          throw e;
        }
        const error = String((e as Error)?.message ?? e)
          .split('\n')[0]!
          .slice(0, 500);
        log().error({ err: e, alert: 'run-failed', millis: Date.now() - started }, `${kind} for ${input.scheduleTime} failed: ${error}`);
        await report(
          input.db,
          target,
          {
            key: runKey(kind, input.scheduleTime),
            kind,
            slot: input.scheduleTime,
            status: 'failed',
            finishedAt: now().toISOString(),
            headline: 'failed',
            error,
            tabs: [],
          },
          [],
          options,
        );
        throw e;
      } finally {
        clearInterval(heartbeat);
      }
      const headline = headlineOf(kind, outcome);
      log().info({ millis: Date.now() - started }, `${kind} done: ${headline}`);
      if (kind === 'overdue-reports' && (outcome as RunOutcomes['overdue-reports']).flagged > 0) {
        log().warn(
          { alert: 'overdue-reports', taskIds: (outcome as RunOutcomes['overdue-reports']).taskIds },
          `handover reports overdue: ${headline}`,
        );
      }
      if (target) {
        const tabs = await buildTabs(input.db, kind, outcome);
        if (tabs !== undefined) {
          const run: RunRecord = {
            key: runKey(kind, input.scheduleTime),
            kind,
            slot: input.scheduleTime,
            status: 'ok',
            finishedAt: now().toISOString(),
            headline,
            tabs: tabs.map((t) => t.title),
          };
          await report(input.db, target, run, tabs, options);
        }
      }
      return outcome;
    });
}

async function buildTabs<K extends RunKind>(db: Firestore, kind: K, outcome: RunOutcomes[K]): Promise<ReportTab[] | undefined> {
  try {
    return outcomeTabs(kind, outcome, await readManagerNames(db));
  } catch (e) {
    log().error({ err: e, alert: 'publish-failed' }, `the ${kind} report could not be built; the run itself is done`);
    return undefined;
  }
}

/** Stores the run's outcome as pending, then publishes everything pending. Never throws. */
async function report(
  db: Firestore,
  target: ReportSpreadsheet | undefined,
  run: RunRecord,
  tabs: ReportTab[],
  options: ReportingOptions,
): Promise<void> {
  if (!target) return;
  try {
    await saveRunReport(db, run, tabs);
  } catch (e) {
    log().error({ err: e, alert: 'publish-failed' }, `the outcome of ${run.key} could not be recorded for the reports spreadsheet`);
    return;
  }
  await publishPending(db, target, options);
}

/**
 * Publishes every pending run with fresh `Runs` and `Alerts` tabs, retrying with backoff. Each
 * attempt starts from the spreadsheet as it is, so a half-done attempt is cleaned up by the next.
 */
export async function publishPending(
  db: Firestore,
  target: ReportSpreadsheet,
  options: ReportingOptions = {},
): Promise<'published' | 'nothing' | 'failed'> {
  const attempts = options.attempts ?? 4;
  const backoffMs = options.backoffMs ?? 2000;
  const now = options.now ?? (() => new Date());
  let keys: string[] = [];
  try {
    const pending = await readPendingRunReports(db);
    if (pending.length === 0) return 'nothing';
    keys = pending.map((p) => p.run.key);
    const [recent, failed, overdue, names] = await Promise.all([
      readRecentRunReports(db),
      readFailedRunReports(db),
      readOverdueAlerts(db),
      readManagerNames(db),
    ]);
    // A later run of the same period rewrites the same tabs: the latest content wins.
    const byTitle = new Map<string, ReportTab>();
    for (const p of pending) for (const t of p.tabs) byTitle.set(t.title, t);
    const tabs = [...byTitle.values(), runsTab(recent), alertsTab(failed, overdue, names)];
    for (let attempt = 1; ; attempt++) {
      try {
        await replaceTabs(target, tabs);
        break;
      } catch (e) {
        if (attempt >= attempts) throw e;
        const pause = backoffMs * 4 ** (attempt - 1);
        log().warn(
          { err: e, attempt },
          `publishing to the reports spreadsheet failed (attempt ${attempt} of ${attempts}); again in ${pause} ms`,
        );
        await new Promise((r) => setTimeout(r, pause));
      }
    }
    await markRunReportsPublished(db, keys, now().toISOString());
    log().info({ runs: keys, tabs: tabs.map((t) => t.title) }, `published ${keys.length} run(s) to the reports spreadsheet`);
    return 'published';
  } catch (e) {
    const message = String((e as Error)?.message ?? e).split('\n')[0]!;
    log().error(
      { err: e, alert: 'publish-failed', runs: keys },
      `the reports spreadsheet was not updated (${message}); it stays pending for the next run`,
    );
    await markRunReportsUnpublished(db, keys, message).catch(() => undefined);
    return 'failed';
  }
}
