import { companyDay, companyInstant } from '../core/calendar.ts';
import type { ScheduledJob } from '../http/scheduled-job.ts';
import { flagOverdueReports } from '../store/handover-store.ts';
import { readRules } from '../store/rules-store.ts';

/** Cloud Scheduler, daily: flags handover reports past their due day (in the company's zone) to the admin. */
export const overdueReportsScheduledJob: ScheduledJob<{ at: string; flagged: number; taskIds: string[]; alreadyFlagged: number }> = async ({
  db,
  scheduleTime,
}) => {
  const { rules } = await readRules(db);
  return flagOverdueReports(db, { day: companyDay(scheduleTime, rules.timeZone), at: companyInstant(scheduleTime, rules.timeZone) });
};
