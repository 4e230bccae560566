// The Config sheet's and the rules history's words, in English here and in Russian in config-words-ru.ts
// (typed by the English); `admin-messages.ts` gathers them into `m.admin`.
import { enCount, enNumber } from '../wording.ts';
import type { SettingKey } from './config-layout.ts';
import { configWordsRu } from './config-words-ru.ts';

export type MergeSummary = {
  version: number;
  who: string;
  when: string;
  changes: string[];
  taken: number;
  conflicts: number;
  notShown: number;
};

const en = {
  config: {
    columns: { section: 'Section', setting: 'Setting', value: 'Value', unit: 'Unit', about: 'What it sets', key: 'Key', loaded: 'Loaded' },
    sections: { general: 'General', rotation: 'Rotation', bonus: 'Bonus', mailing: 'Mailing', intake: 'Intake' },
    settings: {
      timeZone: {
        label: 'Time zone',
        unit: 'IANA zone',
        about: "The company's clock: days, months, deadlines and the month a deal counts in.",
      },
      'rotation.holdMonths': {
        label: 'Hold months',
        unit: 'months',
        about: 'A client held this long without result becomes a rotation candidate.',
      },
      'rotation.noDealMonths': {
        label: 'No-deal months',
        unit: 'months',
        about: 'A client whose last deal is this old becomes a rotation candidate.',
      },
      'rotation.noReturnRotations': {
        label: 'No-return rotations',
        unit: 'rotations',
        about: 'A client never goes back to a manager who held it within this many rotations.',
      },
      'rotation.reportDays': {
        label: 'Report days',
        unit: 'days',
        about: 'The new manager reports on a handed-over client within this many days.',
      },
      'rotation.writesPerSecond': {
        label: 'Write pace',
        unit: 'writes / s',
        about: 'How fast the rotation writes to the base at first (it speeds up by half every 5 minutes).',
      },
      'rotation.minDealAmount': {
        label: 'Minimum deal for rotation',
        unit: '₽',
        about: 'A deal below this amount does not count as activity: the rotation clock keeps running (0: every deal counts).',
      },
      'rotation.warnDays': {
        label: 'Rotation warning',
        unit: 'days',
        about: 'The Today sheet lists a client this many days before it becomes a rotation candidate.',
      },
      'rotation.holdoutShare': {
        label: 'Holdout',
        unit: '%',
        about: "This share of each rotation's candidates stays with its holder, to measure the effect of rotation (0: none, at most 50).",
      },
      'bonus.base': {
        label: 'Rate applies to',
        unit: 'profit / amount',
        about: "Whether rates are taken of a deal's profit or of its amount.",
      },
      'bonus.normalRate': { label: 'Normal rate', unit: '%', about: "A manager's share of each deal (type 5 for 5 %)." },
      'bonus.newClientMultiplier': {
        label: 'New-client multiplier',
        unit: '×',
        about:
          'The first deal with a client the manager attracted earns this many times the normal rate (2 to 3); each ' +
          'next deal half of the last, down to normal.',
      },
      'bonus.retentionMonths': {
        label: 'Retention months',
        unit: 'months',
        about: 'The part above normal is paid only if the client is still with the company this long after its first deal.',
      },
      'bonus.campaign.from': {
        label: 'Campaign from',
        unit: 'day',
        about: 'Raised rates only for clients whose first deal falls in the campaign (leave both empty for always).',
      },
      'bonus.campaign.to': { label: 'Campaign to', unit: 'day', about: 'The last day of the campaign.' },
      'bonus.attractionBonus': {
        label: 'Attraction bonus',
        unit: '₽ per client',
        about: 'A fixed amount per newly attracted client (its first deal), when no tier below applies.',
      },
      'bonus.dealConfirmation': {
        label: 'Deals confirmed by',
        unit: 'rule',
        about:
          'With "the head of sales", a deal a manager records is paid only once you confirm it on Deals to confirm; ' +
          'your own entries and imports count at once.',
      },
      'bonus.minDealAmount': {
        label: 'Minimum deal for new-client pay',
        unit: '₽',
        about: 'A deal below this amount earns no attraction bonus and no new-client rate (0: every deal counts).',
      },
      'bonus.disputeDays': {
        label: 'Disputes answered within',
        unit: 'days',
        about: 'A dispute of a statement line still open after this many days is flagged to you, like an overdue report.',
      },
      'mailing.smsCadenceDays': {
        label: 'SMS cadence',
        unit: 'days',
        about: 'Nobody gets an SMS list entry more often than once in this many days.',
      },
      'mailing.emailCadenceDays': {
        label: 'E-mail cadence',
        unit: 'days',
        about: 'Nobody gets an e-mail list entry more often than once in this many days.',
      },
      'intake.rule': { label: 'New sign-ups go', unit: 'rule', about: 'Round robin by level, or all to one intake manager.' },
      'intake.level': {
        label: 'Round-robin level',
        unit: 'level',
        about: 'The level whose managers take sign-ups in turn (empty: the lowest level with anyone active).',
      },
      'intake.managerId': {
        label: 'Intake manager',
        unit: 'manager id',
        about: 'Who takes every sign-up when the rule is "one intake manager".',
      },
      'intake.signupsPerMinutePerIp': {
        label: 'Sign-ups per minute',
        unit: 'per address',
        about: 'More sign-ups than this from one internet address in a minute are refused.',
      },
      'protection.maxDestructiveEditsPerDay': {
        label: 'Destructive edits a day',
        unit: 'clients per manager',
        about: 'A manager may remove contacts from or clear fields of this many clients a day; more are refused and you are alerted.',
      },
    } satisfies Record<SettingKey, { label: string; unit: string; about: string }>,
    tiers: {
      'bonus.attractionTiers': {
        title: 'Attraction tiers',
        first: 'From, new clients a month',
        second: 'Bonus per client',
        unit: 'clients → ₽',
        about: 'The bonus per new client of the highest tier the month reaches; empty rows add tiers.',
      },
      'bonus.cohortTiers': {
        title: 'Cohort tiers',
        first: 'Retained, at least',
        second: 'Rate',
        unit: '% → %',
        about: "A share of a month's new clients still with the company after the retention months earns this rate of their profit.",
      },
    },
    base: { profit: 'Profit', amount: 'Amount' },
    intakeRules: { 'round-robin': 'Round robin by level', fixed: 'One intake manager' },
    dealConfirmations: { required: 'The head of sales', 'not-required': 'Nobody: count at once' },
    problems: {
      wholeNumber: 'must be a whole number',
      number: 'must be a number',
      percent: 'must be a percentage, e.g. 5 or 7.5',
      money: 'must be an amount in roubles, e.g. 1000',
      between: (min: string, max: string) => `must be between ${min} and ${max}`,
      atLeast: (min: string) => `must be at least ${min}`,
      atMost: (max: string) => `must be at most ${max}`,
    },
    schemaMessages: {
      'must not be negative': 'must not be negative',
      'from must not be after to': 'the campaign must not end before it starts',
      'must be an IANA time zone such as Europe/Moscow': 'must be a time zone such as Europe/Moscow',
      'is required when rule is fixed': 'is required when sign-ups go to one intake manager',
      'must be a date YYYY-MM-DD': 'must be a date YYYY-MM-DD',
    },
    notSet: '(not set)',
    statusSection: 'Rules in force',
    version: (n: number) => `Version ${n}`,
    neverPublished: 'the defaults: never published',
    publishedBy: (when: string, who: string) => `published ${when} by ${who}`,
    validationHelp: {
      number: (min: number, max: number) => `A number from ${enNumber(min)} to ${enNumber(max)}.`,
      percent: 'A percentage: type 5 for 5 %.',
      money: 'Roubles, e.g. 1000.',
      day: 'A date, e.g. 2026-03-01.',
    },
    layoutBroken: "The Config sheet is missing some of clientbase's columns. Choose Config: load the rules in force to lay it out again.",
    loadTitle: 'Load the rules in force',
    dropEdits: (n: number) =>
      `${enCount(n, 'setting on the Config sheet was', 'settings on the Config sheet were')} changed and not ` +
      `published. Loading the rules in force replaces them. Load anyway?`,
    loaded: (version: number) => (version === 0 ? 'Config loaded: the defaults (never published).' : `Config loaded: version ${version}.`),
    wholeConfig: 'The rules as a whole',
    noSheet: 'There is no Config sheet yet: choose Config: load the rules in force first.',
    missingRows: (list: string) =>
      `The Config sheet has lost the row(s) of ${list}. Choose Config: load the rules in force (note your changes first).`,
    conflictNote: (theirs: string, who: string, when: string) =>
      `${who} published ${theirs} here on ${when}, while you were editing. Your value is kept: publish to put it in force, or type theirs.`,
    conflict: (s: MergeSummary) =>
      [
        `${s.who} published version ${s.version} on ${s.when} while you were editing, so nothing was published.`,
        s.changes.length > 0 ? `What changed in it:\n${s.changes.map((c) => `• ${c}`).join('\n')}` : '',
        s.taken > 0
          ? `${enCount(s.taken, 'setting you had not touched now shows', 'settings you had not touched now show')} the new value.`
          : '',
        s.conflicts > 0
          ? `${enCount(s.conflicts, 'setting you changed was', 'settings you changed were')} changed by them too: ` +
            `tinted orange, with their value in the note. Keep yours or type theirs, then publish again.`
          : 'Your changes are kept: publish again to put them in force.',
        s.notShown > 0
          ? `The new version has ${enCount(s.notShown, 'tier', 'tiers')} this sheet has no row for: load the rules in force to see them.`
          : '',
      ]
        .filter((l) => l !== '')
        .join('\n\n'),
    conflictTitle: 'Someone published meanwhile',
    published: (version: number) => `Published: version ${version} is now in force.`,
    errorsTitle: 'Config: errors',
    notPublished: (n: number) => `Not published: ${enCount(n, 'error', 'errors')} (red cells). The rules in force did not change.`,
    rowGone: (label: string) => `The row of ${label} is no longer on the Config sheet.`,
  },
  history: {
    heading: (version: number) => `Rules history: version ${version} is in force. Each version shows what differs from it.`,
    more: (n: number) => (n === 1 ? 'The latest version is shown.' : `The ${enNumber(n)} latest versions are shown.`),
    columns: ['Version', 'Published', 'By', 'Differs from the rules in force'],
    inForce: 'in force',
    same: 'the same as the rules in force',
    defaults: 'defaults',
    shown: (n: number) => `Rules history: ${enCount(n, 'version', 'versions')}.`,
  },
  rulesPreview: {
    menu: 'Config: preview effect',
    sheet: 'Rules preview',
    heading: (n: number) =>
      n === 0
        ? 'Rules preview: no month is closed yet, so there is nothing to recompute the edited rules on.'
        : `Rules preview: ${enCount(n, 'closed month', 'closed months')} recomputed under the rules as edited on the Config sheet, ` +
          'beside what was paid.',
    nothingStored: 'A preview only: nothing was stored or published, and the rules in force did not change. Read-only.',
    columns: ['Manager', 'Id', 'Month', 'Paid', 'Would be', 'Difference'],
    total: 'Total difference',
    none: 'Nobody was paid in these months.',
    shown: (n: number) => `Rules preview: ${enCount(n, 'closed month', 'closed months')} recomputed. Nothing was published.`,
    invalidTitle: 'Preview effect: errors',
    invalid: (lines: string) =>
      `No preview was made: these cells of the Config sheet are not valid (red, with a note):\n${lines}\n` +
      'Fix them and choose Config: preview effect again.',
    problem: (label: string, cell: string, message: string) => `• ${label}${cell ? ` · ${cell}` : ''}: ${message}`,
  },
};

export type ConfigWords = typeof en;

export const configWords = { en, ru: configWordsRu };
