import { apiBaseUrl } from './api/api-client.ts';
import { fetchMe } from './api/staff-api.ts';
import { toast } from './workspace/feedback.ts';
import type { ActionContext } from './workspace/session.ts';

/** "Check connection": who the base thinks you are, or the reason it does not let you in. */
export function checkConnection(session: ActionContext): void {
  const me = fetchMe();
  toast(session, session.m.connection.ok(me.name, session.m.connection.roles[me.role], me.level, apiBaseUrl()));
}
