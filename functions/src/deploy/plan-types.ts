import type { DeployConfig } from '../schema/deploy-config.ts';

// The shapes the deploy plan is made of: steps, reads, what they observed, and a phase.

/** A gcloud invocation; `stdin` asks the runner for fresh random bytes on standard input (a new secret's value). */
export type GcloudStep = { kind: 'gcloud'; args: string[]; why: string; stdin?: { randomBytes: number } };
/** A call to the Firebase Rules API (gcloud has no command for Firestore security rules). */
export type RulesStep = { kind: 'rules'; method: 'POST' | 'PATCH'; url: string; body: unknown; why: string };
export type Step = GcloudStep | RulesStep;

export type Read = { key: string; kind: 'gcloud'; args: string[] } | { key: string; kind: 'rules'; url: string };
/** What reads answered, by key; `undefined` means the resource does not exist. */
export type Observed = Record<string, unknown>;

export type PlanInput = {
  config: DeployConfig;
  /** Digest of the function source the deploy uploads (a changed source redeploys every function); none in a dry run. */
  sourceDigest: string | undefined;
  rulesSource: string;
  indexes: FirestoreIndexes;
};

export type Phase = {
  name: string;
  reads: (input: PlanInput, observed: Observed) => Read[];
  plan: (input: PlanInput, observed: Observed) => Step[];
};

export type FirestoreIndexes = {
  indexes: Array<{
    collectionGroup: string;
    queryScope: string;
    fields: Array<{ fieldPath: string; order?: string; arrayConfig?: string }>;
  }>;
  fieldOverrides?: Array<{ collectionGroup: string; fieldPath: string; ttl?: boolean; indexes?: unknown[] }>;
};
