import type { Firestore } from 'firebase-admin/firestore';
import { AppError } from '../errors.ts';
import { rulesConfigSchema, type RulesConfig } from '../schema/rules-config.ts';
import { collections } from './collections.ts';

export type PublishedRules = { version: number; rules: RulesConfig; publishedAt: string | null; publishedBy: string | null };

/** The rules in force; the defaults of MISSION.md until an admin publishes a version. */
export async function readRules(db: Firestore): Promise<PublishedRules> {
  const snap = await db.collection(collections.config).doc('rules').get();
  return snap.exists ? publishedOf(snap.data()!) : defaults();
}

/** Version 0: the rules of MISSION.md, in force until an admin publishes a version. */
function defaults(): PublishedRules {
  return { version: 0, rules: rulesConfigSchema.parse({}), publishedAt: null, publishedBy: null };
}

/**
 * Publishes a new rules version, validated by the caller (an invalid config never gets here, so
 * the previous version stays in force); every version is kept under `config/rules/versions`.
 */
export async function publishRules(
  db: Firestore,
  rules: RulesConfig,
  actor: { by: string; at: string },
  expectedVersion?: number,
): Promise<PublishedRules> {
  const ref = db.collection(collections.config).doc('rules');
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const current = snap.exists ? (snap.get('version') as number) : 0;
    if (expectedVersion !== undefined && expectedVersion !== current) {
      throw new AppError('conflict', `the rules were changed meanwhile (now version ${current})`, { details: { currentVersion: current } });
    }
    const next: PublishedRules = { version: current + 1, rules, publishedAt: actor.at, publishedBy: actor.by };
    tx.set(ref, next);
    tx.create(ref.collection('versions').doc(String(next.version)), next);
    return next;
  });
}

/** A published version of the rules, as kept under `config/rules/versions/{n}`; version 0 is the defaults. */
export async function readRulesVersion(db: Firestore, version: number): Promise<PublishedRules | undefined> {
  if (version === 0) return defaults();
  const snap = await db.collection(collections.config).doc('rules').collection('versions').doc(String(version)).get();
  return snap.exists ? publishedOf(snap.data()!) : undefined;
}

/** Published versions, newest first, `limit` at a time below `before` (a version number). */
export async function listRulesVersions(
  db: Firestore,
  page: { limit: number; before?: number },
): Promise<{ versions: PublishedRules[]; more: boolean }> {
  let q = db.collection(collections.config).doc('rules').collection('versions').orderBy('version', 'desc');
  if (page.before !== undefined) q = q.where('version', '<', page.before);
  const snap = await q.limit(page.limit + 1).get();
  return { versions: snap.docs.slice(0, page.limit).map((d) => publishedOf(d.data())), more: snap.size > page.limit };
}

/** The one reading of `config/rules` and of each `config/rules/versions/{n}`. */
function publishedOf(data: FirebaseFirestore.DocumentData): PublishedRules {
  const rules = rulesConfigSchema.parse(data.rules);
  return { version: data.version as number, rules, publishedAt: data.publishedAt ?? null, publishedBy: data.publishedBy ?? null };
}
