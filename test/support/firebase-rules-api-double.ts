/**
 * A test double of the Firebase Rules API (the rulesets and the `cloud.firestore` release), as a
 * `fetch` the deploy runner is given: it keeps rulesets and releases in memory, needs a bearer
 * token, and records every call.
 */
export type RulesApiDouble = {
  fetch: typeof fetch;
  calls: Array<{ method: string; url: string }>;
  /** The source of the ruleset the Firestore release points at, if any. */
  released: () => string | undefined;
};

export function firebaseRulesApiDouble(project: string): RulesApiDouble {
  const base = `https://firebaserules.googleapis.com/v1/projects/${project}`;
  const rulesets = new Map<string, { name: string; source: { files: Array<{ name: string; content: string }> } }>();
  let release: { name: string; rulesetName: string } | undefined;
  const calls: RulesApiDouble['calls'] = [];
  const answer = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const doFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    calls.push({ method, url });
    const headers = new Headers(init?.headers);
    if (!/^Bearer \S+$/.test(headers.get('authorization') ?? '')) return answer(401, { error: { code: 401, status: 'UNAUTHENTICATED' } });
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    if (method === 'GET' && url === `${base}/releases/cloud.firestore`)
      return release ? answer(200, release) : answer(404, { error: { code: 404, status: 'NOT_FOUND' } });
    if (method === 'GET' && url.startsWith(`${base}/rulesets/`)) {
      const r = rulesets.get(url.slice('https://firebaserules.googleapis.com/v1/'.length));
      return r ? answer(200, r) : answer(404, { error: { code: 404, status: 'NOT_FOUND' } });
    }
    if (method === 'POST' && url === `${base}/rulesets`) {
      const name = `projects/${project}/rulesets/r${rulesets.size + 1}`;
      rulesets.set(name, { name, source: body.source });
      return answer(200, { name, source: body.source });
    }
    const known = (name: string) => rulesets.has(name) || answer(400, { error: { code: 400, message: `no ruleset ${name}` } });
    if (method === 'POST' && url === `${base}/releases`) {
      const ok = known(body.rulesetName);
      if (ok !== true) return ok;
      if (release) return answer(409, { error: { code: 409, status: 'ALREADY_EXISTS' } });
      release = { name: body.name, rulesetName: body.rulesetName };
      return answer(200, release);
    }
    if (method === 'PATCH' && url === `${base}/releases/cloud.firestore`) {
      const ok = known(body.release.rulesetName);
      if (ok !== true) return ok;
      if (!release) return answer(404, { error: { code: 404, status: 'NOT_FOUND' } });
      release = { name: body.release.name, rulesetName: body.release.rulesetName };
      return answer(200, release);
    }
    return answer(404, { error: { code: 404, message: `the double does not implement ${method} ${url}` } });
  }) as typeof fetch;
  return {
    fetch: doFetch,
    calls,
    released: () =>
      release
        ? rulesets
            .get(release.rulesetName)
            ?.source.files.map((f) => f.content)
            .join('')
        : undefined,
  };
}
