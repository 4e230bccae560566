import { describe, expect, it } from 'vitest';
import type { RotationEffect, RotationReport } from '../../../../functions/src/api/contract.ts';
import { rotationEffect } from '../../../../functions/src/core/rotation/effect.ts';
import { dashboardReport } from '../../../../apps-script/src/dashboard/dashboard-tables.ts';
import { messagesFor } from '../../../../apps-script/src/messages.ts';
import { effectReport, effectSentence } from '../../../../apps-script/src/rotation/effect-sheet.ts';
import { planReport, type Names } from '../../../../apps-script/src/rotation/rotation-plan.ts';
import { layOut } from '../../../../apps-script/src/sheet/report-sheet.ts';

const en = messagesFor('en');
const ru = messagesFor('ru');
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const run = { runId: 'rotation-2025-01-10', at: '2025-01-10', moved: ids('m', 10), heldOut: ids('h', 10) };
const deals = [...ids('m', 9), ...ids('h', 3)].map((clientId) => ({ clientId, day: '2025-02-01', profit: 1000 }));
const effect: RotationEffect = rotationEffect({ runs: [run], deals, today: '2026-12-07' });

describe('the Rotation effect sheet', () => {
  it('says the same sentence as the base, in English, and words it in Russian with plural forms', () => {
    expect(effectSentence(effect, en)).toBe(
      'Moved clients bought within 6 months 3.0 times as often as held-out ones: ' +
        '90 % against 30 %, difference 60 points, 95 % interval 17 to 81.',
    );
    expect(effect.sentence.toLowerCase()).toBe(effectSentence(effect, en).toLowerCase().replace(/\.$/, ''));
    expect(effectSentence(effect, ru)).toBe(
      'Переданные клиенты покупали в течение 6 месяцев в 3,0 раза чаще контрольных: ' +
        '90 % против 30 %, разница 60 пунктов, 95 % интервал от 17 до 81.',
    );
  });

  // Profit per 100 clients in roubles: three deals of 10 ₽ among ten clients are 300 ₽ per 100.
  it('lays out the total per window and each group of each run', () => {
    const laid = layOut(effectReport(effect, en, '2026-12-07'));
    expect(laid.matrix[laid.placed.total!.firstRow - 1]!.slice(0, 11)).toEqual(['3 months', 10, 9, 0.9, 10, 3, 0.3, 60, 17, 81, 'yes']);
    expect(laid.matrix[laid.placed.runs!.firstRow]!.slice(0, 7)).toEqual(['2025-01-10', 'held out', 10, 3, 0.3, 30, 300]);
  });

  it('without a holdout shows the moved clients alone, says so, and draws no effect chart', () => {
    const none = rotationEffect({ runs: [{ ...run, heldOut: [] }], deals, today: '2026-12-07' });
    const report = effectReport(none, ru, '2026-12-07');
    expect(report.heading[1]).toMatch(/^Контрольной группы нет/);
    expect(report.blocks.map((b) => b.id)).toEqual(['runs']);
    expect(report.blocks[0]!.rows.map((r) => r[1])).toEqual(['переданы']);
    const dashboard = {
      asOf: '2026-12-07',
      timeZone: 'Europe/Moscow',
      months: [],
      unassigned: 0,
      managers: [],
      levels: [],
      clients: [],
      attracted: [],
      lostMarked: [],
      moves: [],
      bonuses: [],
      overdue: [],
    };
    const drawn = dashboardReport(dashboard as never, en, 'now', none);
    expect(drawn.charts.map((c) => c.block)).not.toContain('effect');
    expect(dashboardReport(dashboard as never, en, 'now', effect).charts.at(-1)).toMatchObject({ block: 'effect', type: 'COLUMN' });
  });
});

describe('held-out clients on the plan sheet', () => {
  it('lists them last, with their manager, only when the run held some out', () => {
    const names: Names = { client: (id) => `Client ${id}`, manager: (id) => (id ? id.toUpperCase() : ''), level: () => 1 };
    const report: RotationReport = {
      runId: 'rotation-2026-03-01',
      at: '2026-03-01',
      dryRun: true,
      moves: [],
      balance: [],
      unbalanced: [],
      skipped: [],
      heldOut: [{ clientId: 'c9', managerId: 'anna' }],
    };
    const laid = layOut(planReport(report, names, ru, ['Heading']));
    expect(laid.matrix[laid.placed.heldOut!.headerRow - 2]![0]).toMatch(/^Контрольная группа \(1\)/);
    expect(laid.matrix[laid.placed.heldOut!.firstRow - 1]!.slice(0, 3)).toEqual(['Client c9', 'c9', 'ANNA']);
    expect(planReport({ ...report, heldOut: [] }, names, en, ['Heading']).blocks.map((b) => b.id)).not.toContain('heldOut');
  });
});
