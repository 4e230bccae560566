// Cloud Run functions entry points: registrations only; the work lives in the modules they name.
import { http } from '@google-cloud/functions-framework';
import { apiHandler } from './api/app.ts';
import { scheduledHandler } from './http/scheduled-job.ts';
import { bonusScheduledJob } from './jobs/bonus-job.ts';
import { overdueReportsScheduledJob } from './jobs/overdue-reports.ts';
import { rotationScheduledJob } from './jobs/rotation-job.ts';
import { signupHandler } from './consent-http/signup.ts';
import { unsubscribeHandler } from './consent-http/unsubscribe.ts';

http('api', apiHandler);
http('bonuses', scheduledHandler(bonusScheduledJob));
http('rotation', scheduledHandler(rotationScheduledJob));
http('overdueReports', scheduledHandler(overdueReportsScheduledJob));
http('signup', signupHandler());
http('unsubscribe', unsubscribeHandler());

export { http };
