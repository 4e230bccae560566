import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startFunctionProcess, type FunctionProcess } from '../../support/function-process.ts';

const MiB = 1024 * 1024;
// 96 MiB of JSON whitespace, about 96 KB on the wire.
const bomb = gzipSync(Buffer.alloc(96 * MiB, ' '), { level: 9 });

/** A raw POST (fetch would not send a gzip body with our own Content-Encoding untouched). */
function post(url: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('a gzip body that inflates to 96 MiB, sent to each served function without login', () => {
  let served: FunctionProcess | undefined;
  afterEach(() => served?.stop());

  it.each([
    ['api', 'application/json', 413],
    ['signup', 'application/x-www-form-urlencoded', 415],
    ['unsubscribe', 'application/x-www-form-urlencoded', 415],
    ['rotation', 'application/json', 415],
    ['bonuses', 'application/json', 415],
    ['overdueReports', 'application/json', 415],
  ])('%s answers it %s… with %i and its peak memory grows by under 64 MiB', async (target, contentType, status) => {
    expect(bomb.length).toBeLessThan(200 * 1024);
    served = await startFunctionProcess(target);
    const before = await served.peakMemoryBytes();
    const answer = await post(served.url, bomb, { 'content-type': contentType, 'content-encoding': 'gzip' });
    const after = await served.peakMemoryBytes();
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toMatchObject({ code: status === 413 ? 'payload-too-large' : 'unsupported-media-type' });
    expect(after - before).toBeLessThan(64 * MiB);
  });

  it('the api still reads a small gzip body, and refuses one that inflates past its limit however it is sent', async () => {
    served = await startFunctionProcess('api', { API_AUDIENCE: 'clientbase-api', GCLOUD_PROJECT: 'body-limit' });
    const small = await post(served.url, gzipSync(Buffer.from('{"name":"x"}')), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    // Read and parsed: the api then asks who is calling.
    expect(small.status).toBe(401);
    const deflated = await post(served.url, gzipSync(Buffer.alloc(300 * 1024, ' ')), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(deflated.status).toBe(413);
  });
});
