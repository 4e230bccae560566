import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { createIdentityVerifier, strippedSignature } from '../http/oidc.ts';

/**
 * A local stand-in for Cloud Run's IAM front door of a function deployed with
 * `--no-allow-unauthenticated`: it verifies the caller's Google identity token (signature, issuer,
 * audience = its own URL, expiry), lets only the given invokers through (the `roles/run.invoker`
 * binding), and forwards the request with the token's signature replaced by
 * `SIGNATURE_REMOVED_BY_GOOGLE`, as Cloud Run does. Anything else gets Cloud Run's 401 or 403.
 * The local stack and the tests put it in front of the job functions, so they run the production path.
 */
export type FrontDoor = { url: string; close: () => Promise<void> };

export type FrontDoorOptions = {
  /** Where the function listens, read on every request (the stack may move it to another port). */
  target: () => string;
  invokers: string[];
  certsUrl?: string;
  port?: number;
};

const body = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });

/** The token as Cloud Run hands it to the container: header and claims intact, no signature. */
export function stripSignature(authorization: string): string {
  const token = authorization.replace(/^Bearer\s+/i, '');
  return `Bearer ${token.split('.').slice(0, 2).join('.')}.${strippedSignature}`;
}

export async function startFrontDoor(options: FrontDoorOptions): Promise<FrontDoor> {
  const invokers = new Set(options.invokers.map((e) => e.toLowerCase()));
  let verify: ReturnType<typeof createIdentityVerifier> | undefined;
  const server: Server = createServer((req, res) => {
    const refuse = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    void (async () => {
      const authorization = req.headers.authorization;
      try {
        const identity = await verify!(authorization);
        if (!invokers.has(identity.email)) return refuse(403, `Forbidden: ${identity.email} may not invoke this service`);
      } catch {
        return refuse(401, 'Unauthorized: the request carries no valid identity token for this service');
      }
      const payload = await body(req);
      const target = new URL(req.url ?? '/', options.target());
      const headers = { ...req.headers, authorization: stripSignature(authorization!), host: target.host };
      const forward = request(target, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.once('error', (e) => refuse(503, `Service Unavailable: ${e.message}`));
      forward.end(payload);
    })().catch((e: Error) => refuse(500, e.message));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  verify = createIdentityVerifier({ audience: url, ...(options.certsUrl ? { certsUrl: options.certsUrl } : {}) });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
