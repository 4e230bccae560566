import type { ScheduledJob } from '../http/scheduled-job.ts';
import { flagOverdueReports } from '../store/handover-store.ts';
import { readRules } from '../store/rules-store.ts';
import { companyDay } from '../core/calendar.ts';

/** Cloud Scheduler, daily: flags handover reports past their due day to the admin. */
export const overdueReportsScheduledJob: ScheduledJob<{ at: string; flagged: number; taskIds: string[] }> = async ({ db, scheduleTime }) => {
  const { rules } = await readRules(db);
  return flagOverdueReports(db, { at: companyDay(scheduleTime, rules.timeZone) });
};
