import type { Firestore } from 'firebase-admin/firestore';

/** Documents read and written through one Firestore client, counted as Firestore bills them. */
export type OperationCount = { reads: number; writes: number };

/** The two functions every RPC of the Firestore client library passes through. */
export type FirestoreFunnels = {
  request: (method: string, request: Record<string, unknown>, ...rest: unknown[]) => Promise<unknown>;
  requestStream: (
    method: string,
    bidirectional: boolean,
    request: Record<string, unknown>,
    ...rest: unknown[]
  ) => Promise<NodeJS.ReadableStream>;
};

/**
 * Counts what a Firestore client sends and receives, from outside the code under test: every RPC
 * of the client library passes through its two funnels, `request` and `requestStream`, and this
 * wraps them on one instance. Reads: each document a query returns (at least one per query), each
 * document a get asks for (found or missing), one per aggregation. Writes: each write of a commit or
 * batch write that succeeded. `stop()` puts the funnels back.
 */
export function countOperations(db: Firestore): { count: OperationCount; reset: () => void; stop: () => void } {
  const count: OperationCount = { reads: 0, writes: 0 };
  const funnel = db as unknown as FirestoreFunnels;
  const request = funnel.request;
  const requestStream = funnel.requestStream;
  funnel.request = async function (method, body, ...rest) {
    const result = (await request.call(this, method, body, ...rest)) as Record<string, unknown> | undefined;
    if (method === 'commit') count.writes += (body.writes as unknown[] | undefined)?.length ?? 0;
    if (method === 'batchWrite')
      count.writes += ((result?.status as Array<{ code?: number }> | undefined) ?? []).filter((s) => (s.code ?? 0) === 0).length;
    if (method === 'listDocuments') count.reads += Math.max(1, (result?.documents as unknown[] | undefined)?.length ?? 0);
    return result;
  };
  funnel.requestStream = async function (method, bidirectional, body, ...rest) {
    const stream = await requestStream.call(this, method, bidirectional, body, ...rest);
    if (method === 'batchGetDocuments') count.reads += (body.documents as unknown[] | undefined)?.length ?? 0;
    if (method === 'runAggregationQuery') count.reads += 1;
    if (method === 'runQuery') {
      let documents = 0;
      const emit = stream.emit;
      stream.emit = function (this: NodeJS.ReadableStream, event: string | symbol, ...args: unknown[]) {
        if (event === 'data' && (args[0] as { document?: unknown } | undefined)?.document) documents++;
        if (event === 'end') count.reads += Math.max(1, documents);
        return emit.call(this, event, ...args);
      } as typeof stream.emit;
    }
    return stream;
  };
  return {
    count,
    reset: () => Object.assign(count, { reads: 0, writes: 0 }),
    stop: () => {
      delete (funnel as Partial<FirestoreFunnels>).request;
      delete (funnel as Partial<FirestoreFunnels>).requestStream;
    },
  };
}
