// Cloud Run functions entry points: registrations only; the work lives in the modules they name.
import { http, type HttpFunction } from '@google-cloud/functions-framework';
import { apiHandler } from './api/app.ts';
import type { FunctionName } from './deploy/function-table.ts';
import { bodyLimitFor, installBodyLimit } from './http/body-limit.ts';
import { scheduledHandler } from './http/scheduled-job.ts';
import { withRequestLogging } from './http/request-logging.ts';
import { withHealth } from './http/with-health.ts';
import { bonusScheduledJob } from './operations/bonus-job.ts';
import { overdueReportsScheduledJob } from './operations/overdue-reports.ts';
import { rotationScheduledJob } from './operations/rotation-job.ts';
import { reportedRun } from './operations/run-reporting.ts';
import { signupHandler } from './consent-http/signup.ts';
import { unsubscribeHandler } from './consent-http/unsubscribe.ts';

/** Every function, by the name it is deployed and served under (the deploy plan's table has the same names). */
export const entryPoints = {
  api: apiHandler,
  bonuses: scheduledHandler(reportedRun('bonuses', bonusScheduledJob)),
  rotation: scheduledHandler(reportedRun('rotation', rotationScheduledJob)),
  overdueReports: scheduledHandler(reportedRun('overdue-reports', overdueReportsScheduledJob)),
  signup: signupHandler(),
  unsubscribe: unsubscribeHandler(),
} satisfies Record<FunctionName, HttpFunction>;

// Before the framework builds its app: the body limit holds on inflated bytes, per function (Cloud Run sets FUNCTION_TARGET).
installBodyLimit(bodyLimitFor(process.env.FUNCTION_TARGET));
for (const [name, handler] of Object.entries(entryPoints)) http(name, withRequestLogging(name, withHealth(handler)));

export { http };
