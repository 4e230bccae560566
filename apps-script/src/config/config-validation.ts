// The data validation of each input cell of the Config sheet: a number's bounds from the base's own
// limits, a choice's labels, the intake manager from the active sales managers; invalid is allowed
// (the cell is marked on publish instead), with a help text that says what fits.
import type { TeamMember } from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import { boundsOf, type SettingKind } from './config-layout.ts';

export function validationFor(
  kind: SettingKind,
  path: string,
  m: Messages,
  team: readonly TeamMember[],
  choices?: string[],
): GoogleAppsScript.Spreadsheet.DataValidation | null {
  const builder = SpreadsheetApp.newDataValidation().setAllowInvalid(true);
  const help = m.admin.config.validationHelp;
  const { min, max } = boundsOf(path.replace(/\.\d+\./, '.'));
  switch (kind) {
    case 'integer':
    case 'number':
      return builder
        .requireNumberBetween(min ?? 0, max ?? 1e9)
        .setHelpText(help.number(min ?? 0, max ?? 1e9))
        .build();
    case 'percent':
      return builder.requireNumberBetween(0, 100).setHelpText(help.percent).build();
    case 'money':
      return builder.requireNumberBetween(0, 1e11).setHelpText(help.money).build();
    case 'day':
      return builder.requireDate().setHelpText(help.day).build();
    case 'choice':
      return choices ? builder.requireValueInList(choices, true).build() : null;
    case 'text':
      // The intake manager is picked from the active sales managers.
      if (path === 'intake.managerId')
        return builder
          .requireValueInList(
            team.filter((t) => t.active && t.role === 'manager').map((t) => t.id),
            true,
          )
          .build();
      return null;
  }
}
