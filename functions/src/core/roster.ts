import type { Absence, Role } from '../schema/manager.ts';
import { isAway } from './rotation/absence.ts';

/** What the rule looks at on a roster entry (a role left out is a sales manager's). */
export type RosterEntry = { active: boolean; role?: Role | undefined; absences?: ReadonlyArray<Absence> | undefined };

/**
 * Who may be handed clients (a rotation, an offboarding, a sign-up, an admin's new client): an
 * active sales manager; the head of sales (admin) holds none. `day` is the company day the clients
 * would arrive, and a manager away that day takes none; without it, whether they receive clients
 * at all (a rules check, not a hand-over).
 */
export function receivesClients(manager: RosterEntry, day?: string): boolean {
  return manager.active && manager.role !== 'admin' && (day === undefined || !isAway(manager.absences, day));
}
