import type { Firestore } from 'firebase-admin/firestore';

type Funnel = { request: (method: string, body: Record<string, unknown>, ...rest: unknown[]) => Promise<unknown> };
type Write = { update?: { name?: string }; delete?: string; transform?: { document?: string } };

/**
 * The documents one Firestore client writes (commits and BulkWriter batches that the database
 * accepted), by path, as they land: read from the client library's `request` funnel, outside the
 * code under test. `take()` answers the paths written since the last call.
 */
export function logWrites(db: Firestore): { take: () => string[]; stop: () => void } {
  const funnel = db as unknown as Funnel;
  const request = funnel.request;
  let written: string[] = [];
  funnel.request = async function (method, body, ...rest) {
    const result = await request.call(this, method, body, ...rest);
    if (method === 'commit' || method === 'batchWrite') {
      for (const w of (body.writes as Write[] | undefined) ?? []) {
        const name = w.update?.name ?? w.delete ?? w.transform?.document;
        if (name) written.push(name.split('/documents/')[1] ?? name);
      }
    }
    return result;
  };
  return {
    take: () => {
      const out = written;
      written = [];
      return out;
    },
    stop: () => void delete (funnel as Partial<Funnel>).request,
  };
}
