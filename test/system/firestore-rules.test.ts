import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { assertFails, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, updateDoc, type Firestore } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { collections } from '../../functions/src/store/collections.ts';

let env: RulesTestEnvironment;

/** Every collection path the system uses, top-level and nested, with an existing document in each. */
const paths = [
  ...Object.entries(collections)
    .filter(([key]) => key !== 'history')
    .map(([, name]) => `${name}/doc-1`),
  `${collections.clients}/doc-1/${collections.history}/entry-1`,
  `${collections.config}/rules/versions/1`,
];

beforeAll(async () => {
  const [host, port] = inject('firestoreHost').split(':');
  env = await initializeTestEnvironment({
    projectId: `rules-${randomUUID().slice(0, 8)}`,
    firestore: { host: host!, port: Number(port), rules: readFileSync('firestore.rules', 'utf8') },
  });
  await env.withSecurityRulesDisabled(async (ctx) => {
    for (const p of paths) await setDoc(doc(modular(ctx.firestore()), p), { managerId: 'anna', seeded: true });
  });
});

afterAll(async () => {
  await env?.cleanup();
});

/** The test contexts hand out the compat type; the same instance serves the modular functions. */
function modular(db: unknown): Firestore {
  return db as Firestore;
}

async function expectAllDenied(db: Firestore): Promise<void> {
  for (const p of paths) {
    const ref = doc(db, p);
    await assertFails(getDoc(ref));
    await assertFails(getDocs(collection(db, p.split('/').slice(0, -1).join('/'))));
    await assertFails(setDoc(doc(db, `${p}-new`), { managerId: 'anna' }));
    await assertFails(updateDoc(ref, { managerId: 'mallory' }));
    await assertFails(deleteDoc(ref));
  }
}

describe('firestore rules', () => {
  it('covers every collection the system names', () => {
    expect(paths.length).toBe(Object.keys(collections).length + 1);
  });

  it('deny every read and write without sign-in', async () => {
    await expectAllDenied(modular(env.unauthenticatedContext().firestore()));
  });

  it('deny every read and write to a signed-in manager, even on their own clients', async () => {
    await expectAllDenied(modular(env.authenticatedContext('anna', { email: 'anna@example.com', email_verified: true }).firestore()));
  });

  it('deny every read and write to a signed-in admin: the API is the only way in', async () => {
    await expectAllDenied(
      modular(
        env.authenticatedContext('head', { email: 'head@example.com', email_verified: true, admin: true, role: 'admin' }).firestore(),
      ),
    );
  });
});
