import { AppError } from '../errors.ts';
import type { Manager } from '../schema/manager.ts';
import { hasContact, missingContactIssue, type ContactFields } from './contact-normalisation.ts';
import { receivesClients, type RosterEntry } from './roster.ts';

/** Who is acting: a member of staff as the roster knows them. */
export type StaffMember = Pick<Manager, 'id' | 'role'>;

/**
 * An admin never offboards themselves: it would end their own access with nobody left to see the
 * hand-on through. Another admin does it. Pure.
 */
export function checkOffboarding(by: string, managerId: string): void {
  if (managerId === by)
    throw new AppError('invalid-input', 'you cannot offboard yourself', { issues: [{ path: 'id', message: 'ask another admin' }] });
}

/** An admin never takes away their own admin role: the department could be left with no admin at all. Pure. */
export function checkManagerChange(by: string, managerId: string, changes: { role?: Manager['role'] }): void {
  if (managerId === by && changes.role === 'manager')
    throw new AppError('invalid-input', 'you cannot take away your own admin role', {
      issues: [{ path: 'role', message: 'ask another admin' }],
    });
}

/** Whose clients a listing shows: a manager only their own (asking for another's is refused), an admin anyone's or all. Pure. */
export function listedHolder(actor: StaffMember, asked: string | undefined): string | undefined {
  if (actor.role === 'admin') return asked;
  if (asked !== undefined && asked !== actor.id) throw new AppError('forbidden', 'managers see only their own clients');
  return actor.id;
}

/**
 * Whose bonus statement a caller reads: an admin anyone's (their own unless they say), a manager
 * only their own; asking for another's reads as no statement at all (undefined), revealing nothing. Pure.
 */
export function statementHolder(actor: StaffMember, asked: string | undefined): string | undefined {
  if (actor.role === 'admin') return asked ?? actor.id;
  return asked === undefined || asked === actor.id ? actor.id : undefined;
}

/**
 * Who made a recorded deal: a manager records only their own deals; an admin on behalf of the
 * client's holder unless told otherwise, and must say who for a client nobody holds. Pure.
 */
export function dealMaker(actor: StaffMember, given: string | undefined, holder: string | null): string {
  if (actor.role !== 'admin') return actor.id;
  const managerId = given ?? holder;
  if (managerId === null)
    throw new AppError('invalid-input', 'the client has no manager: say who made the deal', {
      issues: [{ path: 'managerId', message: 'is required for a client without a manager' }],
    });
  return managerId;
}

/**
 * A deal is credited to someone on the roster (active, or a former manager for history); `entry` is
 * the roster's entry for `managerId`, undefined: nobody. Pure.
 */
export function checkDealManager(managerId: string, entry: RosterEntry | undefined): void {
  if (entry === undefined)
    throw new AppError('invalid-input', `nobody on the roster has the id ${managerId}: a deal is credited to a member of staff`, {
      issues: [{ path: 'managerId', message: 'is not on the roster' }],
    });
}

/** Whose a new client is: a manager's own, attracted by them; an admin's goes to the holder they name, or to the new base. */
export type NewClientHolding = { managerId: string | null; assignedAt?: string; attractedBy?: string };

/**
 * The holding of a client the actor creates at `at`. An admin may name a holder, who must receive
 * clients that day (`receivesClients`); a manager's new client is theirs and counts as attracted by
 * them. `holder` is the named holder as the roster has it (undefined: not on it). Pure.
 */
export function newClientHolding(
  actor: StaffMember,
  named: { managerId: string | null; holder: RosterEntry | undefined },
  day: string,
  at: string,
): NewClientHolding {
  if (actor.role !== 'admin') return { managerId: actor.id, assignedAt: at, attractedBy: actor.id };
  if (named.managerId === null) return { managerId: null };
  if (named.holder === undefined || !receivesClients(named.holder, day))
    throw new AppError('invalid-input', 'clients go only to active sales managers', {
      issues: [
        {
          path: 'managerId',
          message:
            named.holder?.role === 'admin'
              ? 'the head of sales (admin) holds no clients'
              : named.holder?.active === true
                ? `is away on ${day} (see their absences on the Team sheet)`
                : 'no active manager with this id',
        },
      ],
    });
  return { managerId: named.managerId, assignedAt: at };
}

/**
 * A new client, whoever creates it, needs a contact duplicate control sees (a phone, an e-mail or
 * an INN): a client without one could be a company the base already has, "attracted" again. Pure.
 */
export function checkNewClientContacts(client: ContactFields): void {
  if (!hasContact(client)) throw new AppError('invalid-input', 'a new client needs a contact', { issues: [missingContactIssue()] });
}

/**
 * The department always keeps an active admin: without one nobody can edit the roster or the rules,
 * and the API stays locked until someone edits the database. `remaining` are the active admins the
 * change would leave, read in the same transaction as the change. Pure.
 */
export function checkAdminRemains(remaining: number, path: 'role' | 'id'): void {
  if (remaining < 1)
    throw new AppError('conflict', 'this is the last active admin: make someone else admin first', {
      issues: [{ path, message: 'is the last active admin' }],
    });
}
