// One function of the local stack, served as the functions framework serves it, on 127.0.0.1 only.
// Started by stack.ts: `node serve-function.ts TARGET PORT`, configured by its environment.
import { getTestServer } from '@google-cloud/functions-framework/testing';

const [target, port] = process.argv.slice(2);
if (!target || !port) {
  process.stderr.write('usage: serve-function.ts TARGET PORT\n');
  process.exit(2);
}
// As Cloud Run sets it for the function's instance: index.ts reads it for the function's own body limit.
process.env.FUNCTION_TARGET = target;
await import('../index.ts');
// The framework's own server for a registered function (its CLI would listen on every interface).
const server = getTestServer(target);
// The stack waits for this message, not for an answer on the port: another process may answer there.
server.once('listening', () => process.send?.({ listening: Number(port) }));
server.once('error', (e: NodeJS.ErrnoException) => {
  process.send?.({ failed: e.code ?? e.message });
  process.exit(1);
});
server.listen(Number(port), '127.0.0.1');
// The stack talks to us over IPC; when it is gone, even killed hard, so are we.
process.on('disconnect', () => process.exit(0));
// The peak memory so far (kB), for tests that check what one request costs the process.
process.on('message', (message) => {
  if (message === 'resource-usage') process.send?.({ maxRSS: process.resourceUsage().maxRSS });
});
