import type { ClientDoc, ClientHoldingFacts } from '../schema/client.ts';
import type { Absence } from '../schema/manager.ts';
import type { RulesConfig } from '../schema/rules-config.ts';
import { companyDay, daysBetween } from './calendar.ts';
import { rotationDueOn } from './rotation/staleness.ts';

export type HeldClient = Pick<
  ClientDoc,
  'managerId' | 'assignedAt' | 'dealsSinceAssignment' | 'lastDealAt' | 'rotatable' | 'kind' | 'taxNumber' | 'lostAt' | 'dealsAwaiting'
>;

/**
 * What a manager's sheet shows beside a client they hold, computed on read so it always follows
 * the rules in force: days held (company days), the day rotation would take the client, and the
 * due day of their open handover report on it.
 */
export function holdingFacts(
  client: HeldClient,
  input: {
    rules: Pick<RulesConfig, 'timeZone' | 'rotation'>;
    today: string;
    reportDueOn: string | null;
    /** The holder's leaves: they pause the clock the rotation due day is counted by. */
    absences?: ReadonlyArray<Absence> | undefined;
  },
): ClientHoldingFacts {
  const held = client.managerId !== null && client.assignedAt !== undefined;
  return {
    daysHeld: held ? Math.max(0, daysBetween(companyDay(client.assignedAt!, input.rules.timeZone), input.today)) : null,
    rotationDueOn: held ? rotationDueOn(client, input.rules.rotation, input.absences) : null,
    reportDueOn: input.reportDueOn,
    dealsAwaiting: client.dealsAwaiting ?? 0,
    payBlock: payBlockOf(client),
  };
}

/** Why the holder is not paid for this client whatever they sell: lost (out of the book), or a company with no INN. */
export function payBlockOf(client: Pick<ClientDoc, 'kind' | 'taxNumber' | 'lostAt'>): ClientHoldingFacts['payBlock'] {
  if (client.lostAt !== undefined && client.lostAt !== null) return 'lost';
  if (needsTaxNumber(client)) return 'add-tax-number';
  return null;
}

/** A company is paid for as a new client only once it has its INN (every Russian company has one). */
export function needsTaxNumber(client: Pick<ClientDoc, 'kind' | 'taxNumber'>): boolean {
  return client.kind === 'company' && (client.taxNumber ?? '') === '';
}
