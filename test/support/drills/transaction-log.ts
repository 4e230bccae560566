// Loaded first in a drill's child process (`node --import <this> …`): prints the id of every
// transaction the process opens, as it opens it, to standard error. A SIGKILLed process leaves its
// open transactions holding their locks; Cloud Firestore expires them (after 60 s idle), while the
// emulator keeps them, so the drill rolls them back as that expiry would, before the next delivery.
import { writeSync } from 'node:fs';
import { Firestore } from 'firebase-admin/firestore';
import { transactionLinePrefix } from './drill-jobs.ts';

type Funnels = {
  request: (method: string, body: unknown, ...rest: unknown[]) => Promise<unknown>;
  requestStream: (method: string, bidirectional: boolean, body: unknown, ...rest: unknown[]) => Promise<NodeJS.ReadableStream>;
};

const seen = new Set<string>();
function note(transaction: unknown): void {
  if (!(transaction instanceof Uint8Array) || transaction.length === 0) return;
  const id = Buffer.from(transaction).toString('base64');
  if (seen.has(id)) return;
  seen.add(id);
  writeSync(2, `${transactionLinePrefix}${id}\n`);
}

const proto = Firestore.prototype as unknown as Funnels;
const request = proto.request;
const requestStream = proto.requestStream;
proto.request = async function (method, body, ...rest) {
  const result = await request.call(this, method, body, ...rest);
  if (method === 'beginTransaction') note((result as { transaction?: unknown } | undefined)?.transaction);
  return result;
};
proto.requestStream = async function (method, bidirectional, body, ...rest) {
  const stream = await requestStream.call(this, method, bidirectional, body, ...rest);
  const emit = stream.emit;
  stream.emit = function (this: NodeJS.ReadableStream, event: string | symbol, ...args: unknown[]) {
    if (event === 'data') note((args[0] as { transaction?: unknown } | undefined)?.transaction);
    return emit.call(this, event, ...args);
  } as typeof stream.emit;
  return stream;
};
