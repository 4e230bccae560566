import { describe, expect, it } from 'vitest';
import { rotationDueOn } from '../../../functions/src/core/rotation/staleness.ts';
import { staleSoonCutoffs, todayLists, type TodayClient, type TodayInput, type TodayTask } from '../../../functions/src/core/today.ts';

const rotation = { holdMonths: 6, noDealMonths: 12, warnDays: 30, minDealAmount: 100 };
const today = '2026-06-15';

function client(id: string, over: Partial<TodayClient> = {}): TodayClient {
  return {
    id,
    name: `Client ${id}`,
    managerId: 'm1',
    assignedAt: '2025-01-01T09:00:00.000Z',
    dealsSinceAssignment: 1,
    lastDealAt: '2026-06-01',
    rotatable: true,
    ...over,
  };
}

function task(id: string, clientId: string, over: Partial<TodayTask> = {}): TodayTask {
  return {
    id,
    clientId,
    from: 'm2',
    reason: 'no-deal-since-assignment',
    dueDate: '2026-06-20',
    createdAt: '2026-06-06T06:00:00.000Z',
    ...over,
  };
}

function input(over: Partial<TodayInput> = {}): TodayInput {
  return {
    managerId: 'm1',
    today,
    timeZone: 'Europe/Moscow',
    rotation,
    heldLong: [],
    contactsDue: [],
    assignedLately: [],
    openTasks: [],
    recentTasks: [],
    managerNames: new Map([['m2', 'Boris Two']]),
    ...over,
  };
}

describe('the Today lists', () => {
  it('lists clients rotation takes within warnDays, soonest first, with the day the staleness rule gives and what keeps them', () => {
    const in10 = client('c10', { assignedAt: '2025-12-25T09:00:00.000Z', dealsSinceAssignment: 0, lastDealAt: null });
    const in3 = client('c3', { assignedAt: '2025-12-18T09:00:00.000Z', dealsSinceAssignment: 0, lastDealAt: null });
    const quietYear = client('cq', { lastDealAt: '2025-07-01' });
    const farOff = client('cfar', { assignedAt: '2026-02-01T09:00:00.000Z', dealsSinceAssignment: 0, lastDealAt: null });
    const dealtLately = client('cok');
    const lists = todayLists(input({ heldLong: [farOff, in10, dealtLately, quietYear, in3] }));
    expect(lists.aboutToRotate.map((r) => [r.clientId, r.dueOn, r.daysLeft])).toEqual([
      ['c3', '2026-06-18', 3],
      ['c10', '2026-06-25', 10],
      ['cq', '2026-07-01', 16],
    ]);
    // The same rule the rotation applies, never a second copy of it.
    expect(lists.aboutToRotate[1]!.dueOn).toBe(rotationDueOn(in10, rotation));
    expect(lists.aboutToRotate[1]!.keptBy).toEqual({ dealBefore: '2026-06-25', minDealAmount: 100 });
    expect(lists.warnDays).toBe(30);
  });

  it('leaves out a pinned or lost client (rotation never takes it), a colleague’s, and one due the day after warnDays', () => {
    const stale = { assignedAt: '2025-01-01T09:00:00.000Z', dealsSinceAssignment: 0, lastDealAt: null };
    const pinned = client('cp', { ...stale, rotatable: false });
    const theirs = client('ct', { ...stale, managerId: 'm2' });
    const day31 = client('c31', { assignedAt: '2026-01-16T09:00:00.000Z', dealsSinceAssignment: 0, lastDealAt: null });
    const day30 = client('c30', { assignedAt: '2026-01-15T09:00:00.000Z', dealsSinceAssignment: 0, lastDealAt: null });
    const lists = todayLists(input({ heldLong: [pinned, theirs, day31, day30] }));
    expect(lists.aboutToRotate.map((r) => r.clientId)).toEqual(['c30']);
    expect(todayLists(input({ heldLong: [day31], rotation: { ...rotation, warnDays: 31 } })).aboutToRotate).toHaveLength(1);
  });

  it('lists a client already past its day with no days left', () => {
    const overdue = client('co', { dealsSinceAssignment: 0, lastDealAt: null });
    expect(todayLists(input({ heldLong: [overdue] })).aboutToRotate).toMatchObject([{ clientId: 'co', daysLeft: 0 }]);
  });

  it('lists open reports overdue first, then by due day', () => {
    const tasks = [
      task('t-late', 'c1', { dueDate: '2026-06-30' }),
      task('t-soon', 'c2', { dueDate: '2026-06-16' }),
      task('t-over', 'c3', { dueDate: '2026-06-10', clientName: 'Client c3' }),
      task('t-today', 'c4', { dueDate: today }),
    ];
    const lists = todayLists(input({ openTasks: tasks }));
    expect(lists.reportsDue.map((r) => [r.taskId, r.overdue])).toEqual([
      ['t-over', true],
      ['t-today', false],
      ['t-soon', false],
      ['t-late', false],
    ]);
    expect(lists.reportsDue[0]!.name).toBe('Client c3');
  });

  it('lists next contacts due today or earlier, oldest first, never a future one or a colleague’s', () => {
    const due = [
      client('today', { nextContactOn: today }),
      client('late', { nextContactOn: '2026-06-01' }),
      client('tomorrow', { nextContactOn: '2026-06-16' }),
      client('theirs', { nextContactOn: '2026-06-01', managerId: 'm2' }),
      client('none'),
    ];
    expect(todayLists(input({ contactsDue: due })).followUps).toEqual([
      { clientId: 'late', name: 'Client late', nextContactOn: '2026-06-01' },
      { clientId: 'today', name: 'Client today', nextContactOn: today },
    ]);
  });

  it('lists clients received in the last 14 days with how, from whom and the report deadline; never one I attracted', () => {
    const rotated = client('rot', { assignedAt: '2026-06-14T06:00:00.000Z', formerHolders: [{ managerId: 'm2', until: '2026-06-14' }] });
    const offboarded = client('off', { assignedAt: '2026-06-05T06:00:00.000Z', formerHolders: [{ managerId: 'm9', until: '2026-06-05' }] });
    const signedUp = client('sign', { assignedAt: '2026-06-10T06:00:00.000Z' });
    const moved = client('moved', { assignedAt: '2026-06-11T06:00:00.000Z', formerHolders: [{ managerId: 'm2', until: '2026-06-11' }] });
    const mine = client('own', { assignedAt: '2026-06-12T06:00:00.000Z', attractedBy: 'm1' });
    const old = client('old', { assignedAt: '2026-05-31T06:00:00.000Z' });
    const lists = todayLists(
      input({
        assignedLately: [old, mine, signedUp, offboarded, rotated, moved],
        openTasks: [task('t1', 'rot', { createdAt: '2026-06-14T06:00:00.000Z', dueDate: '2026-06-28' })],
        recentTasks: [
          task('t2', 'off', { from: 'm9', reason: 'offboarding', createdAt: '2026-06-05T06:00:00.000Z', dueDate: '2026-06-19' }),
        ],
      }),
    );
    expect(lists.newToMe).toEqual([
      {
        clientId: 'rot',
        name: 'Client rot',
        receivedOn: '2026-06-14',
        how: 'rotation',
        from: { id: 'm2', name: 'Boris Two' },
        reportDueOn: '2026-06-28',
      },
      {
        clientId: 'moved',
        name: 'Client moved',
        receivedOn: '2026-06-11',
        how: 'reassigned',
        from: { id: 'm2', name: 'Boris Two' },
        reportDueOn: null,
      },
      { clientId: 'sign', name: 'Client sign', receivedOn: '2026-06-10', how: 'intake', from: null, reportDueOn: null },
      {
        clientId: 'off',
        name: 'Client off',
        receivedOn: '2026-06-05',
        how: 'offboarding',
        from: { id: 'm9', name: null },
        reportDueOn: '2026-06-19',
      },
    ]);
  });

  it('does not take an old report task on a client received again for this receipt', () => {
    const back = client('back', { assignedAt: '2026-06-12T06:00:00.000Z', formerHolders: [{ managerId: 'm2', until: '2026-06-12' }] });
    const stale = task('t-old', 'back', { createdAt: '2025-01-01T06:00:00.000Z' });
    expect(todayLists(input({ assignedLately: [back], recentTasks: [stale] })).newToMe).toMatchObject([
      { how: 'reassigned', reportDueOn: null },
    ]);
  });

  it('queries far enough back for every client the rule lists, and no further', () => {
    const { heldBefore, dealBefore } = staleSoonCutoffs(today, rotation);
    const day30 = client('c30', { assignedAt: '2026-01-15T09:00:00.000Z', dealsSinceAssignment: 0, lastDealAt: null });
    const quiet30 = client('q30', { lastDealAt: '2025-07-15' });
    expect(todayLists(input({ heldLong: [day30, quiet30] })).aboutToRotate.map((r) => r.clientId)).toEqual(['c30', 'q30']);
    expect(day30.assignedAt! < heldBefore).toBe(true);
    expect(quiet30.lastDealAt! < dealBefore).toBe(true);
    expect(heldBefore <= '2026-01-18').toBe(true);
    expect(dealBefore <= '2025-07-18').toBe(true);
  });
});
