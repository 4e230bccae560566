// The worker thread behind the UrlFetchApp double: synckit blocks the calling thread on
// Atomics.wait while this thread performs the real HTTP request. It uses node:http so response
// header names keep the case the server sent, as Apps Script reports them.
import http from 'node:http';
import https from 'node:https';
import { runAsWorker } from 'synckit';

export type WireRequest = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  followRedirects: boolean;
};
export type WireResponse =
  | { ok: true; status: number; rawHeaders: string[]; body: string; url: string }
  | { ok: false; error: 'unreachable' | 'dns' | 'timeout' | 'other'; message: string };

function once(request: WireRequest, deadline: number): Promise<WireResponse & { location?: string }> {
  return new Promise((resolve) => {
    const url = new URL(request.url);
    const client = url.protocol === 'https:' ? https : http;
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'base64');
    const headers: Record<string, string> = { ...request.headers };
    if (body) headers['Content-Length'] = String(body.length);
    const req = client.request(url, { method: request.method, headers, timeout: Math.max(1, deadline - Date.now()) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          ok: true,
          status: res.statusCode ?? 0,
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks).toString('base64'),
          url: request.url,
          location: res.headers.location,
        }),
      );
      res.on('error', (e) => resolve({ ok: false, error: 'other', message: e.message }));
    });
    req.on('timeout', () => {
      req.destroy();
      resolve({ ok: false, error: 'timeout', message: 'timeout' });
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? '';
      const error =
        code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'dns'
          : ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'].includes(code)
            ? 'unreachable'
            : 'other';
      resolve({ ok: false, error, message: `${code} ${e.message}`.trim() });
    });
    if (body) req.write(body);
    req.end();
  });
}

runAsWorker(async (request: WireRequest): Promise<WireResponse> => {
  const deadline = Date.now() + request.timeoutMs;
  let current = request;
  for (let hop = 0; hop < 10; hop++) {
    const { location, ...answer } = await once(current, deadline);
    if (!answer.ok || !request.followRedirects || !location || ![301, 302, 303, 307, 308].includes(answer.status)) return answer;
    const keepBody = answer.status === 307 || answer.status === 308;
    current = {
      ...current,
      url: new URL(location, current.url).toString(),
      method: keepBody ? current.method : 'GET',
      ...(keepBody ? {} : { body: undefined }),
    };
  }
  return { ok: false, error: 'other', message: 'too many redirects' };
});
