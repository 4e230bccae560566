import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../functions/src/errors.ts';
import { checkRules, rosterAfter } from '../../../functions/src/operations/publish-rules.ts';
import type { Manager } from '../../../functions/src/schema/manager.ts';

const manager = (id: string, over: Partial<Manager> = {}): Manager => ({
  id,
  name: id,
  email: `${id}@example.com`,
  level: 1,
  active: true,
  role: 'manager',
  ...over,
});

function refusal(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (e) {
    if (isAppError(e) && e.code === 'invalid-input') return e.issues;
    throw e;
  }
  throw new Error('expected the rules to be refused');
}

describe('the rules a publication accepts', () => {
  it('fills the defaults of rules that fit the roster', () => {
    const rules = checkRules({ intake: { rule: 'fixed', managerId: 'm1' } }, [manager('m1')]);
    expect(rules.intake).toMatchObject({ rule: 'fixed', managerId: 'm1' });
    expect(rules.rotation.holdMonths).toBe(6);
  });

  it('refuses an inactive intake manager, naming the field where the caller sent the rules', () => {
    const issues = refusal(() => checkRules({ intake: { rule: 'fixed', managerId: 'm1' } }, [manager('m1', { active: false })], 'config'));
    expect(issues).toEqual([{ path: 'config.intake.managerId', message: 'm1 is not an active sales manager' }]);
  });

  it('refuses a setting out of bounds before looking at the roster', () => {
    const issues = refusal(() => checkRules({ rotation: { holdMonths: 0 } }, []));
    expect(issues.map((i) => i.path)).toEqual(['rules.rotation.holdMonths']);
  });
});

describe('the roster an import leaves', () => {
  it('keeps the base managers the snapshot does not name and takes the snapshot’s version of the others', () => {
    const after = rosterAfter([manager('m1'), manager('m2')], [manager('m2', { active: false }), manager('m3')]);
    expect(after.map((m) => [m.id, m.active])).toEqual([
      ['m1', true],
      ['m2', false],
      ['m3', true],
    ]);
  });
});
