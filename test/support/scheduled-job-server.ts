import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { HttpFunction } from '@google-cloud/functions-framework';
import type { Firestore } from 'firebase-admin/firestore';
import { afterAll } from 'vitest';
import { cloudRunFrontDoor, scheduledHandler, schedulerAuthFromEnv, type ScheduledJob } from '../../functions/src/http/scheduled-job.ts';
import { startDevIdentity, type DevIdentity } from '../../functions/src/local/dev-identity.ts';
import { startFrontDoor, stripSignature } from '../../functions/src/local/iam-front-door.ts';

/**
 * Scheduled jobs served as they are deployed: the function behind the stand-in for Cloud Run's IAM
 * front door (only the scheduler's account may invoke it; it forwards the token with its signature
 * stripped), checking the token on the production path, with scheduler tokens signed by a local issuer.
 */
export const schedulerAccount = 'scheduler@clientbase.iam.gserviceaccount.com';

export type JobAnswer = { status: number; body: any };
export type JobServer = {
  /** The front door: what Cloud Scheduler calls. */
  url: string;
  /** The function itself, reached without the front door (as Cloud Run's container port is). */
  functionUrl: string;
  /** A POST with a fresh token of `caller` for this function, as Cloud Scheduler sends it. */
  post: (query?: string, headers?: Record<string, string>) => Promise<JobAnswer>;
};

/** The environment a deployed job function gets (docs/deploy.md), for a function whose URL is `audience`. */
export function jobEnv(issuer: DevIdentity, audience: string): NodeJS.ProcessEnv {
  return {
    SCHEDULER_AUDIENCE: audience,
    SCHEDULER_SERVICE_ACCOUNT: schedulerAccount,
    SCHEDULER_FRONT_DOOR: cloudRunFrontDoor,
    ID_TOKEN_CERTS_URL: issuer.certsUrl,
  };
}

/** The Authorization header exactly as Cloud Run hands it to the container after its IAM check. */
export function cloudRunForwarded(issuer: DevIdentity, audience: string, email = schedulerAccount): string {
  return stripSignature(`Bearer ${issuer.mint({ email, audience })}`);
}

export async function answerOf(res: Response): Promise<JobAnswer> {
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** Call at the top of a file or a describe: the servers it starts are closed after its tests. */
export function scheduledJobServers() {
  const closers: Array<() => Promise<void>> = [];
  let issuer: Promise<DevIdentity> | undefined;
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });
  const theIssuer = () =>
    (issuer ??= startDevIdentity({ audience: 'scheduled-jobs' }).then((i) => {
      closers.push(i.close);
      return i;
    }));

  /** Serves an HTTP function (a wrapped job, or a registered entry point's server) behind its front door. */
  const serve = async (handler: (audience: string) => HttpFunction | Server, caller = schedulerAccount): Promise<JobServer> => {
    const dev = await theIssuer();
    let functionUrl = '';
    const door = await startFrontDoor({ target: () => functionUrl, invokers: [schedulerAccount], certsUrl: dev.certsUrl });
    closers.push(door.close);
    const made = handler(door.url);
    let server: Server;
    if (typeof made === 'function') {
      const name = `scheduled-job-${randomUUID().slice(0, 8)}`;
      http(name, made);
      server = getTestServer(name);
    } else server = made;
    functionUrl = await listen(server);
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return {
      url: door.url,
      functionUrl,
      post: async (query = '', headers = {}) => {
        const token = dev.mint({ email: caller, audience: door.url });
        return answerOf(await fetch(`${door.url}${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers } }));
      },
    };
  };

  return {
    issuer: theIssuer,
    serve,
    /** A job wrapped as the entry points wrap it, with its own database and clock. */
    start: async (db: Firestore, job: ScheduledJob<unknown>, options: { caller?: string; now?: () => Date } = {}) => {
      const dev = await theIssuer();
      return serve(
        (audience) =>
          scheduledHandler(job, {
            db: () => db,
            auth: () => schedulerAuthFromEnv(jobEnv(dev, audience)),
            ...(options.now ? { now: options.now } : {}),
          }),
        options.caller,
      );
    },
  };
}
