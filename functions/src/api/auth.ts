import type { Firestore } from 'firebase-admin/firestore';
import { AppError, isAppError } from '../errors.ts';
import { createIdentityVerifier, type VerifiedIdentity } from '../http/oidc.ts';
import type { Manager } from '../schema/manager.ts';
import { countUnauthenticatedRefusal, writeAudit } from '../store/audit-store.ts';
import { findManagerByEmail } from '../store/manager-store.ts';

/** The authenticated person behind a request, as the roster knows them right now. */
export type Caller = { manager: Manager; email: string };

export type Verifier = (authorization: string | undefined) => Promise<VerifiedIdentity>;

/** API_AUDIENCE is required: without it a token minted for any other Google client would pass. */
export function verifierFromEnv(env: NodeJS.ProcessEnv = process.env): Verifier {
  const audience = (env.API_AUDIENCE ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (audience.length === 0) throw new Error('set API_AUDIENCE to the identity token audience the add-on uses (its OAuth client id)');
  return createIdentityVerifier({ audience, ...(env.ID_TOKEN_CERTS_URL ? { certsUrl: env.ID_TOKEN_CERTS_URL } : {}) });
}

/**
 * Verifies the token, then looks the e-mail up in the roster on every request, so that deactivating
 * a manager ends their access at once (no sessions, no cached roles). Every refusal is audited.
 */
export async function authenticate(
  db: Firestore,
  verify: Verifier,
  authorization: string | undefined,
  request: { method: string; path: string; at: string; source: string | undefined },
): Promise<Caller> {
  let identity: VerifiedIdentity;
  try {
    identity = await verify(authorization);
  } catch (e) {
    const reason = isAppError(e) ? e.message : 'the identity token was refused';
    // Counted per source and minute; a refusal that cannot be counted still answers 401.
    await countUnauthenticatedRefusal(db, {
      at: request.at,
      source: request.source,
      request: `${request.method} ${request.path}`,
      reason,
    }).catch(() => undefined);
    throw isAppError(e) ? e : new AppError('unauthenticated', reason, { cause: e });
  }
  const manager = await findManagerByEmail(db, identity.email);
  if (!manager) {
    await refuse(db, identity.email, request, 'not on the roster');
    throw new AppError('forbidden', `${identity.email} is not on the staff roster; ask the head of sales to add you`, {
      details: { reason: 'not-on-roster' },
    });
  }
  if (!manager.active) {
    await refuse(db, manager.id, request, 'inactive');
    throw new AppError('forbidden', 'your access has ended: you are no longer an active member of staff', {
      details: { reason: 'inactive' },
    });
  }
  return { manager, email: identity.email };
}

export function requireAdmin(caller: Caller): void {
  if (caller.manager.role !== 'admin')
    throw new AppError('forbidden', 'only the head of sales (admin) may do this', { details: { reason: 'admin-only' } });
}

async function refuse(db: Firestore, actor: string, request: { method: string; path: string; at: string }, reason: string): Promise<void> {
  await writeAudit(db, { at: request.at, actor, action: `${request.method} ${request.path}`, outcome: 'refused', details: { reason } });
}
