// Loaded first in a served function's process (`node --import <this> …`, see api-process.ts's
// `meterReads`): counts the Firestore reads the process makes, as Firestore bills them, and answers
// `GET /` on 127.0.0.1:READ_METER_PORT with them as JSON, so a bench can ask what one action read.
// Reads are counted as their data arrives, so by the time the API has answered, its reads are in.
import { createServer } from 'node:http';
import { Firestore } from 'firebase-admin/firestore';
import type { FirestoreFunnels as Funnels } from './counting-firestore.ts';

type Reads = { reads: number; queries: number; gets: number; aggregations: number };

const port = Number(process.env.READ_METER_PORT);
if (!port) throw new Error('READ_METER_PORT must name the port the read meter answers on');
const reads: Reads = { reads: 0, queries: 0, gets: 0, aggregations: 0 };

const proto = Firestore.prototype as unknown as Funnels;
const request = proto.request;
const requestStream = proto.requestStream;
proto.request = async function (method, body, ...rest) {
  const result = (await request.call(this, method, body, ...rest)) as Record<string, unknown> | undefined;
  if (method === 'listDocuments') reads.reads += Math.max(1, (result?.documents as unknown[] | undefined)?.length ?? 0);
  return result;
};
proto.requestStream = async function (method, bidirectional, body, ...rest) {
  const stream = await requestStream.call(this, method, bidirectional, body, ...rest);
  if (method === 'batchGetDocuments') {
    // Found or missing, each document asked for is a read.
    reads.gets++;
    reads.reads += (body.documents as unknown[] | undefined)?.length ?? 0;
  }
  if (method === 'runQuery') {
    // A query is billed at least one read: the first is counted now, each document after it as it comes.
    reads.queries++;
    reads.reads++;
    let documents = 0;
    tap(stream, (data) => {
      if ((data as { document?: unknown } | undefined)?.document && ++documents > 1) reads.reads++;
    });
  }
  if (method === 'runAggregationQuery') {
    // One read per up to 1,000 index entries: a count says how many it went through; a sum alone does not (then 1).
    reads.aggregations++;
    reads.reads++;
    const aggregations = (body.structuredAggregationQuery as { aggregations?: Array<{ alias?: string; count?: unknown }> } | undefined)
      ?.aggregations;
    const counts = (aggregations ?? []).filter((a) => a.count !== undefined).map((a) => a.alias ?? '');
    tap(stream, (data) => {
      const fields = (data as { result?: { aggregateFields?: Record<string, { integerValue?: string | number }> } } | undefined)?.result
        ?.aggregateFields;
      const entries = Math.max(0, ...counts.map((alias) => Number(fields?.[alias]?.integerValue ?? 0)));
      reads.reads += Math.max(0, Math.ceil(entries / 1000) - 1);
    });
  }
  return stream;
};

function tap(stream: NodeJS.ReadableStream, onData: (data: unknown) => void): void {
  const emit = stream.emit;
  stream.emit = function (this: NodeJS.ReadableStream, event: string | symbol, ...args: unknown[]) {
    if (event === 'data') onData(args[0]);
    return emit.call(this, event, ...args);
  } as typeof stream.emit;
}

const server = createServer((_req, res) => {
  // No keep-alive: the bench's thread blocks through an action, longer than the server keeps an idle socket.
  res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify(reads));
});
server.listen(port, '127.0.0.1');
// The meter must not keep the process alive on its own.
server.unref();
