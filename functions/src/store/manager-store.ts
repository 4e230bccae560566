import type { Firestore } from 'firebase-admin/firestore';
import { checkAdminRemains } from '../core/staff-changes.ts';
import { AppError } from '../errors.ts';
import { managerSchema, type Absence, type Manager, type Role } from '../schema/manager.ts';
import { announceAudit, prepareAudit, writeAuditInTransaction, type AuditWriter } from './audit-store.ts';
import type { Actor } from './client-store.ts';
import { collections } from './collections.ts';
import { freeOffboardingRunId, offboardingRunId } from './rotation-run-store.ts';

const managerKeys = Object.keys(managerSchema.shape) as (keyof Manager)[];

/** A roster entry with the version it is at (bumped on every change), for edits that must not overwrite a newer one. */
export type VersionedManager = Manager & { version: number };

/**
 * The one reading of a `managers/{id}` document: the entry's own fields in the schema's order, and
 * what the store keeps beside them (the version, 0 for one never changed through the API, and the
 * run that offboards a deactivated manager).
 */
function fromDoc(data: FirebaseFirestore.DocumentData): { manager: Manager; version: number; offboardingRunId?: string } {
  const manager: Record<string, unknown> = {};
  for (const k of managerKeys) if (data[k] !== undefined) manager[k] = data[k];
  const runId = data.offboardingRunId as string | undefined;
  return {
    manager: manager as Manager,
    version: (data.version as number | undefined) ?? 0,
    ...(runId !== undefined ? { offboardingRunId: runId } : {}),
  };
}

/** A manager as stored, without the store's own fields. */
export function managerFromDoc(data: FirebaseFirestore.DocumentData): Manager {
  return fromDoc(data).manager;
}

export async function readRoster(db: Firestore): Promise<Manager[]> {
  const snap = await db.collection(collections.managers).get();
  return snap.docs.map((d) => managerFromDoc(d.data()));
}

/** The roster with each entry's version. */
export async function readVersionedRoster(db: Firestore): Promise<VersionedManager[]> {
  const snap = await db.collection(collections.managers).get();
  return snap.docs.map((d) => {
    const { manager, version } = fromDoc(d.data());
    return { ...manager, version };
  });
}

/** The leaves of these managers (those without any are left out): one read per manager. */
export async function readAbsencesOf(db: Firestore, ids: ReadonlyArray<string>): Promise<Map<string, Absence[]>> {
  const out = new Map<string, Absence[]>();
  if (ids.length === 0) return out;
  const snaps = await db.getAll(...ids.map((id) => db.collection(collections.managers).doc(id)));
  for (const s of snaps) {
    const absences = s.exists ? managerFromDoc(s.data()!).absences : undefined;
    if (absences !== undefined && absences.length > 0) out.set(s.id, absences);
  }
  return out;
}

export async function readManager(db: Firestore, id: string): Promise<Manager | undefined> {
  const snap = await db.collection(collections.managers).doc(id).get();
  return snap.exists ? managerFromDoc(snap.data()!) : undefined;
}

export async function findManagerByEmail(db: Firestore, email: string): Promise<Manager | undefined> {
  const snap = await db.collection(collections.managers).where('email', '==', email.trim().toLowerCase()).limit(1).get();
  return snap.empty ? undefined : managerFromDoc(snap.docs[0]!.data());
}

/** Adds a manager; ids and e-mails are unique (the e-mail is how a token maps to a person). */
export async function addManager(
  db: Firestore,
  input: { id: string; name: string; email: string; level: number; role: Role; absences?: Absence[] | undefined },
  actor: Actor,
): Promise<VersionedManager> {
  const col = db.collection(collections.managers);
  return db.runTransaction(async (tx) => {
    const [byId, byEmail] = await Promise.all([tx.get(col.doc(input.id)), tx.get(col.where('email', '==', input.email).limit(1))]);
    if (byId.exists)
      throw new AppError('duplicate', `a manager with id ${input.id} already exists`, {
        issues: [{ path: 'id', message: 'already exists' }],
      });
    if (!byEmail.empty)
      throw new AppError('duplicate', `${input.email} is already on the roster`, {
        issues: [{ path: 'email', message: `already used by manager ${byEmail.docs[0]!.id}` }],
      });
    const { absences, ...entry } = input;
    const manager: Manager = { ...entry, active: true, ...(absences && absences.length > 0 ? { absences } : {}) };
    tx.create(col.doc(input.id), { ...manager, version: 1, updatedAt: actor.at });
    return { ...manager, version: 1 };
  });
}

/**
 * The active admins other than `id`, read in the transaction: two admins taking each other's role
 * at once then collide, and the second sees the first's change.
 */
async function otherActiveAdmins(tx: FirebaseFirestore.Transaction, db: Firestore, id: string): Promise<number> {
  const admins = await tx.get(db.collection(collections.managers).where('role', '==', 'admin'));
  return admins.docs.filter((d) => d.id !== id && d.get('active') === true).length;
}

const isActiveAdmin = (manager: Manager) => manager.role === 'admin' && manager.active;

/**
 * Changes a manager's name, level or role, or re-activates them. Deactivation is offboarding's job.
 * With `expectedVersion`, a manager changed meanwhile is a conflict that carries the current entry.
 */
export async function changeManager(
  db: Firestore,
  id: string,
  changes: { name?: string; level?: number; role?: Role; active?: true; absences?: Absence[] },
  actor: Actor,
  expectedVersion?: number,
): Promise<VersionedManager> {
  const ref = db.collection(collections.managers).doc(id);
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) throw new AppError('not-found', `manager ${id} not found`);
    const { manager, version, offboardingRunId: runId } = fromDoc(snap.data()!);
    const { deactivatedAt, ...current } = manager;
    if (expectedVersion !== undefined && expectedVersion !== version) {
      throw new AppError('conflict', `manager ${id} was changed meanwhile (now version ${version})`, {
        details: { current: { ...manager, version } },
      });
    }
    const next: Manager = { ...current, ...changes };
    if (changes.active !== true && deactivatedAt !== undefined) next.deactivatedAt = deactivatedAt;
    if (next.absences?.length === 0) delete next.absences;
    if (isActiveAdmin(manager) && !isActiveAdmin(next)) checkAdminRemains(await otherActiveAdmins(tx, db, id), 'role');
    // A reactivated manager who leaves again is offboarded afresh: the old run stays with the old deactivation.
    const kept = changes.active !== true && runId !== undefined ? { offboardingRunId: runId } : {};
    tx.set(ref, { ...next, ...kept, version: version + 1, updatedAt: actor.at });
    return { ...next, version: version + 1 };
  });
}

/** The run that offboards a deactivated manager (managers deactivated before runs were keyed so: by their day). */
function offboardingRunOf(id: string, snap: FirebaseFirestore.DocumentSnapshot): string {
  return (snap.get('offboardingRunId') as string | undefined) ?? offboardingRunId(id, snap.get('deactivatedAt') as string);
}

const isDeactivated = (snap: FirebaseFirestore.DocumentSnapshot) => snap.get('active') === false && snap.get('deactivatedAt') !== undefined;

/**
 * Ends a leaver's access (MISSION §2.7): inactive from the company day `day`, with an audit entry
 * in the same transaction. The one way a manager is deactivated: the API does it before answering
 * an offboarding (handing the clients on may take minutes, the access must not), and offboarding
 * does it first in any case. A manager already deactivated is left as is. Answers the id of the
 * run that hands the leaver's clients on: one per deactivation, recorded on the manager, so every
 * later attempt (a crash, a repeated delivery, a re-run days later) resumes that same run.
 */
export async function deactivateManager(db: Firestore, id: string, actor: { day: string; at: string; by: string }): Promise<string> {
  const ref = db.collection(collections.managers).doc(id);
  let audit: AuditWriter | undefined;
  const ended = await db.runTransaction(async (tx) => {
    audit = undefined;
    const snap = await tx.get(ref);
    if (!snap.exists) throw new AppError('not-found', `manager ${id} not found`);
    if (isDeactivated(snap)) return offboardingRunOf(id, snap);
    if (isActiveAdmin(managerFromDoc(snap.data()!))) checkAdminRemains(await otherActiveAdmins(tx, db, id), 'id');
    const runId = await freeOffboardingRunId(db, id, actor.day, (r) => tx.get(r));
    audit = await prepareAudit(tx, db, { actor: actor.by, target: `managers/${id}` });
    tx.update(ref, {
      active: false,
      deactivatedAt: actor.day,
      offboardingRunId: runId,
      version: ((snap.get('version') as number | undefined) ?? 0) + 1,
      updatedAt: actor.at,
    });
    writeAuditInTransaction(tx, db, {
      at: actor.at,
      actor: actor.by,
      action: 'manager.offboard',
      outcome: 'ok',
      target: `managers/${id}`,
      details: { runId },
    });
    return runId;
  });
  announceAudit(audit);
  return ended;
}

/** The run an offboarding of this manager on `day` would be (a dry run): theirs if already deactivated, else the next free id. */
export async function prospectiveOffboardingRunId(db: Firestore, id: string, day: string): Promise<string> {
  const snap = await db.collection(collections.managers).doc(id).get();
  return isDeactivated(snap) ? offboardingRunOf(id, snap) : freeOffboardingRunId(db, id, day);
}
