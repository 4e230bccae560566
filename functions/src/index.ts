// Cloud Run functions entry points: registrations only; the work lives in the modules they name.
import { http } from '@google-cloud/functions-framework';
import { apiHandler } from './api/app.ts';

http('api', apiHandler);

export { http };
