import { describe, expect, it } from 'vitest';
import { awaitJob, type JobAnswer } from '../../support/await-job.ts';
import { seededRandom } from '../../support/seeded-random.ts';

describe('the tests’ job follower', () => {
  it('polls the path a 202 names until the job stops running, and returns that answer', async () => {
    const looked: string[] = [];
    const answers: JobAnswer[] = [
      { status: 200, body: { status: 'running' } },
      { status: 200, body: { status: 'done', result: 7 } },
    ];
    const done = await awaitJob({ status: 202, body: { jobId: 'j1', poll: '/admin/jobs/j1' } }, async (path) => {
      looked.push(path);
      return answers.shift()!;
    });
    expect(done.body).toEqual({ status: 'done', result: 7 });
    expect(looked).toEqual(['/admin/jobs/j1', '/admin/jobs/j1']);
  });

  it('refuses a start that is not a 202, saying what it was, and gives up on a job that never ends', async () => {
    const never = async (): Promise<JobAnswer> => ({ status: 200, body: { status: 'running' } });
    await expect(awaitJob({ status: 403, body: { type: 'forbidden' } }, never)).rejects.toThrow(/expected a 202 job, got 403/);
    await expect(awaitJob({ status: 202, body: { jobId: 'j2' } }, never, 250)).rejects.toThrow(/\/admin\/jobs\/j2 was still running/);
  });
});

describe('the tests’ seeded random generator', () => {
  it('repeats its numbers for one seed, differs for another, and stays in [0, 1)', () => {
    const first = Array.from({ length: 1000 }, seededRandom(42));
    expect(Array.from({ length: 1000 }, seededRandom(42))).toEqual(first);
    expect(Array.from({ length: 1000 }, seededRandom(43))).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
