// Child process: a stand-in for what sits in front of the API in production (Google's front end,
// Cloud Run's load balancer) answering 429 or 503 as it does under load. MODE: `429` (always, with
// Retry-After), `503` (always, an HTML page), `429-once` (the first request, then everything is
// passed on to UPSTREAM unchanged).
import { createServer } from 'node:http';

const mode = process.env.MODE ?? '429';
const upstream = process.env.UPSTREAM ?? '';
const retryAfter = process.env.RETRY_AFTER ?? '5';
let served = 0;

const server = createServer(async (req, res) => {
  served++;
  if (mode === '429' || (mode === '429-once' && served === 1)) {
    res.writeHead(429, { 'content-type': 'text/html', 'retry-after': retryAfter });
    res.end('<html><body>Rate exceeded.</body></html>');
    return;
  }
  if (mode === '503') {
    res.writeHead(503, { 'content-type': 'text/html' });
    res.end('<html><body>Service Unavailable</body></html>');
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
  const answer = await fetch(new URL(req.url ?? '/', upstream), {
    method: req.method,
    headers,
    ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
  });
  res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
  res.end(Buffer.from(await answer.arrayBuffer()));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`front end listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
