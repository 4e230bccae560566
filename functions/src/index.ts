// Cloud Run functions entry points: registrations only; the work lives in the modules they name.
import { http } from '@google-cloud/functions-framework';
import { apiHandler } from './api/app.ts';
import { scheduledHandler } from './http/scheduled-job.ts';
import { bonusScheduledJob } from './jobs/bonus-job.ts';
import { signupHandler } from './consent-http/signup.ts';
import { unsubscribeHandler } from './consent-http/unsubscribe.ts';

http('api', apiHandler);
http('bonuses', scheduledHandler(bonusScheduledJob));
http('signup', signupHandler());
http('unsubscribe', unsubscribeHandler());

export { http };
