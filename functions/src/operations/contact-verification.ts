import type { Firestore } from 'firebase-admin/firestore';
import type { Channel } from '../schema/consent.ts';
import type { ContactDecision } from '../schema/signup.ts';
import { readClientInScope } from '../store/client-edit-store.ts';
import { contactsToVerifyOf, decideContact } from '../store/contact-verify-store.ts';
import type { Access } from './client-work.ts';
import { openTasks } from './staff-work.ts';

/** My tasks: the handover reports due, and the contacts sign-ups gave for my clients awaiting my decision. */
export async function myTasks(
  db: Firestore,
  managerId: string,
): Promise<{ tasks: Awaited<ReturnType<typeof openTasks>>; contactsToVerify: Awaited<ReturnType<typeof contactsToVerifyOf>> }> {
  const [tasks, contactsToVerify] = await Promise.all([openTasks(db, managerId), contactsToVerifyOf(db, managerId)]);
  return { tasks, contactsToVerify };
}

/** The holder (or the head of sales) accepts or declines a contact a sign-up gave for a client they may touch. */
export async function decideContactToVerify(
  db: Firestore,
  input: { clientId: string; channel: Channel; address: string; decision: ContactDecision },
  access: Access,
  stamp: { by: string; at: string },
): ReturnType<typeof decideContact> {
  await readClientInScope(db, input.clientId, access.scope);
  return decideContact(db, { ...input, ...stamp }, access.guard);
}
