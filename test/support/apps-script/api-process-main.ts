// The child process started by api-process.ts: the real `api` Cloud Function behind the functions
// framework's server, on the Firestore emulator named by FIRESTORE_EMULATOR_HOST.
//
// The token issuer's certificates are mirrored here first: the issuer (DevIdentity) is served by the
// test process, whose main thread blocks while the add-on's UrlFetchApp.fetch waits for this API, so
// the API must never need to call back into it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const issuerCerts = process.env.ID_TOKEN_CERTS_URL;
if (!issuerCerts) throw new Error('ID_TOKEN_CERTS_URL must name the token issuer certificates');
const certs = await (await fetch(issuerCerts)).text();
const mirror = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' });
  res.end(certs);
});
await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', () => resolve()));
process.env.ID_TOKEN_CERTS_URL = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/certs`;

await import('../../../functions/src/index.ts');
const { getTestServer } = await import('@google-cloud/functions-framework/testing');
const server = getTestServer('api');
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('api listening\n'));

const stop = () => {
  server.close();
  mirror.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
