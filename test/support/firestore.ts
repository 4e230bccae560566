import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { Firestore } from 'firebase-admin/firestore';
import { openFirestore } from '../../functions/src/store/db.ts';

/**
 * A Firestore on the shared real emulator under a project id of its own, so test files running
 * side by side never see each other's documents.
 */
export function testFirestore(label: string): { db: Firestore; projectId: string; host: string } {
  const host = inject('firestoreHost');
  process.env.FIRESTORE_EMULATOR_HOST = host;
  const projectId = `test-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 20)}-${randomUUID().slice(0, 8)}`;
  return { db: openFirestore(projectId), projectId, host };
}

/** Every document path in the project, for "nothing was written" assertions (`except`: top-level collections not to walk). */
export async function allDocumentPaths(db: Firestore, options: { except?: string[] } = {}): Promise<string[]> {
  const out: string[] = [];
  const walk = async (refs: FirebaseFirestore.CollectionReference[]): Promise<void> => {
    for (const col of refs) {
      const docs = await col.listDocuments();
      for (const d of docs) {
        const snap = await d.get();
        if (snap.exists) out.push(d.path);
        await walk(await d.listCollections());
      }
    }
  };
  await walk((await db.listCollections()).filter((c) => !(options.except ?? []).includes(c.id)));
  return out.sort();
}
