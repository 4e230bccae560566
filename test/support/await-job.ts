/** An HTTP answer with its body parsed: what a 202 job route and its poll route answer. */
export type JobAnswer = { status: number; body: any };

/**
 * Follows a job of the admin API that answered 202 until it no longer runs, and returns the poll's
 * answer (done or failed): `look` GETs a path as whoever may see the job. Throws when the start was
 * not a 202 (saying what it was) or the job still runs after `timeoutMs`.
 */
export async function awaitJob<A extends JobAnswer>(started: A, look: (path: string) => Promise<A>, timeoutMs = 60_000): Promise<A> {
  if (started.status !== 202) throw new Error(`expected a 202 job, got ${started.status}: ${JSON.stringify(started.body)}`);
  const poll: string = started.body.poll ?? `/admin/jobs/${started.body.jobId}`;
  for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
    const polled = await look(poll);
    if (polled.body?.status !== 'running') return polled;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the job at ${poll} was still running after ${timeoutMs / 1000} s`);
}
