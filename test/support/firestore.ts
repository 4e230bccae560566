import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { Firestore } from 'firebase-admin/firestore';
import type { ClientDoc } from '../../functions/src/schema/client.ts';
import { collections } from '../../functions/src/store/collections.ts';
import { openFirestore } from '../../functions/src/store/db.ts';

/**
 * A Firestore on the shared real emulator under a project id of its own, so test files running
 * side by side never see each other's documents.
 */
export function testFirestore(label: string): { db: Firestore; projectId: string; host: string } {
  const host = inject('firestoreHost');
  process.env.FIRESTORE_EMULATOR_HOST = host;
  const projectId = `test-${label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 20)}-${randomUUID().slice(0, 8)}`;
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

/**
 * Every document in the project with its fields and last update time (one query over all
 * collections on the emulator's REST API), for "nothing was written" assertions that see even a
 * rewrite of the same values.
 */
export async function allDocuments(db: Firestore): Promise<Record<string, { updateTime: string; fields: unknown }>> {
  const res = await fetch(
    `http://${process.env.FIRESTORE_EMULATOR_HOST}/v1/projects/${(db as unknown as { projectId: string }).projectId}` +
      `/databases/(default)/documents:runQuery`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer owner' },
      body: JSON.stringify({ structuredQuery: { from: [{ allDescendants: true }] } }),
    },
  );
  if (!res.ok) throw new Error(`listing every document failed: ${res.status} ${await res.text()}`);
  const out: Record<string, { updateTime: string; fields: unknown }> = {};
  for (const r of (await res.json()) as Array<{ document?: { name: string; updateTime: string; fields?: unknown } }>) {
    if (r.document) out[r.document.name.split('/documents/')[1]!] = { updateTime: r.document.updateTime, fields: r.document.fields ?? {} };
  }
  return out;
}

/** A client's document as stored (derived fields included), or undefined: what a test reads back after a write. */
export async function getClientDoc(db: Firestore, clientId: string): Promise<ClientDoc | undefined> {
  const snap = await db.collection(collections.clients).doc(clientId).get();
  return snap.exists ? (snap.data() as ClientDoc) : undefined;
}
