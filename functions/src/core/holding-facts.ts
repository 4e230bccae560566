import type { ClientDoc, ClientHoldingFacts } from '../schema/client.ts';
import type { RulesConfig } from '../schema/rules-config.ts';
import { companyDay, daysBetween } from './calendar.ts';
import { rotationDueOn } from './rotation/staleness.ts';

export type HeldClient = Pick<ClientDoc, 'managerId' | 'assignedAt' | 'dealsSinceAssignment' | 'lastDealAt' | 'rotatable'>;

/**
 * What a manager's sheet shows beside a client they hold, computed on read so it always follows
 * the rules in force: days held (company days), the day rotation would take the client, and the
 * due day of their open handover report on it.
 */
export function holdingFacts(
  client: HeldClient,
  input: { rules: Pick<RulesConfig, 'timeZone' | 'rotation'>; today: string; reportDueOn: string | null },
): ClientHoldingFacts {
  const held = client.managerId !== null && client.assignedAt !== undefined;
  return {
    daysHeld: held ? Math.max(0, daysBetween(companyDay(client.assignedAt!, input.rules.timeZone), input.today)) : null,
    rotationDueOn: held ? rotationDueOn(client, input.rules.rotation) : null,
    reportDueOn: input.reportDueOn,
  };
}
