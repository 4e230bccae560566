import { companyDay, companyInstant } from '../core/calendar.ts';
import type { ScheduledJob } from '../http/scheduled-job.ts';
import { flagOverdueDisputes } from '../store/dispute-store.ts';
import { flagOverdueReports } from '../store/handover-store.ts';
import { readRules } from '../store/rules-store.ts';

type OverdueRun = { at: string; flagged: number; taskIds: string[]; alreadyFlagged: number; overdueDisputes: string[] };

/**
 * Cloud Scheduler, daily: flags handover reports past their due day (in the company's zone) to the
 * admin, and disputes open longer than `bonus.disputeDays` the same way.
 */
export const overdueReportsScheduledJob: ScheduledJob<OverdueRun> = async ({ db, scheduleTime }) => {
  const { rules } = await readRules(db);
  const day = companyDay(scheduleTime, rules.timeZone);
  const at = companyInstant(scheduleTime, rules.timeZone);
  const reports = await flagOverdueReports(db, { day, at });
  return { ...reports, overdueDisputes: await flagOverdueDisputes(db, { day, at, days: rules.bonus.disputeDays }) };
};
