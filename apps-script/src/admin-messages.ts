// Every word the head of sales' part of the add-on says, in English and Russian; `messages.ts`
// carries it as `m.admin`. The page strings (`pages`) are plain data: they travel to the dialogs.
import type { SettingKey } from './config/config-layout.ts';
import { capitalise, enCount, enNumber, ruCount, ruNumber, type Locale } from './wording.ts';

export type TeamSaveCounts = { saved: number; created: number; conflicts: number; invalid: number };
export type MergeSummary = {
  version: number;
  who: string;
  when: string;
  changes: string[];
  taken: number;
  conflicts: number;
  notShown: number;
};

export const enAdmin = {
  locale: 'en' as Locale,
  reportProtection: 'written by the add-on; it is rewritten on each refresh',
  refused: (detail: string) => `The base did not do it: ${detail}`,
  menu: {
    title: 'Head of sales',
    configLoad: 'Config: load the rules in force',
    configPublish: 'Config: publish the rules',
    rulesHistory: 'Rules history',
    teamLoad: 'Team: load',
    teamSave: 'Team: save changes',
    offboard: 'Offboard a manager…',
    rotation: 'Rotation: preview and apply…',
    bonuses: 'Bonuses: compute, show, close a month…',
    statementLines: 'Bonuses: lines of the selected manager',
    mailing: 'Mailing list…',
    overdue: 'Overdue handover reports',
    audit: 'Audit log',
    auditOlder: 'Audit log: older entries',
    dashboard: 'Dashboard: refresh',
  },
  sheets: {
    config: 'Config',
    rulesHistory: 'Rules history',
    team: 'Team',
    rotationPreview: 'Rotation preview',
    offboardingPreview: 'Offboarding preview',
    statements: 'Statements',
    statementLines: 'Statement lines',
    overdue: 'Overdue reports',
    audit: 'Audit',
    dashboard: 'Dashboard',
    mailing: (channel: string, stamp: string) => `Mailing ${channel} ${stamp}`,
    confirmations: (channel: string, stamp: string) => `Confirmations ${channel} ${stamp}`,
  },
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
    more: (n: number) => `The ${enNumber(n)} latest versions are shown.`,
    columns: ['Version', 'Published', 'By', 'Differs from the rules in force'],
    inForce: 'in force',
    same: 'the same as the rules in force',
    defaults: 'defaults',
    shown: (n: number) => `Rules history: ${enCount(n, 'version', 'versions')}.`,
  },
  team: {
    columns: {
      id: 'Id',
      name: 'Name',
      email: 'E-mail',
      level: 'Level',
      role: 'Role',
      status: 'Status',
      leftOn: 'Left on',
      managerId: 'Manager id',
      version: 'Version',
      hash: 'Loaded',
    },
    notes: {
      id: "A new manager's id: letters, digits and _ . : @ -. It cannot change later.",
      email: 'The Google account the person signs in with. It cannot change later.',
      level: 'Professional level: higher is more senior. Rotation moves clients between managers of the same level.',
      status:
        'Left → Active re-activates a manager. To let someone go use Head of sales → Offboard a manager…: their clients must be handed on.',
    },
    roles: { manager: 'Sales manager', admin: 'Head of sales' },
    statuses: { active: 'Active', left: 'Left' },
    idFixed: 'the id of an existing manager cannot change: put it back, or add a new row for a new person',
    emailFixed: 'the e-mail of an existing manager cannot change here: it is how the base knows the person',
    offboardInstead: 'to let someone go use Head of sales → Offboard a manager… (their clients must be handed on)',
    newIsActive: 'a new manager starts Active',
    layoutBroken: "The Team sheet is missing some of clientbase's columns. Choose Team: load to put them back.",
    notOnRoster: 'This id is not on the roster; the row is ignored.',
    loaded: (total: number, added: number, kept: number) =>
      `Team loaded: ${enCount(total, 'person', 'people')}` +
      `${added > 0 ? `, ${enNumber(added)} new on the sheet` : ''}` +
      `${kept > 0 ? `; ${enCount(kept, 'row with unsaved changes was', 'rows with unsaved changes were')} kept as you left them` : ''}.`,
    noSheet: 'There is no Team sheet yet: choose Team: load first.',
    conflictNote: (field: string, value: string) =>
      `Conflict in "${field}": changed meanwhile to\n${value || '(empty)'}\n` +
      `Your value is kept in the cell and was not saved. Type theirs, or save again to put yours.`,
    saved: (c: TeamSaveCounts) => {
      const parts: string[] = [];
      if (c.saved > 0) parts.push(`${enCount(c.saved, 'row', 'rows')} saved`);
      if (c.created > 0) parts.push(`${enCount(c.created, 'manager', 'managers')} added`);
      if (c.conflicts > 0) parts.push(`${enCount(c.conflicts, 'conflict', 'conflicts')} (tinted orange: read the note)`);
      if (c.invalid > 0) parts.push(`${enCount(c.invalid, 'row has', 'rows have')} errors (tinted red: the note says what to fix)`);
      return parts.length > 0 ? `${capitalise(parts.join('; '))}.` : 'Nothing was saved.';
    },
  },
  rotation: {
    title: (today: string) => `Rotation for ${today}`,
    headingPlan: (at: string) => `Rotation for ${at}: the plan. Nothing has moved yet.`,
    headingApplied: (at: string, when: string, who: string) =>
      `The rotation for ${at} was already applied on ${when} by ${who}: these are the moves made then.`,
    summary: (moves: number, unbalanced: number, skipped: number) =>
      `${enCount(moves, 'client changes', 'clients change')} hands` +
      `${unbalanced > 0 ? `; ${enCount(unbalanced, 'manager is', 'managers are')} left uneven` : ''}` +
      `${skipped > 0 ? `; ${enCount(skipped, 'client stays', 'clients stay')}` : ''}` +
      `${unbalanced + skipped > 0 ? ' (why: on the sheet)' : ''}.`,
    newBase: 'the new base (unassigned)',
    blocks: {
      moves: (n: number) => `Moves (${enNumber(n)})`,
      balance: 'Balance per manager: given and received',
      unbalanced: (n: number) => `Unbalanced (${enNumber(n)}): why`,
      skipped: (n: number) => `Skipped (${enNumber(n)}): why they stay`,
    },
    columns: {
      moves: ['Client', 'Client id', 'From', 'To', 'Reason', 'Report due'],
      balance: ['Manager', 'Level', 'Given', 'Received', 'Difference'],
      unbalanced: ['Manager', 'Level', 'Given', 'Received', 'Why'],
      skipped: ['Client', 'Client id', 'Manager', 'Why'],
    },
  },
  offboarding: {
    title: 'Offboard a manager',
    choose: 'Choose the manager who leaves.',
    heading: (name: string, at: string) => `Offboarding of ${name} on ${at}: where each client goes. Nothing has changed yet.`,
    summary: (moves: number, skipped: number) =>
      `${enCount(moves, 'client is', 'clients are')} handed on` +
      `${skipped > 0 ? `; ${enCount(skipped, 'client stays', 'clients stay')} (why: on the sheet)` : ''}.`,
  },
  jobs: {
    running: {
      rotation: (s: number) => `Moving clients… ${s} s. A large base takes a few minutes; you may close this window: the work goes on.`,
      offboarding: (s: number) => `Handing the clients on… ${s} s. You may close this window: the work goes on.`,
      'bonus-compute': (s: number) => `Computing the statements… ${s} s.`,
      other: (s: number) => `Working… ${s} s.`,
    },
    failed: (detail: string, kind: string) =>
      `It did not finish (${kind}): ${detail || 'the base gave no reason'}. It is safe to start it again.`,
    monthClosedAlready: (month: string) => `${month} is closed: its statements were only read, nothing changed.`,
    computed: (month: string, managers: number, payable: string) =>
      `Statements for ${month} computed: ${enCount(managers, 'manager', 'managers')}, ${payable} payable in all.`,
    alreadyApplied: (at: string, when: string, who: string, moved: number) =>
      `Already applied: the rotation for ${at} was applied on ${when} by ${who} ` +
      `(${enCount(moved, 'client', 'clients')} moved then). Nothing moved now.`,
    applied: (offboarding: boolean, moved: number, skipped: number, unbalanced: number) =>
      `Done: ${enCount(moved, 'client', 'clients')} ${offboarding ? 'handed on' : 'moved'}` +
      `${skipped > 0 ? `, ${enNumber(skipped)} skipped` : ''}` +
      `${unbalanced > 0 ? `, ${enCount(unbalanced, 'manager', 'managers')} uneven` : ''}. ` +
      `The new managers owe their handover reports.`,
  },
  bonus: {
    title: 'Bonuses',
    headingOpen: (month: string) => `Bonus statements for ${month}: open (they may still change).`,
    headingClosed: (month: string, when: string, who: string) =>
      `Bonus statements for ${month}: CLOSED on ${when} by ${who}. Read-only: later corrections appear as adjustments ` +
      `in the next open month.`,
    computed: (when: string, who: string, version: number) => `Computed ${when} by ${who} under rules version ${version}.`,
    drillDown: "Every line of a manager's statement: select their row, then Head of sales → Bonuses: lines of the selected manager.",
    totalsHeader: ['Payable', 'Pending', 'Cancelled', 'Managers'],
    columns: ['Manager', 'Manager id', 'Level', 'Payable', 'Pending', 'Cancelled', 'Adjustments', 'Lines'],
    lockedDescription: (month: string) => `closed month ${month}: read-only`,
    shown: (month: string, n: number, closed: boolean) =>
      `${month}${closed ? ' (closed)' : ''}: ${enCount(n, 'statement', 'statements')} on the Statements sheet.`,
    selectManager: "Select a manager's row on the Statements sheet first (Bonuses: compute, show, close a month… puts it there).",
    notComputed: (month: string) => `${month} has not been computed yet: choose Compute first.`,
  },
  mailing: {
    title: 'Mailing list',
    heading: (channel: string, stamp: string, count: number) =>
      `${channel} list exported ${stamp}: ${enCount(count, 'contact', 'contacts')}, each with consent for ${channel}.`,
    cadence: (days: number) =>
      days > 0
        ? `Cadence applied: nobody listed for this channel within the last ${enCount(days, 'day', 'days')} is on it.`
        : 'No cadence: everybody with consent is on it.',
    exportId: (id: string) => `Export ${id} (audit-logged).`,
    columns: ['Name', 'Client id', 'Address', 'Unsubscribe link'],
    chooseChannel: 'Choose SMS or e-mail.',
    chooseList: 'Choose the mailing list or the confirmation requests.',
    done: (count: number, sheet: string, cadence: number) =>
      `${enCount(count, 'contact', 'contacts')} on the sheet «${sheet}» (cadence ${enCount(cadence, 'day', 'days')}).`,
    confirmHeading: (channel: string, stamp: string, count: number) =>
      `${channel} confirmation requests exported ${stamp}: ${enCount(count, 'contact', 'contacts')} who signed up on the ` +
      'website and have not confirmed yet. Send each its confirmation link: until it is opened, nobody on this sheet is mailed.',
    confirmCap: 'Each contact is asked at most 3 times, and never twice within the cadence.',
    confirmColumns: ['Name', 'Client id', 'Address', 'Confirmation link'],
    confirmDone: (count: number, sheet: string, cadence: number) =>
      `${enCount(count, 'confirmation request', 'confirmation requests')} on the sheet «${sheet}» ` +
      `(cadence ${enCount(cadence, 'day', 'days')}).`,
  },
  overdue: {
    heading: (asOf: string, n: number) => `Handover reports past their day on ${asOf}: ${enNumber(n)}.`,
    byManager: 'By manager',
    tasks: 'Every overdue report',
    managerColumns: ['Manager', 'Manager id', 'Overdue', 'Oldest due'],
    taskColumns: ['Manager', 'Client', 'Client id', 'Due', 'Days overdue', 'Handed over by', 'Why handed over'],
    shown: (n: number, managers: number) =>
      n === 0
        ? 'No overdue handover reports.'
        : `${enCount(n, 'overdue report', 'overdue reports')} of ${enCount(managers, 'manager', 'managers')}.`,
  },
  audit: {
    heading: (n: number, more: boolean) =>
      `Audit log, newest first: ${enCount(n, 'entry', 'entries')}` +
      `${more ? '. Head of sales → Audit log: older entries adds the next page below.' : ', all of them.'}`,
    columns: ['When', 'Who', 'Action', 'Outcome', 'Target', 'Details'],
    shown: (n: number) => `Audit log: ${enCount(n, 'entry', 'entries')}.`,
    noOlder: 'No older entries to show: choose Audit log first.',
    allShown: (n: number) => `Audit log: ${enCount(n, 'older entry', 'older entries')}; that was the last page.`,
  },
  dashboard: {
    heading: (asOf: string, at: string) => `Dashboard on ${asOf} (refreshed ${at}; Head of sales → Dashboard: refresh).`,
    unassigned: (n: number) => `Clients in the new base (no manager): ${enNumber(n)}.`,
    titles: {
      clients: 'Clients per manager, by level',
      attracted: 'New clients per month (first deal), by manager',
      moves: 'Clients moved per month: rotation and offboarding',
      bonuses: 'Bonuses per month: payable, pending, cancelled',
      overdue: 'Overdue handover reports per manager',
    },
    manager: 'Manager',
    month: 'Month',
    level: (l: number) => `Level ${l}`,
    rotation: 'Rotation',
    offboarding: 'Offboarding',
    bonusKinds: ['Payable, ₽', 'Pending, ₽', 'Cancelled, ₽'],
    overdueReports: 'Overdue reports',
    axes: { clients: 'clients', roubles: '₽', reports: 'reports' },
    shown: (managers: number, months: number) =>
      `Dashboard refreshed: ${enCount(managers, 'manager', 'managers')}, ${enCount(months, 'month', 'months')}.`,
  },
  pages: {
    cancel: 'Cancel',
    wentTo: 'Selected cell',
    goToCell: 'Go to cell',
    publishAgain: 'Publish again',
    publishing: 'Publishing…',
    publishedVersion: 'Published: the rules in force are now version',
    stillErrors: 'Still not published: fix the cells listed.',
    errorsIntro: 'The rules were not published; the rules in force did not change. Fix each cell (red, with a note), then publish again.',
    nothingToApply: 'Nothing to apply: this day was applied already.',
    noMoves: 'Nothing to apply: no client is due for rotation today.',
    applyRotation: 'Apply the rotation…',
    applyQuestion: 'The clients change hands now and their new managers get report tasks. Clients to move:',
    applyYes: 'Yes, apply it',
    balanceColumns: ['Manager', 'Level', 'Given', 'Received'],
    planOnSheet: 'Client by client, the plan is on the sheet',
    previewing: 'Working out the plan…',
    finished: 'Finished.',
    failed: 'It did not finish.',
    preview: 'Preview',
    rotationIntro: 'See who would give and receive which clients today, then apply. Day:',
    leaver: 'Manager who leaves',
    chooseLeaver: 'Choose the manager who leaves',
    level: 'level',
    receiverColumns: ['Takes over', 'Level', 'Clients'],
    offboard: 'Offboard',
    offboardQuestion: 'Their access ends at once; their clients go to colleagues. Clients to hand on:',
    offboardYes: 'Yes, offboard now',
    accessEnded: 'Access ended. The clients are being handed on.',
    offboardIntro: 'A leaver keeps nothing: all their clients go to colleagues of their level, evenly, and their access ends at once.',
    month: 'Month (YYYY-MM)',
    working: 'Working…',
    closeMonth: 'Close the month…',
    closeQuestion: 'A closed month never changes again: later corrections become adjustments in the next open month. Close it?',
    closeYes: 'Yes, close it',
    compute: 'Compute',
    showStatements: 'Show statements',
    cadence: 'at most once in (days):',
    downloadCsv: 'Download CSV',
    exportList: 'Export the list',
    mailingIntro:
      'Only contacts with consent for the channel, and nobody listed for it within the cadence. Every export is recorded in the audit log.',
    email: 'E-mail',
    sms: 'SMS',
    listKind: 'What to export:',
    mailingList: 'the mailing list (contacts with consent)',
    confirmationList: 'confirmation requests to website sign-ups (double opt-in)',
  },
};

export type AdminMessages = typeof enAdmin;

export const ruAdmin: AdminMessages = {
  locale: 'ru',
  reportProtection: 'лист заполняет дополнение; он перезаписывается при каждом обновлении',
  refused: (detail: string) => `База этого не сделала: ${detail}`,
  menu: {
    title: 'Руководитель отдела',
    configLoad: 'Правила: загрузить действующие',
    configPublish: 'Правила: опубликовать',
    rulesHistory: 'История правил',
    teamLoad: 'Команда: загрузить',
    teamSave: 'Команда: сохранить изменения',
    offboard: 'Увольнение менеджера…',
    rotation: 'Ротация: просмотр и запуск…',
    bonuses: 'Бонусы: расчёт, просмотр, закрытие месяца…',
    statementLines: 'Бонусы: строки выбранного менеджера',
    mailing: 'Список рассылки…',
    overdue: 'Просроченные отчёты о передаче',
    audit: 'Журнал аудита',
    auditOlder: 'Журнал аудита: более ранние записи',
    dashboard: 'Дашборд: обновить',
  },
  sheets: {
    config: 'Правила',
    rulesHistory: 'История правил',
    team: 'Команда',
    rotationPreview: 'План ротации',
    offboardingPreview: 'План передачи клиентов',
    statements: 'Расчёты бонусов',
    statementLines: 'Строки расчёта',
    overdue: 'Просроченные отчёты',
    audit: 'Аудит',
    dashboard: 'Дашборд',
    mailing: (channel: string, stamp: string) => `Рассылка ${channel} ${stamp}`,
    confirmations: (channel: string, stamp: string) => `Подтверждения ${channel} ${stamp}`,
  },
  config: {
    columns: {
      section: 'Раздел',
      setting: 'Параметр',
      value: 'Значение',
      unit: 'Единица',
      about: 'Что задаёт',
      key: 'Ключ',
      loaded: 'Загружено',
    },
    sections: { general: 'Общее', rotation: 'Ротация', bonus: 'Бонусы', mailing: 'Рассылки', intake: 'Новые клиенты' },
    settings: {
      timeZone: {
        label: 'Часовой пояс',
        unit: 'пояс IANA',
        about: 'Часы компании: дни, месяцы, сроки и месяц, в котором засчитывается сделка.',
      },
      'rotation.holdMonths': {
        label: 'Срок закрепления',
        unit: 'мес.',
        about: 'Клиент, который столько времени у менеджера без результата, становится кандидатом на ротацию.',
      },
      'rotation.noDealMonths': {
        label: 'Без сделок',
        unit: 'мес.',
        about: 'Клиент, чья последняя сделка настолько давняя, становится кандидатом на ротацию.',
      },
      'rotation.noReturnRotations': {
        label: 'Без возврата',
        unit: 'ротаций',
        about: 'Клиент не возвращается к менеджеру, у которого был в течение стольких ротаций.',
      },
      'rotation.reportDays': {
        label: 'Срок отчёта',
        unit: 'дней',
        about: 'Новый менеджер отчитывается о принятом клиенте в течение стольких дней.',
      },
      'rotation.writesPerSecond': {
        label: 'Темп записи',
        unit: 'записей/с',
        about: 'С какой скоростью ротация начинает писать в базу (каждые 5 минут — в полтора раза быстрее).',
      },
      'bonus.base': { label: 'Ставка от', unit: 'прибыль / сумма', about: 'Считать ставки от прибыли сделки или от её суммы.' },
      'bonus.normalRate': { label: 'Обычная ставка', unit: '%', about: 'Доля менеджера с каждой сделки (введите 5 для 5 %).' },
      'bonus.newClientMultiplier': {
        label: 'Множитель за нового клиента',
        unit: '×',
        about:
          'Первая сделка с привлечённым клиентом даёт во столько раз больше обычной ставки (от 2 до 3); каждая ' +
          'следующая — вдвое меньше предыдущей, до обычной.',
      },
      'bonus.retentionMonths': {
        label: 'Срок удержания',
        unit: 'мес.',
        about: 'Часть сверх обычной ставки выплачивается, только если клиент остаётся с компанией столько после первой сделки.',
      },
      'bonus.campaign.from': {
        label: 'Кампания с',
        unit: 'дата',
        about: 'Повышенные ставки — только для клиентов с первой сделкой в период кампании (оставьте обе даты пустыми — всегда).',
      },
      'bonus.campaign.to': { label: 'Кампания по', unit: 'дата', about: 'Последний день кампании.' },
      'bonus.attractionBonus': {
        label: 'Бонус за привлечение',
        unit: '₽ за клиента',
        about: 'Фиксированная сумма за каждого нового клиента (его первую сделку), если не действует ступень ниже.',
      },
      'mailing.smsCadenceDays': {
        label: 'Частота SMS',
        unit: 'дней',
        about: 'Никто не попадает в список SMS чаще, чем раз в столько дней.',
      },
      'mailing.emailCadenceDays': {
        label: 'Частота e-mail',
        unit: 'дней',
        about: 'Никто не попадает в список e-mail чаще, чем раз в столько дней.',
      },
      'intake.rule': { label: 'Новые заявки', unit: 'правило', about: 'По очереди внутри уровня или все одному менеджеру по приёму.' },
      'intake.level': {
        label: 'Уровень очереди',
        unit: 'уровень',
        about: 'Менеджеры какого уровня получают заявки по очереди (пусто — самый младший уровень, где кто-то работает).',
      },
      'intake.managerId': {
        label: 'Менеджер по приёму',
        unit: 'ID менеджера',
        about: 'Кто получает все заявки, если выбрано правило «одному менеджеру».',
      },
      'intake.signupsPerMinutePerIp': {
        label: 'Заявок в минуту',
        unit: 'с адреса',
        about: 'Больше заявок с одного интернет-адреса за минуту не принимается.',
      },
    },
    tiers: {
      'bonus.attractionTiers': {
        title: 'Ступени привлечения',
        first: 'От, новых клиентов в месяц',
        second: 'Бонус за клиента',
        unit: 'клиенты → ₽',
        about: 'Бонус за нового клиента по самой высокой ступени, которой достиг месяц; пустые строки — для новых ступеней.',
      },
      'bonus.cohortTiers': {
        title: 'Ступени удержания',
        first: 'Удержано, не менее',
        second: 'Ставка',
        unit: '% → %',
        about: 'Если такая доля новых клиентов месяца осталась с компанией после срока удержания, с их прибыли начисляется эта ставка.',
      },
    },
    base: { profit: 'Прибыль', amount: 'Сумма' },
    intakeRules: { 'round-robin': 'По очереди в уровне', fixed: 'Одному менеджеру по приёму' },
    problems: {
      wholeNumber: 'нужно целое число',
      number: 'нужно число',
      percent: 'нужны проценты, например 5 или 7,5',
      money: 'нужна сумма в рублях, например 1000',
      between: (min: string, max: string) => `должно быть от ${min} до ${max}`,
      atLeast: (min: string) => `должно быть не меньше ${min}`,
      atMost: (max: string) => `должно быть не больше ${max}`,
    },
    schemaMessages: {
      'must not be negative': 'не может быть отрицательным',
      'from must not be after to': 'кампания не может закончиться раньше, чем началась',
      'must be an IANA time zone such as Europe/Moscow': 'нужен часовой пояс, например Europe/Moscow',
      'is required when rule is fixed': 'обязательно, когда все заявки идут одному менеджеру',
      'must be a date YYYY-MM-DD': 'нужна дата в виде ГГГГ-ММ-ДД',
    },
    notSet: '(не задано)',
    statusSection: 'Действующие правила',
    version: (n: number) => `Версия ${n}`,
    neverPublished: 'по умолчанию: ещё не публиковались',
    publishedBy: (when: string, who: string) => `опубликовано ${when}, ${who}`,
    validationHelp: {
      number: (min: number, max: number) => `Число от ${ruNumber(min)} до ${ruNumber(max)}.`,
      percent: 'Проценты: введите 5 для 5 %.',
      money: 'Рубли, например 1000.',
      day: 'Дата, например 2026-03-01.',
    },
    layoutBroken:
      'На листе «Правила» не хватает столбцов clientbase. Выберите «Правила: загрузить действующие», чтобы разметить его заново.',
    loadTitle: 'Загрузить действующие правила',
    dropEdits: (n: number) =>
      `На листе «Правила» изменено и не опубликовано: ${ruCount(n, 'параметр', 'параметра', 'параметров')}. Загрузка ` +
      `действующих правил их заменит. Всё равно загрузить?`,
    loaded: (version: number) =>
      version === 0 ? 'Правила загружены: значения по умолчанию (ещё не публиковались).' : `Правила загружены: версия ${version}.`,
    wholeConfig: 'Правила в целом',
    noSheet: 'Листа «Правила» ещё нет: сначала выберите «Правила: загрузить действующие».',
    missingRows: (list: string) =>
      `На листе «Правила» пропали строки: ${list}. Выберите «Правила: загрузить действующие» (сначала запишите свои правки).`,
    conflictNote: (theirs: string, who: string, when: string) =>
      `${who} опубликовал(а) здесь ${theirs} ${when}, пока вы редактировали. Ваше значение оставлено: опубликуйте, ` +
      `чтобы оно вступило в силу, или введите их значение.`,
    conflict: (s: MergeSummary) =>
      [
        `${s.who} опубликовал(а) версию ${s.version} ${s.when}, пока вы редактировали, поэтому ничего не опубликовано.`,
        s.changes.length > 0 ? `Что в ней изменилось:\n${s.changes.map((c) => `• ${c}`).join('\n')}` : '',
        s.taken > 0
          ? `${capitalise(ruCount(s.taken, 'параметр', 'параметра', 'параметров'))}, которые вы не трогали, теперь ` +
            `показывают новое значение.`
          : '',
        s.conflicts > 0
          ? `${capitalise(ruCount(s.conflicts, 'параметр', 'параметра', 'параметров'))}, которые вы изменили, ` +
            `изменены и там: они оранжевые, их значение — в примечании. Оставьте своё или введите их, затем опубликуйте снова.`
          : 'Ваши правки сохранены на листе: опубликуйте снова, чтобы они вступили в силу.',
        s.notShown > 0
          ? `В новой версии есть ступени, для которых на листе нет строк (${ruNumber(s.notShown)}): загрузите ` +
            `действующие правила, чтобы их увидеть.`
          : '',
      ]
        .filter((l) => l !== '')
        .join('\n\n'),
    conflictTitle: 'Кто-то опубликовал правила раньше вас',
    published: (version: number) => `Опубликовано: действует версия ${version}.`,
    errorsTitle: 'Правила: ошибки',
    notPublished: (n: number) => `Не опубликовано: ошибок — ${ruNumber(n)} (красные ячейки). Действующие правила не изменились.`,
    rowGone: (label: string) => `Строки «${label}» больше нет на листе «Правила».`,
  },
  history: {
    heading: (version: number) =>
      `История правил: действует версия ${version}. Для каждой версии показано, чем она отличается от действующей.`,
    more: (n: number) => `Показаны последние версии: ${ruNumber(n)}.`,
    columns: ['Версия', 'Опубликована', 'Кем', 'Отличия от действующих правил'],
    inForce: 'действует',
    same: 'совпадает с действующими правилами',
    defaults: 'по умолчанию',
    shown: (n: number) => `История правил: ${ruCount(n, 'версия', 'версии', 'версий')}.`,
  },
  team: {
    columns: {
      id: 'ID',
      name: 'Имя',
      email: 'E-mail',
      level: 'Уровень',
      role: 'Роль',
      status: 'Статус',
      leftOn: 'Уволен',
      managerId: 'ID менеджера',
      version: 'Версия',
      hash: 'Загружено',
    },
    notes: {
      id: 'ID нового менеджера: буквы, цифры и _ . : @ -. Потом его не изменить.',
      email: 'Аккаунт Google, под которым человек входит. Потом его не изменить.',
      level: 'Профессиональный уровень: больше — старше. Ротация передаёт клиентов между менеджерами одного уровня.',
      status:
        '«Уволен» → «Работает» возвращает менеджера. Чтобы уволить, выберите «Руководитель отдела → Увольнение ' +
        'менеджера…»: его клиентов нужно передать.',
    },
    roles: { manager: 'Менеджер', admin: 'Руководитель отдела' },
    statuses: { active: 'Работает', left: 'Уволен' },
    idFixed: 'ID существующего менеджера не меняется: верните прежний или добавьте новую строку для нового человека',
    emailFixed: 'e-mail существующего менеджера здесь не меняется: по нему база узнаёт человека',
    offboardInstead: 'чтобы уволить, выберите «Руководитель отдела → Увольнение менеджера…» (его клиентов нужно передать)',
    newIsActive: 'новый менеджер начинает со статусом «Работает»',
    layoutBroken: 'На листе «Команда» не хватает столбцов clientbase. Выберите «Команда: загрузить», чтобы вернуть их.',
    notOnRoster: 'Этого ID нет в списке сотрудников; строка пропущена.',
    loaded: (total: number, added: number, kept: number) =>
      `Команда загружена: ${ruCount(total, 'человек', 'человека', 'человек')}` +
      `${added > 0 ? `, новых на листе: ${ruNumber(added)}` : ''}` +
      `${kept > 0 ? `; строк с несохранёнными правками оставлено как есть: ${ruNumber(kept)}` : ''}.`,
    noSheet: 'Листа «Команда» ещё нет: сначала выберите «Команда: загрузить».',
    conflictNote: (field: string, value: string) =>
      `Конфликт в поле «${field}»: тем временем изменено на\n${value || '(пусто)'}\n` +
      `Ваше значение осталось в ячейке и не сохранено. Введите их значение или сохраните снова, чтобы записать своё.`,
    saved: (c: TeamSaveCounts) => {
      const parts: string[] = [];
      if (c.saved > 0) parts.push(`сохранено: ${ruCount(c.saved, 'строка', 'строки', 'строк')}`);
      if (c.created > 0) parts.push(`добавлено менеджеров: ${ruNumber(c.created)}`);
      if (c.conflicts > 0) parts.push(`конфликтов: ${ruNumber(c.conflicts)} (оранжевые: прочтите примечание)`);
      if (c.invalid > 0)
        parts.push(`с ошибками: ${ruCount(c.invalid, 'строка', 'строки', 'строк')} (красные: в примечании сказано, что исправить)`);
      return parts.length > 0 ? `${capitalise(parts.join('; '))}.` : 'Ничего не сохранено.';
    },
  },
  rotation: {
    title: (today: string) => `Ротация на ${today}`,
    headingPlan: (at: string) => `Ротация на ${at}: план. Пока ничего не передано.`,
    headingApplied: (at: string, when: string, who: string) =>
      `Ротация на ${at} уже проведена ${when}, ${who}: вот какие передачи были сделаны.`,
    summary: (moves: number, unbalanced: number, skipped: number) =>
      `Передаётся: ${ruCount(moves, 'клиент', 'клиента', 'клиентов')}` +
      `${unbalanced > 0 ? `; без баланса: ${ruCount(unbalanced, 'менеджер', 'менеджера', 'менеджеров')}` : ''}` +
      `${skipped > 0 ? `; остаются: ${ruCount(skipped, 'клиент', 'клиента', 'клиентов')}` : ''}` +
      `${unbalanced + skipped > 0 ? ' (причины — на листе)' : ''}.`,
    newBase: 'новая база (без менеджера)',
    blocks: {
      moves: (n: number) => `Передачи (${ruNumber(n)})`,
      balance: 'Баланс по менеджерам: отдал и получил',
      unbalanced: (n: number) => `Без баланса (${ruNumber(n)}): почему`,
      skipped: (n: number) => `Остаются (${ruNumber(n)}): почему`,
    },
    columns: {
      moves: ['Клиент', 'ID клиента', 'От кого', 'Кому', 'Причина', 'Отчёт до'],
      balance: ['Менеджер', 'Уровень', 'Отдал', 'Получил', 'Разница'],
      unbalanced: ['Менеджер', 'Уровень', 'Отдал', 'Получил', 'Почему'],
      skipped: ['Клиент', 'ID клиента', 'Менеджер', 'Почему'],
    },
  },
  offboarding: {
    title: 'Увольнение менеджера',
    choose: 'Выберите увольняющегося менеджера.',
    heading: (name: string, at: string) => `Увольнение: ${name}, ${at}. Куда уйдёт каждый клиент. Пока ничего не изменилось.`,
    summary: (moves: number, skipped: number) =>
      `Передаётся: ${ruCount(moves, 'клиент', 'клиента', 'клиентов')}` +
      `${skipped > 0 ? `; остаются: ${ruCount(skipped, 'клиент', 'клиента', 'клиентов')} (причины — на листе)` : ''}.`,
  },
  jobs: {
    running: {
      rotation: (s: number) => `Передаём клиентов… ${s} с. Большая база — несколько минут; окно можно закрыть: работа продолжится.`,
      offboarding: (s: number) => `Передаём клиентов… ${s} с. Окно можно закрыть: работа продолжится.`,
      'bonus-compute': (s: number) => `Считаем бонусы… ${s} с.`,
      other: (s: number) => `Работаем… ${s} с.`,
    },
    failed: (detail: string, kind: string) =>
      `Не завершилось (${kind}): ${detail || 'база не назвала причину'}. Запустить снова безопасно.`,
    monthClosedAlready: (month: string) => `Месяц ${month} закрыт: расчёты только прочитаны, ничего не изменилось.`,
    computed: (month: string, managers: number, payable: string) =>
      `Бонусы за ${month} рассчитаны: ${ruCount(managers, 'менеджер', 'менеджера', 'менеджеров')}, к выплате всего ${payable}.`,
    alreadyApplied: (at: string, when: string, who: string, moved: number) =>
      `Уже проведена: ротация на ${at} проведена ${when}, ${who} (тогда передано: ` +
      `${ruCount(moved, 'клиент', 'клиента', 'клиентов')}). Сейчас ничего не передано.`,
    applied: (offboarding: boolean, moved: number, skipped: number, unbalanced: number) =>
      `Готово: ${offboarding ? 'передано' : 'перемещено'} ${ruCount(moved, 'клиент', 'клиента', 'клиентов')}` +
      `${skipped > 0 ? `, пропущено ${ruNumber(skipped)}` : ''}` +
      `${unbalanced > 0 ? `, без баланса ${ruCount(unbalanced, 'менеджер', 'менеджера', 'менеджеров')}` : ''}. ` +
      `Новые менеджеры должны сдать отчёты о передаче.`,
  },
  bonus: {
    title: 'Бонусы',
    headingOpen: (month: string) => `Расчёты бонусов за ${month}: месяц открыт (могут измениться).`,
    headingClosed: (month: string, when: string, who: string) =>
      `Расчёты бонусов за ${month}: ЗАКРЫТ ${when}, ${who}. Только для чтения: поздние исправления придут ` +
      `корректировками в следующем открытом месяце.`,
    computed: (when: string, who: string, version: number) => `Рассчитано ${when}, ${who}, по правилам версии ${version}.`,
    drillDown: 'Все строки расчёта менеджера: выделите его строку и выберите «Руководитель отдела → Бонусы: строки выбранного менеджера».',
    totalsHeader: ['К выплате', 'Ожидает', 'Отменено', 'Менеджеров'],
    columns: ['Менеджер', 'ID менеджера', 'Уровень', 'К выплате', 'Ожидает', 'Отменено', 'Корректировки', 'Строк'],
    lockedDescription: (month: string) => `закрытый месяц ${month}: только чтение`,
    shown: (month: string, n: number, closed: boolean) =>
      `${month}${closed ? ' (закрыт)' : ''}: на листе «Расчёты бонусов» — ${ruCount(n, 'расчёт', 'расчёта', 'расчётов')}.`,
    selectManager:
      'Сначала выделите строку менеджера на листе «Расчёты бонусов» (её выводит пункт «Бонусы: расчёт, просмотр, закрытие месяца…»).',
    notComputed: (month: string) => `Бонусы за ${month} ещё не рассчитаны: сначала нажмите «Рассчитать».`,
  },
  mailing: {
    title: 'Список рассылки',
    heading: (channel: string, stamp: string, count: number) =>
      `Список ${channel} выгружен ${stamp}: ${ruCount(count, 'контакт', 'контакта', 'контактов')}, у каждого есть согласие на ${channel}.`,
    cadence: (days: number) =>
      days > 0
        ? `Частота соблюдена: в списке нет никого, кто попадал в рассылку по этому каналу за последние ` +
          `${ruCount(days, 'день', 'дня', 'дней')}.`
        : 'Без ограничения частоты: в списке все, кто дал согласие.',
    exportId: (id: string) => `Выгрузка ${id} (записана в журнал аудита).`,
    columns: ['Имя', 'ID клиента', 'Адрес', 'Ссылка для отписки'],
    chooseChannel: 'Выберите SMS или e-mail.',
    chooseList: 'Выберите список рассылки или запросы подтверждения.',
    done: (count: number, sheet: string, cadence: number) =>
      `${capitalise(ruCount(count, 'контакт', 'контакта', 'контактов'))} на листе «${sheet}» (частота: раз в ` +
      `${ruCount(cadence, 'день', 'дня', 'дней')}).`,
    confirmHeading: (channel: string, stamp: string, count: number) =>
      `Запросы подтверждения ${channel} выгружены ${stamp}: ${ruCount(count, 'контакт', 'контакта', 'контактов')}, ` +
      'оставивших заявку на сайте и ещё не подтвердивших её. Отправьте каждому его ссылку: пока она не открыта, ' +
      'никому с этого листа рассылка не идёт.',
    confirmCap: 'Каждого спрашиваем не больше 3 раз и не чаще, чем позволяет частота рассылки.',
    confirmColumns: ['Имя', 'ID клиента', 'Адрес', 'Ссылка для подтверждения'],
    confirmDone: (count: number, sheet: string, cadence: number) =>
      `${capitalise(ruCount(count, 'запрос', 'запроса', 'запросов'))} подтверждения на листе «${sheet}» (частота: раз в ` +
      `${ruCount(cadence, 'день', 'дня', 'дней')}).`,
  },
  overdue: {
    heading: (asOf: string, n: number) => `Просроченные отчёты о передаче на ${asOf}: ${ruNumber(n)}.`,
    byManager: 'По менеджерам',
    tasks: 'Все просроченные отчёты',
    managerColumns: ['Менеджер', 'ID менеджера', 'Просрочено', 'Самый давний срок'],
    taskColumns: ['Менеджер', 'Клиент', 'ID клиента', 'Срок', 'Дней просрочки', 'Кто передал', 'Причина передачи'],
    shown: (n: number, managers: number) =>
      n === 0
        ? 'Просроченных отчётов нет.'
        : `Просроченных отчётов: ${ruNumber(n)}, у ${ruCount(managers, 'менеджера', 'менеджеров', 'менеджеров')}.`,
  },
  audit: {
    heading: (n: number, more: boolean) =>
      `Журнал аудита, сначала новые: ${ruCount(n, 'запись', 'записи', 'записей')}` +
      `${more ? '. «Руководитель отдела → Журнал аудита: более ранние записи» добавит следующую страницу ниже.' : ', это все.'}`,
    columns: ['Когда', 'Кто', 'Действие', 'Итог', 'Объект', 'Подробности'],
    shown: (n: number) => `Журнал аудита: ${ruCount(n, 'запись', 'записи', 'записей')}.`,
    noOlder: 'Более ранних записей нет: сначала выберите «Журнал аудита».',
    allShown: (n: number) => `Журнал аудита: ещё ${ruCount(n, 'запись', 'записи', 'записей')}; это была последняя страница.`,
  },
  dashboard: {
    heading: (asOf: string, at: string) => `Дашборд на ${asOf} (обновлён ${at}; «Руководитель отдела → Дашборд: обновить»).`,
    unassigned: (n: number) => `Клиентов в новой базе (без менеджера): ${ruNumber(n)}.`,
    titles: {
      clients: 'Клиенты по менеджерам и уровням',
      attracted: 'Новые клиенты по месяцам (первая сделка), по менеджерам',
      moves: 'Передано клиентов по месяцам: ротация и увольнения',
      bonuses: 'Бонусы по месяцам: к выплате, ожидают, отменены',
      overdue: 'Просроченные отчёты о передаче по менеджерам',
    },
    manager: 'Менеджер',
    month: 'Месяц',
    level: (l: number) => `Уровень ${l}`,
    rotation: 'Ротация',
    offboarding: 'Увольнения',
    bonusKinds: ['К выплате, ₽', 'Ожидает, ₽', 'Отменено, ₽'],
    overdueReports: 'Просроченные отчёты',
    axes: { clients: 'клиентов', roubles: '₽', reports: 'отчётов' },
    shown: (managers: number, months: number) =>
      `Дашборд обновлён: ${ruCount(managers, 'менеджер', 'менеджера', 'менеджеров')}, ${ruCount(months, 'месяц', 'месяца', 'месяцев')}.`,
  },
  pages: {
    cancel: 'Отмена',
    wentTo: 'Выделена ячейка',
    goToCell: 'Перейти к ячейке',
    publishAgain: 'Опубликовать снова',
    publishing: 'Публикуем…',
    publishedVersion: 'Опубликовано: действует версия',
    stillErrors: 'Всё ещё не опубликовано: исправьте перечисленные ячейки.',
    errorsIntro:
      'Правила не опубликованы; действующие правила не изменились. Исправьте каждую ячейку (красная, с примечанием) и опубликуйте снова.',
    nothingToApply: 'Запускать нечего: ротация на этот день уже проведена.',
    noMoves: 'Запускать нечего: сегодня ни один клиент не подлежит ротации.',
    applyRotation: 'Провести ротацию…',
    applyQuestion: 'Клиенты сейчас перейдут к другим менеджерам, новые менеджеры получат задачи на отчёт. Клиентов к передаче:',
    applyYes: 'Да, провести',
    balanceColumns: ['Менеджер', 'Уровень', 'Отдаёт', 'Получает'],
    planOnSheet: 'План по каждому клиенту — на листе',
    previewing: 'Составляем план…',
    finished: 'Готово.',
    failed: 'Не завершилось.',
    preview: 'Посмотреть план',
    rotationIntro: 'Посмотрите, кто каких клиентов отдаст и получит сегодня, затем запустите. День:',
    leaver: 'Увольняющийся менеджер',
    chooseLeaver: 'Выберите увольняющегося менеджера',
    level: 'уровень',
    receiverColumns: ['Принимает', 'Уровень', 'Клиентов'],
    offboard: 'Уволить:',
    offboardQuestion: 'Доступ закроется сразу, клиенты перейдут коллегам. Клиентов к передаче:',
    offboardYes: 'Да, уволить сейчас',
    accessEnded: 'Доступ закрыт. Клиенты передаются.',
    offboardIntro: 'Уходящий ничего не уносит: все его клиенты поровну переходят коллегам его уровня, а доступ закрывается сразу.',
    month: 'Месяц (ГГГГ-ММ)',
    working: 'Работаем…',
    closeMonth: 'Закрыть месяц…',
    closeQuestion: 'Закрытый месяц больше не меняется: поздние исправления станут корректировками в следующем открытом месяце. Закрыть?',
    closeYes: 'Да, закрыть',
    compute: 'Рассчитать',
    showStatements: 'Показать расчёты',
    cadence: 'не чаще раза в (дней):',
    downloadCsv: 'Скачать CSV',
    exportList: 'Выгрузить список',
    mailingIntro:
      'Только контакты с согласием на этот канал и никого, кто уже был в рассылке чаще допустимого. Каждая выгрузка ' +
      'записывается в журнал аудита.',
    email: 'E-mail',
    sms: 'SMS',
    listKind: 'Что выгрузить:',
    mailingList: 'список рассылки (контакты с согласием)',
    confirmationList: 'запросы подтверждения заявкам с сайта (двойное согласие)',
  },
};
