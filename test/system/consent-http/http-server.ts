import type { AddressInfo } from 'node:net';
import { http, type HttpFunction } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { installProblemFinalHandler } from '../../../functions/src/api/final-handler.ts';

let seq = 0;

/** Registers a handler under a fresh name and serves it the way the functions framework does. */
export async function serveFunction(name: string, handler: HttpFunction): Promise<{ url: string; close: () => Promise<void> }> {
  // As in production, where index.ts loads the API first: body-parser errors answer problem+json.
  installProblemFinalHandler();
  const unique = `${name}-${process.pid}-${++seq}`;
  http(unique, handler);
  const server = getTestServer(unique);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
