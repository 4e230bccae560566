import { getApps, initializeApp, type App } from 'firebase-admin/app';
import { getFirestore, type BulkWriter, type Firestore } from 'firebase-admin/firestore';

/**
 * Opens Firestore for a project. The Admin SDK talks to the emulator when FIRESTORE_EMULATOR_HOST
 * is set and to the real database (application default credentials) otherwise. Tests give each
 * file its own project id: the emulator keeps projects apart, so files can run side by side.
 */
export function openFirestore(projectId = defaultProjectId()): Firestore {
  // On the emulator there is no metadata server; without this google-auth-library probes for one
  // and prints a warning.
  if (process.env.FIRESTORE_EMULATOR_HOST) process.env.METADATA_SERVER_DETECTION ??= 'none';
  const name = `clientbase-${projectId}`;
  const app: App = getApps().find((a) => a.name === name) ?? initializeApp({ projectId }, name);
  const db = getFirestore(app);
  if (!configured.has(db)) {
    // gRPC waits up to 120 s between reconnection attempts by default, so a client could go on
    // failing for two minutes after the database is back; 5 s bounds that.
    db.settings({ ignoreUndefinedProperties: true, 'grpc.max_reconnect_backoff_ms': 5000 });
    configured.add(db);
  }
  return db;
}

const configured = new WeakSet<Firestore>();

export function defaultProjectId(): string {
  return process.env.GCLOUD_PROJECT ?? process.env.GOOGLE_CLOUD_PROJECT ?? 'clientbase-demo';
}

/**
 * A BulkWriter paced by Firestore's 500/50/5 ramp-up against a real database (its default), and
 * unpaced on the emulator, which has no such limit.
 */
export function pacedBulkWriter(db: Firestore): BulkWriter {
  return db.bulkWriter(process.env.FIRESTORE_EMULATOR_HOST ? { throttling: false } : {});
}

/** `items` in runs of at most `size` (Firestore bounds `in` filters and getAll batches). */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
