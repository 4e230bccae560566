// Cloud Run functions entry points: registrations only; the work lives in the modules they name.
import { http } from '@google-cloud/functions-framework';
import { apiHandler } from './api/app.ts';
import { scheduledHandler } from './http/scheduled-job.ts';
import { bonusScheduledJob } from './jobs/bonus-job.ts';

http('api', apiHandler);
http('bonuses', scheduledHandler(bonusScheduledJob));

export { http };
