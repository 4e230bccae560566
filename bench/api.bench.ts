// Load runs of the staff API through the functions framework's own server on the emulator:
// "my clients" for a manager holding 10,000 clients, and the spreadsheet's batch save.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { startDevIdentity } from '../functions/src/local/dev-identity.ts';
import { openFirestore } from '../functions/src/store/db.ts';
import { measured, row, thousands, type BenchRow } from './table.ts';

type Histogram = { p50: number; p99: number; average: number };
type Result = { requests: { average: number; total: number }; latency: Histogram; errors: number; timeouts: number; non2xx: number };
type Request = {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: Request) => Request;
  onResponse?: (status: number, body: string) => void;
};
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests?: Request[];
}) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const clients = Number(process.env.BENCH_API_CLIENTS ?? 10_000);
const duration = Number(process.env.BENCH_API_SECONDS ?? 10);
const connections = 8;

function report(label: string, r: Result): string {
  console.log(
    `api ${label}: ${r.requests.average.toFixed(0)} req/s (${r.requests.total} requests), ` +
      `latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${r.errors + r.timeouts}, non-2xx ${r.non2xx}`,
  );
  if (r.errors + r.timeouts + r.non2xx > 0)
    throw new Error(`api ${label}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx answers (must be 0)`);
  return (
    `${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
    `${r.errors + r.timeouts + r.non2xx} errors`
  );
}

export async function bench(): Promise<BenchRow[]> {
  const projectId = `bench-api-${Date.now()}`;
  const db = openFirestore(projectId);
  const identity = await startDevIdentity({ audience: 'clientbase-bench' });
  process.env.GCLOUD_PROJECT = projectId;
  process.env.API_AUDIENCE = identity.audience;
  process.env.ID_TOKEN_CERTS_URL = identity.certsUrl;
  await db
    .collection('managers')
    .doc('m1')
    .set({ id: 'm1', name: 'Bench', email: 'm1@example.com', level: 1, active: true, role: 'manager' });
  const t0 = performance.now();
  for (let start = 0; start < clients; start += 500) {
    const batch = db.batch();
    for (let i = start; i < Math.min(clients, start + 500); i++) {
      const id = `c${String(i).padStart(6, '0')}`;
      batch.set(db.collection('clients').doc(id), {
        id,
        name: `Client ${id}`,
        kind: i % 3 === 0 ? 'company' : 'person',
        size: i % 50 === 0 ? 'large' : 'regular',
        phones: [`+7916${String(1_000_000 + i).padStart(7, '0')}`],
        emails: [],
        managerId: 'm1',
        assignedAt: '2026-01-01',
        attractedBy: 'm1',
        contactKeys: [`phone:+7916${String(1_000_000 + i).padStart(7, '0')}`],
        dealCount: 0,
        dealsSinceAssignment: 0,
        firstDealAt: null,
        lastDealAt: null,
        rotatable: true,
        version: 1,
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
    }
    await batch.commit();
  }
  console.log(`api: seeded ${clients} clients for one manager in ${((performance.now() - t0) / 1000).toFixed(1)}s`);

  await import('../functions/src/index.ts');
  const server = getTestServer('api');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const headers = { authorization: `Bearer ${identity.mint({ email: 'm1@example.com' })}` };
  // The same page straight from Firestore, to tell the API's own cost from the emulator's: the
  // emulator answers queries by scanning, where production Firestore walks the composite index.
  const direct: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await db.collection('clients').where('managerId', '==', 'm1').orderBy('name').orderBy('__name__').limit(51).get();
    direct.push(performance.now() - t);
  }
  direct.sort((a, b) => a - b);
  console.log(`api: the same page queried directly (no HTTP, no auth): p50 ${direct[10]!.toFixed(0)} ms, sequential`);
  try {
    const list = await measured(() =>
      autocannon({ url, connections, duration, headers, requests: [{ method: 'GET', path: '/clients?limit=50&sort=name' }] }),
    );
    const listFigures = report(`my clients (50 per page, ${clients} held)`, list.value);

    // 20 rows per call, each from the version last seen, so every row is a real applied edit.
    const versions = new Map<string, number>();
    let next = 0;
    let applied = 0;
    let other = 0;
    const saveRequest: Request = {
      method: 'POST',
      path: '/clients/batch',
      setupRequest: (req) => {
        const rows = Array.from({ length: 20 }, () => {
          const id = `c${String(next++ % clients).padStart(6, '0')}`;
          const version = versions.get(id) ?? 1;
          versions.set(id, version + 1);
          return { clientId: id, version, changes: { name: `Edited ${id} v${version}` } };
        });
        return { ...req, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ rows }) };
      },
      onResponse: (_status, body) => {
        try {
          const parsed = JSON.parse(body) as { applied: number; rows: unknown[] };
          applied += parsed.applied;
          other += parsed.rows.length - parsed.applied;
        } catch {
          other++;
        }
      },
    };
    const save = await measured(() => autocannon({ url, connections, duration, requests: [saveRequest] }));
    const saveFigures = report('batch save (20 rows per call)', save.value);
    console.log(`api batch save: ${applied} rows applied, ${other} not applied`);
    return [
      row(
        'api',
        '"my clients", 50 a page',
        `${thousands(clients)} clients held, ${connections} connections, ${duration} s`,
        listFigures,
        list,
      ),
      row(
        'api',
        'batch save, 20 rows a call',
        `${connections} connections, ${duration} s`,
        `${saveFigures}; ${thousands(applied)} rows applied`,
        save,
      ),
    ];
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await identity.close();
  }
}
