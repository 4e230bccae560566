import { describe, expect, it } from 'vitest';
import { boundsOf, maxTiers, settings } from '../../../../apps-script/src/config/config-layout.ts';

describe('the Config sheet as the rules schema gives it', () => {
  it('shows every setting of the schema, in its order, optional where the schema lets it be left out', () => {
    expect(settings.map((s) => s.key)).toEqual([
      'timeZone',
      ...['rotation.holdMonths', 'rotation.noDealMonths', 'rotation.noReturnRotations', 'rotation.reportDays', 'rotation.writesPerSecond'],
      ...['rotation.minDealAmount', 'rotation.warnDays', 'rotation.holdoutShare'],
      ...['bonus.base', 'bonus.normalRate', 'bonus.newClientMultiplier', 'bonus.retentionMonths', 'bonus.campaign.from'],
      ...['bonus.campaign.to', 'bonus.attractionBonus', 'bonus.dealConfirmation', 'bonus.minDealAmount', 'bonus.disputeDays'],
      ...['mailing.smsCadenceDays', 'mailing.emailCadenceDays'],
      ...['intake.rule', 'intake.level', 'intake.managerId', 'intake.signupsPerMinutePerIp'],
      'protection.maxDestructiveEditsPerDay',
    ]);
    expect(settings.filter((s) => s.optional).map((s) => s.key)).toEqual([
      'bonus.campaign.from',
      'bonus.campaign.to',
      'intake.level',
      'intake.managerId',
    ]);
    expect(settings.find((s) => s.key === 'timeZone')?.section).toBe('general');
    expect(settings.find((s) => s.key === 'protection.maxDestructiveEditsPerDay')).toEqual({
      key: 'protection.maxDestructiveEditsPerDay',
      section: 'general',
      kind: 'integer',
    });
    expect(settings.find((s) => s.key === 'intake.rule')).toEqual({
      key: 'intake.rule',
      section: 'intake',
      kind: 'choice',
      choices: 'intakeRule',
    });
    expect(settings.find((s) => s.key === 'bonus.dealConfirmation')).toEqual({
      key: 'bonus.dealConfirmation',
      section: 'bonus',
      kind: 'choice',
      choices: 'dealConfirmation',
    });
    expect(settings.find((s) => s.key === 'bonus.minDealAmount')?.kind).toBe('money');
  });

  it("takes bounds and the number of tiers from the schema's own limits", () => {
    expect(boundsOf('rotation.holdMonths')).toEqual({ min: 1, max: 120 });
    expect(boundsOf('bonus.cohortTiers.rate')).toEqual({ min: 0, max: 1 });
    expect(boundsOf('timeZone')).toEqual({ min: null, max: null });
    expect(maxTiers).toBe(20);
  });
});
