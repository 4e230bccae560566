import type { Firestore } from 'firebase-admin/firestore';
import type { Manager } from '../schema/manager.ts';
import { collections } from './collections.ts';

export async function readRoster(db: Firestore): Promise<Manager[]> {
  const snap = await db.collection(collections.managers).get();
  return snap.docs.map((d) => managerFromDoc(d.data()));
}

export async function readManager(db: Firestore, id: string): Promise<Manager | undefined> {
  const snap = await db.collection(collections.managers).doc(id).get();
  return snap.exists ? managerFromDoc(snap.data()!) : undefined;
}

export async function findManagerByEmail(db: Firestore, email: string): Promise<Manager | undefined> {
  const snap = await db.collection(collections.managers).where('email', '==', email.trim().toLowerCase()).limit(1).get();
  return snap.empty ? undefined : managerFromDoc(snap.docs[0]!.data());
}

function managerFromDoc(data: FirebaseFirestore.DocumentData): Manager {
  const { version: _v, updatedAt: _u, offboardingRunId: _r, ...rest } = data;
  return rest as Manager;
}
