// Every word the add-on says to people, in English and Russian, chosen by the spreadsheet's locale.
// Codes the API speaks (kinds, sources, outcomes…) are translated here and nowhere else.

import type { ConsentStatus } from '../../functions/src/schema/consent.ts';
import { enAdmin, ruAdmin } from './admin-messages.ts';
import { enCount, enNumber, ruCount, ruNumber, type Locale } from './wording.ts';

export type { Locale };

/** `ru_RU`, `ru`, `be_BY`… read as Russian; everything else as English. */
export function localeOf(spreadsheetLocale: string | null | undefined): Locale {
  return /^ru(\b|_|-)/i.test(spreadsheetLocale ?? '') ? 'ru' : 'en';
}

export type RefreshSummary = {
  total: number;
  updated: number;
  added: number;
  removed: number;
  keptUnsaved: number;
  duplicates: number;
  unknownIds: number;
};
export type SaveSummary = {
  applied: number;
  created: number;
  merged: number;
  conflicts: number;
  invalid: number;
  duplicates: number;
};
export type DepartureCounts = {
  rotation: number;
  reassigned: number;
  offboarding: number;
  unknown: number;
  lastRotationDay: string | null;
};

const en = {
  appName: 'clientbase',
  menu: {
    refresh: 'Load / refresh my clients',
    save: 'Save changes',
    card: 'Client card (selected row)',
    keepMine: 'Conflicts: keep mine (selected rows)',
    takeTheirs: 'Conflicts: take theirs (selected rows)',
    tasks: 'My handover reports',
    bonus: 'My bonus…',
    connection: 'Check connection',
  },
  sheets: { myClients: 'My clients', myBonus: 'My bonus' },
  columns: {
    name: 'Name',
    kind: 'Kind',
    size: 'Size',
    phones: 'Phones',
    emails: 'E-mails',
    taxNumber: 'INN',
    source: 'Source',
    lastDealAt: 'Last deal',
    dealCount: 'Deals',
    daysHeld: 'Days held',
    rotationDueOn: 'Rotation due on',
    reportDueOn: 'Report due',
    lostAt: 'Lost on',
    lostReason: 'Lost reason',
    competitor: 'Competitor',
    clientId: 'Client id',
    version: 'Version',
    hash: 'Loaded',
  },
  columnNotes: {
    phones: 'Several phones: separate them with commas.',
    emails: 'Several e-mails: separate them with commas.',
    rotationDueOn:
      'The day this client becomes a rotation candidate under the current rules unless you make a deal (computed by the base).',
    reportDueOn: 'Your handover report on this client is due by this day.',
    daysHeld: 'Days since the client was assigned to you.',
    lostAt: 'Mark a lost client: the day, the reason and the competitor if known.',
    readOnly: 'Filled in by clientbase; your edits here are not saved.',
    system: 'Used by clientbase to keep each row attached to its client. Do not edit.',
  },
  kinds: { person: 'Person', company: 'Company' },
  sizes: { regular: 'Regular', large: 'Large' },
  sources: {
    questionnaire: 'Questionnaire',
    website: 'Website',
    event: 'Event',
    referral: 'Referral',
    import: 'Import',
    'cold-call': 'Cold call',
    other: 'Other',
  },
  contactChannels: { call: 'Call', meeting: 'Meeting', email: 'E-mail', sms: 'SMS', message: 'Message', other: 'Other' },
  consentChannels: { sms: 'SMS', email: 'E-mail' },
  // Every status the base records has its words here: a pending sign-up must never read as a consent.
  consentStatuses: {
    granted: 'Granted',
    pending: 'Signed up, awaiting confirmation (not mailed)',
    withdrawn: 'Withdrawn',
    dead: 'Unreachable',
  } satisfies Record<ConsentStatus | 'dead', string>,
  consentMethods: {
    questionnaire: 'Questionnaire',
    website: 'Website form',
    event: 'Event',
    import: 'Import',
    staff: 'Recorded by staff',
    unsubscribe: 'Unsubscribed',
    bounce: 'Bounced',
  },
  outcomes: {
    deal: 'Deal made',
    'in-progress': 'In progress',
    'no-need': 'No need',
    unreachable: 'Unreachable',
    lost: 'Lost',
    other: 'Other',
  },
  transferReasons: {
    'no-deal-since-assignment': 'rotation: no deal since assigned',
    'no-deal-for-months': 'rotation: no recent deal',
    offboarding: 'a colleague left',
    manual: 'moved by the head of sales',
    intake: 'new client',
    'top-up': 'rotation: from the new base',
  },
  historyTypes: {
    contact: 'Contact',
    note: 'Note',
    deal: 'Deal',
    transfer: 'Transfer',
    consent: 'Consent',
    report: 'Handover report',
    lost: 'Lost',
    incentive: 'Incentive',
    edit: 'Edit',
  },
  incentiveKinds: { 'discount-card': 'discount card', gift: 'gift', 'prize-draw': 'prize draw' },
  lineKinds: {
    normal: 'Normal rate',
    raised: 'New-client rate',
    'raised-release': 'New-client rate released',
    'raised-cancel': 'New-client rate cancelled',
    attraction: 'Attraction bonus',
    cohort: 'Cohort retention bonus',
    adjustment: 'Adjustment',
  },
  lineStatuses: { payable: 'Payable', pending: 'Pending', released: 'Released', cancelled: 'Cancelled' },

  refresh: {
    summary: (s: RefreshSummary) => {
      const parts = [`${enCount(s.total, 'client', 'clients')} loaded`];
      if (s.updated > 0) parts.push(`${enNumber(s.updated)} updated`);
      if (s.added > 0) parts.push(`${enNumber(s.added)} new`);
      if (s.removed > 0) parts.push(`${enNumber(s.removed)} removed`);
      if (s.keptUnsaved > 0)
        parts.push(`${enCount(s.keptUnsaved, 'row', 'rows')} with unsaved changes kept as you left them (Save to send them)`);
      if (s.duplicates > 0)
        parts.push(
          `${enCount(s.duplicates, 'row repeats', 'rows repeat')} another row's client and ` +
            `${s.duplicates === 1 ? 'was' : 'were'} left alone (delete the copy)`,
        );
      if (s.unknownIds > 0)
        parts.push(
          `${enCount(s.unknownIds, 'row has', 'rows have')} a client id this sheet never loaded and ` +
            `${s.unknownIds === 1 ? 'was' : 'were'} left alone`,
        );
      return `${parts.join('; ')}.`;
    },
    removedTitle: 'Clients no longer yours',
    removed: (n: number, why: DepartureCounts) => {
      const reasons: string[] = [];
      if (why.rotation > 0)
        reasons.push(
          `${enNumber(why.rotation)} handed to colleagues by the rotation${why.lastRotationDay ? ` of ${why.lastRotationDay}` : ''}`,
        );
      if (why.reassigned > 0) reasons.push(`${enNumber(why.reassigned)} moved by the head of sales`);
      if (why.offboarding > 0) reasons.push(`${enNumber(why.offboarding)} handed on when staff changed`);
      if (why.unknown > 0) reasons.push(`${enNumber(why.unknown)} no longer in your book`);
      return (
        `${enCount(n, 'row was', 'rows were')} removed: ${reasons.join(', ')}. Their history stays in the base ` +
        `with the new manager; your own columns on those rows went with them.`
      );
    },
    keptDirtyNote: 'You changed this row and have not saved: the base was not allowed to overwrite it. Save to send your change.',
    duplicateRowNote: (row: number) => `This row repeats the client of row ${row}. clientbase ignores it: delete one of the two.`,
    unknownIdNote: 'This client id was not loaded by clientbase in this sheet; the row is ignored.',
  },
  save: {
    nothing: 'Nothing to save: no row has changed since it was loaded.',
    summary: (s: SaveSummary) => {
      const parts: string[] = [];
      if (s.applied + s.merged > 0) parts.push(`${enCount(s.applied + s.merged, 'row', 'rows')} saved`);
      if (s.created > 0) parts.push(`${enCount(s.created, 'new client', 'new clients')} added`);
      if (s.conflicts > 0)
        parts.push(
          `${enCount(s.conflicts, 'conflict', 'conflicts')} (tinted orange: someone changed the same cell; read the ` +
            `note, then use Keep mine or Take theirs)`,
        );
      if (s.invalid > 0) parts.push(`${enCount(s.invalid, 'row has', 'rows have')} errors (tinted red: the note says what to fix)`);
      if (s.duplicates > 0) parts.push(`${enCount(s.duplicates, 'new client is', 'new clients are')} already in the base (not added)`);
      return parts.length > 0 ? `${parts.join('; ')}.` : 'Nothing was saved.';
    },
    conflictNote: (field: string, theirs: string, who: string | null, when: string) =>
      `Conflict in "${field}": ${who ? `${who} changed it` : 'it was changed in the base'} on ${when} to:\n` +
      `${theirs || '(empty)'}\n` +
      `Your value is kept in the cell, not saved yet. ` +
      `Select the row and choose clientbase → Conflicts: keep mine (save yours) or take theirs.`,
    invalidNote: (message: string) => `Not saved: ${message}`,
    duplicateNote: 'Not added: this client is already in the base. If it should be yours, ask the head of sales.',
    notYoursNote: 'Not saved: this client is no longer yours (moved to a colleague). Refresh to update the sheet.',
    layoutBroken: (columns: string) =>
      `The sheet is missing clientbase's column(s) ${columns}. Choose Load / refresh my clients to put them back, then save again.`,
    wrongOwner: (owner: string, me: string) =>
      `This sheet holds the clients of ${owner}, and you are signed in as ${me}. Open your own spreadsheet or sign in as ${owner}.`,
    invalidChoice: (choices: string) => `choose one of: ${choices}`,
  },
  resolve: {
    nothingSelected:
      'Select the rows whose conflicts you want to resolve (rows tinted orange on My clients), then choose the command again.',
    nothingToResolve: 'The selected rows have no unsaved changes or conflicts.',
    keptMine: (n: number) => `${enCount(n, 'row', 'rows')} saved with your values.`,
    tookTheirs: (n: number) => `${enCount(n, 'row', 'rows')} now show the base's values; your other unsaved changes on them are kept.`,
  },
  card: {
    selectRow: "Select a client's row on the My clients sheet, then open the card.",
    noSheet: 'There is no My clients sheet yet: choose Load / refresh my clients first.',
    newRow: 'This row is a new client that has not been saved yet. Save changes first, then open the card.',
    title: (name: string) => `Client: ${name}`,
  },
  tasks: { title: 'Handover reports' },
  bonus: {
    prompt: (offered: string) => `Which month? Type it as YYYY-MM, or leave it empty for ${offered}.`,
    promptTitle: 'My bonus',
    badMonth: (text: string) => `"${text}" is not a month: type it as YYYY-MM, for example 2026-03.`,
    noStatement: (month: string) =>
      `There is no bonus statement for ${month} yet. Statements are computed on the 1st of the following month.`,
    heading: (month: string, closed: boolean) => `Bonus statement for ${month}${closed ? ' (closed)' : ' (open: may still change)'}`,
    totals: { payable: 'Payable', pending: 'Pending', cancelled: 'Cancelled' },
    columns: {
      client: 'Client',
      deal: 'Deal',
      rule: 'Rule',
      rate: 'Rate',
      amount: 'Amount',
      status: 'Status',
      pendingUntil: 'Pending until',
      note: 'Why',
    },
    shown: (month: string, lines: number) => `Bonus for ${month}: ${enCount(lines, 'line', 'lines')}.`,
  },
  connection: {
    ok: (name: string, role: string, level: number, url: string) => `Connected to ${url} as ${name} (${role}, level ${level}).`,
    roles: { manager: 'sales manager', admin: 'head of sales' },
    audience: (aud: string) =>
      `For whoever installs the add-on: its sign-in tokens are issued for ${aud}; the API's API_AUDIENCE setting must list this value.`,
  },
  errors: {
    title: 'clientbase',
    busy: 'Another clientbase action is still running in this spreadsheet. Wait for it to finish and try again.',
    notConfigured:
      'The add-on does not know where the client base is (no API address). Ask whoever installed it to set the ' +
      'API_URL script property or rebuild with --api-url.',
    missingScope: (url: string | null) =>
      `clientbase is not allowed to confirm who you are or to reach the base: some permissions were not granted. ` +
      `${
        url
          ? `Open this link and allow everything it asks for, then try again:\n${url}`
          : 'Open Extensions → clientbase again and allow every permission it asks for.'
      }`,
    missingEmailScope:
      'clientbase was not allowed to see your e-mail address, so the base cannot tell who you are. Remove the ' +
      "add-on's access in your Google account, open it again and allow every permission.",
    notOnRoster: (email: string) =>
      `${email || 'Your account'} is not on the staff roster. If you work here, ask the head of sales to add this ` +
      `e-mail; if you use several Google accounts, open the spreadsheet in a window signed in to your work account only.`,
    deactivated:
      'Your access to the client base has ended: you are no longer active staff. If that is a mistake, talk to the head of sales.',
    adminOnly: 'Only the head of sales (admin) can do this.',
    unauthenticated:
      'The base did not accept your Google sign-in. Reload the spreadsheet and try again; if it keeps happening, tell ' +
      "the head of sales (the add-on's OAuth client and the API's API_AUDIENCE must match).",
    network: 'The client base could not be reached. Check your connection and try again in a minute.',
    networkUnknownOutcome:
      'The connection to the base broke before its answer arrived: the change may or may not have been saved. Refresh ' +
      'your clients before trying again.',
    rateLimited: (seconds: number | null) =>
      `The base is busy right now. Wait ${seconds !== null ? `${seconds} seconds` : 'a minute'} and try again.`,
    unavailable: 'The base is temporarily unavailable. Try again in a few minutes.',
    unavailableUnknownOutcome: 'The base did not answer in time: the change may or may not have been saved. Refresh before trying again.',
    invalid: (detail: string) => `The base refused the request: ${detail}`,
    notFound: 'This client is not among yours any more (it may have been moved to a colleague). Refresh your clients.',
    conflict: 'Someone changed this client meanwhile. Reload and try again.',
    duplicate: 'This client is already in the base.',
    tooLarge: 'Too much at once for the base. Save fewer rows at a time.',
    server: (status: number, detail: string) =>
      `The base could not complete the request (error ${status}${detail ? `: ${detail}` : ''}). Try again; if it ` +
      `repeats, tell the head of sales.`,
    unexpected: (detail: string) => `Something went wrong in clientbase: ${detail}`,
    twoAccounts:
      'Google refused the call (PERMISSION_DENIED). This happens when several Google accounts are signed in: open the ' +
      'spreadsheet in a window signed in to one account only.',
    partialSave: (saved: number) =>
      `${enCount(saved, 'row was', 'rows were')} saved before this happened; the others are still unsaved. Press Save ` +
      `again when the base answers.`,
  },
  form: {
    required: 'is required',
    badDay: 'must be a date YYYY-MM-DD',
    money: {
      empty: 'is required',
      'not-a-number': 'must be an amount in roubles, e.g. 1 234,56',
      ambiguous: 'is ambiguous: write 12500 for twelve and a half thousand, 12,50 for twelve and a half',
      'too-precise': 'at most two digits after the decimal point (kopecks)',
      'too-large': 'is too large',
    },
  },
  admin: enAdmin,
  sidebar: {
    loading: 'Loading…',
    retry: 'Try again',
    close: 'Close',
    saved: 'Saved.',
    fixErrors: 'Fix the marked fields and send again.',
    history: 'History',
    noHistory: 'No history yet.',
    unknownEntry: 'recorded in the base (this version of the add-on cannot show its details)',
    details: 'Details',
    phones: 'Phones',
    emails: 'E-mails',
    taxNumber: 'INN',
    source: 'Source',
    assignedAt: 'Yours since',
    lastDeal: 'Last deal',
    deals: 'Deals',
    rotationDueOn: 'Rotation due on',
    reportDueOn: 'Report due',
    consents: 'Consents',
    noConsent: 'no consent recorded',
    lost: 'Lost',
    tabs: { deal: 'Deal', contact: 'Contact', note: 'Note', consent: 'Consent', lost: 'Lost', report: 'Report' },
    fields: {
      date: 'Date',
      amount: 'Amount, ₽',
      profit: 'Profit (margin), ₽',
      channel: 'Channel',
      text: 'Text',
      status: 'Status',
      method: 'How it was given',
      formId: 'Form or questionnaire no.',
      textVersion: 'Consent text version',
      reason: 'Reason',
      competitor: 'Competitor (if known)',
      outcome: 'Outcome',
      task: 'Task',
    },
    buttons: {
      deal: 'Log deal',
      contact: 'Log contact',
      note: 'Add note',
      consent: 'Record consent',
      lost: 'Mark lost',
      report: 'File report',
    },
    done: {
      deal: 'Deal logged.',
      contact: 'Contact logged.',
      note: 'Note added.',
      consent: 'Consent recorded.',
      lost: 'Client marked lost.',
      report: 'Report filed.',
    },
    noTasks: 'No open handover reports. Well done.',
    overdue: 'overdue',
    due: 'due',
    from: 'from',
    openCard: 'Open card',
    by: 'by',
    you: 'you',
    dealLine: (amount: string, profit: string) => `${amount}, profit ${profit}`,
    transferLine: (reason: string) => `Handed over: ${reason}`,
    lostLine: (reason: string, competitor: string) => `Lost: ${reason}${competitor ? ` (to ${competitor})` : ''}`,
    consentLine: (channel: string, status: string, method: string) => `${channel}: ${status} (${method})`,
    reportLine: (outcome: string, text: string) => `${outcome}: ${text}`,
    incentiveLine: (kind: string, reference: string) => `Incentive: ${kind}${reference ? ` ${reference}` : ''}`,
  },
};

export type Messages = typeof en;

const ru: Messages = {
  appName: 'clientbase',
  menu: {
    refresh: 'Загрузить / обновить моих клиентов',
    save: 'Сохранить изменения',
    card: 'Карточка клиента (выбранная строка)',
    keepMine: 'Конфликты: оставить моё (выбранные строки)',
    takeTheirs: 'Конфликты: взять из базы (выбранные строки)',
    tasks: 'Мои отчёты о передаче',
    bonus: 'Мой бонус…',
    connection: 'Проверить подключение',
  },
  sheets: { myClients: 'Мои клиенты', myBonus: 'Мой бонус' },
  columns: {
    name: 'Имя / название',
    kind: 'Тип',
    size: 'Размер',
    phones: 'Телефоны',
    emails: 'E-mail',
    taxNumber: 'ИНН',
    source: 'Источник',
    lastDealAt: 'Последняя сделка',
    dealCount: 'Сделок',
    daysHeld: 'Дней у вас',
    rotationDueOn: 'Ротация с',
    reportDueOn: 'Отчёт до',
    lostAt: 'Потерян',
    lostReason: 'Причина потери',
    competitor: 'Конкурент',
    clientId: 'ID клиента',
    version: 'Версия',
    hash: 'Загружено',
  },
  columnNotes: {
    phones: 'Несколько телефонов — через запятую.',
    emails: 'Несколько адресов — через запятую.',
    rotationDueOn: 'С этого дня клиент становится кандидатом на ротацию по действующим правилам, если не будет сделки (считает база).',
    reportDueOn: 'Срок вашего отчёта о принятом клиенте.',
    daysHeld: 'Сколько дней клиент закреплён за вами.',
    lostAt: 'Потерянный клиент: дата, причина и конкурент, если известен.',
    readOnly: 'Заполняет clientbase; правки в этом столбце не сохраняются.',
    system: 'Нужен clientbase, чтобы строка не потеряла своего клиента. Не редактируйте.',
  },
  kinds: { person: 'Физлицо', company: 'Компания' },
  sizes: { regular: 'Обычный', large: 'Крупный' },
  sources: {
    questionnaire: 'Анкета',
    website: 'Сайт',
    event: 'Мероприятие',
    referral: 'Рекомендация',
    import: 'Импорт',
    'cold-call': 'Холодный звонок',
    other: 'Другое',
  },
  contactChannels: { call: 'Звонок', meeting: 'Встреча', email: 'E-mail', sms: 'SMS', message: 'Сообщение', other: 'Другое' },
  consentChannels: { sms: 'SMS', email: 'E-mail' },
  consentStatuses: {
    granted: 'Дано',
    pending: 'Подписка с сайта, ждёт подтверждения (рассылки нет)',
    withdrawn: 'Отозвано',
    dead: 'Недоступен',
  },
  consentMethods: {
    questionnaire: 'Анкета',
    website: 'Форма на сайте',
    event: 'Мероприятие',
    import: 'Импорт',
    staff: 'Записал сотрудник',
    unsubscribe: 'Отписка',
    bounce: 'Недоставка',
  },
  outcomes: {
    deal: 'Сделка',
    'in-progress': 'В работе',
    'no-need': 'Нет потребности',
    unreachable: 'Не дозвониться',
    lost: 'Потерян',
    other: 'Другое',
  },
  transferReasons: {
    'no-deal-since-assignment': 'ротация: нет сделок с момента закрепления',
    'no-deal-for-months': 'ротация: давно не было сделок',
    offboarding: 'уход коллеги',
    manual: 'решение руководителя',
    intake: 'новый клиент',
    'top-up': 'ротация: из новой базы',
  },
  historyTypes: {
    contact: 'Контакт',
    note: 'Заметка',
    deal: 'Сделка',
    transfer: 'Передача',
    consent: 'Согласие',
    report: 'Отчёт о передаче',
    lost: 'Потерян',
    incentive: 'Поощрение',
    edit: 'Изменение',
  },
  incentiveKinds: { 'discount-card': 'дисконтная карта', gift: 'подарок', 'prize-draw': 'розыгрыш' },
  lineKinds: {
    normal: 'Обычная ставка',
    raised: 'Ставка за нового клиента',
    'raised-release': 'Выплата повышенной ставки',
    'raised-cancel': 'Отмена повышенной ставки',
    attraction: 'Бонус за привлечение',
    cohort: 'Бонус за удержание когорты',
    adjustment: 'Корректировка',
  },
  lineStatuses: { payable: 'К выплате', pending: 'Ожидает', released: 'Выплачено', cancelled: 'Отменено' },

  refresh: {
    summary: (s: RefreshSummary) => {
      const parts = [`загружено: ${ruCount(s.total, 'клиент', 'клиента', 'клиентов')}`];
      if (s.updated > 0) parts.push(`обновлено: ${ruNumber(s.updated)}`);
      if (s.added > 0) parts.push(`новых: ${ruNumber(s.added)}`);
      if (s.removed > 0) parts.push(`убрано: ${ruNumber(s.removed)}`);
      if (s.keptUnsaved > 0)
        parts.push(
          `${ruCount(s.keptUnsaved, 'строка', 'строки', 'строк')} с несохранёнными правками оставлены как есть (нажмите «Сохранить»)`,
        );
      if (s.duplicates > 0)
        parts.push(
          `${ruCount(s.duplicates, 'строка повторяет', 'строки повторяют', 'строк повторяют')} клиента другой строки ` +
            `— не тронуты (удалите копию)`,
        );
      if (s.unknownIds > 0)
        parts.push(`${ruCount(s.unknownIds, 'строка', 'строки', 'строк')} с ID клиента, которого этот лист не загружал, — не тронуты`);
      const text = parts.join('; ');
      return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
    },
    removedTitle: 'Клиенты больше не ваши',
    removed: (n: number, why: DepartureCounts) => {
      const reasons: string[] = [];
      if (why.rotation > 0)
        reasons.push(`${ruNumber(why.rotation)} переданы коллегам при ротации${why.lastRotationDay ? ` ${why.lastRotationDay}` : ''}`);
      if (why.reassigned > 0) reasons.push(`${ruNumber(why.reassigned)} передал руководитель`);
      if (why.offboarding > 0) reasons.push(`${ruNumber(why.offboarding)} переданы при смене сотрудников`);
      if (why.unknown > 0) reasons.push(`${ruNumber(why.unknown)} больше не закреплены за вами`);
      return (
        `Убрано ${ruCount(n, 'строка', 'строки', 'строк')}: ${reasons.join(', ')}. История остаётся в базе у ` +
        `нового менеджера; ваши собственные столбцы в этих строках удалены вместе с ними.`
      );
    },
    keptDirtyNote: 'Вы изменили эту строку и не сохранили: база её не перезаписала. Нажмите «Сохранить изменения», чтобы отправить правку.',
    duplicateRowNote: (row: number) => `Эта строка повторяет клиента из строки ${row}. clientbase её пропускает: удалите одну из двух.`,
    unknownIdNote: 'Этот ID клиента не загружался clientbase на этом листе; строка пропущена.',
  },
  save: {
    nothing: 'Сохранять нечего: с момента загрузки ни одна строка не менялась.',
    summary: (s: SaveSummary) => {
      const parts: string[] = [];
      if (s.applied + s.merged > 0) parts.push(`сохранено: ${ruCount(s.applied + s.merged, 'строка', 'строки', 'строк')}`);
      if (s.created > 0) parts.push(`добавлено новых клиентов: ${ruNumber(s.created)}`);
      if (s.conflicts > 0)
        parts.push(
          `конфликтов: ${ruNumber(s.conflicts)} (оранжевые ячейки: кто-то изменил то же поле; прочтите примечание и ` +
            `выберите «оставить моё» или «взять из базы»)`,
        );
      if (s.invalid > 0)
        parts.push(`с ошибками: ${ruCount(s.invalid, 'строка', 'строки', 'строк')} (красные ячейки: в примечании сказано, что исправить)`);
      if (s.duplicates > 0)
        parts.push(`уже есть в базе: ${ruCount(s.duplicates, 'новый клиент', 'новых клиента', 'новых клиентов')} (не добавлены)`);
      if (parts.length === 0) return 'Ничего не сохранено.';
      const text = parts.join('; ');
      return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
    },
    conflictNote: (field: string, theirs: string, who: string | null, when: string) =>
      `Конфликт в поле «${field}»: ${who ? `${who} изменил(а) его` : 'его изменили в базе'} ${when} на:\n` +
      `${theirs || '(пусто)'}\n` +
      `Ваше значение осталось в ячейке, но ещё не сохранено. ` +
      `Выделите строку и выберите clientbase → Конфликты: оставить моё или взять из базы.`,
    invalidNote: (message: string) => `Не сохранено: ${message}`,
    duplicateNote: 'Не добавлен: этот клиент уже есть в базе. Если он должен быть вашим, обратитесь к руководителю.',
    notYoursNote: 'Не сохранено: клиент больше не ваш (передан коллеге). Обновите лист.',
    layoutBroken: (columns: string) =>
      `На листе нет столбцов clientbase: ${columns}. Выберите «Загрузить / обновить моих клиентов», чтобы вернуть их, и сохраните снова.`,
    wrongOwner: (owner: string, me: string) =>
      `На этом листе клиенты ${owner}, а вы вошли как ${me}. Откройте свою таблицу или войдите как ${owner}.`,
    invalidChoice: (choices: string) => `выберите одно из: ${choices}`,
  },
  resolve: {
    nothingSelected: 'Выделите строки с конфликтами (оранжевые строки на листе «Мои клиенты») и выберите команду снова.',
    nothingToResolve: 'В выделенных строках нет несохранённых правок и конфликтов.',
    keptMine: (n: number) => `Сохранено с вашими значениями: ${ruCount(n, 'строка', 'строки', 'строк')}.`,
    tookTheirs: (n: number) =>
      `${ruCount(n, 'строка показывает', 'строки показывают', 'строк показывают')} значения из базы; другие ваши ` +
      `несохранённые правки в них сохранились.`,
  },
  card: {
    selectRow: 'Выделите строку клиента на листе «Мои клиенты» и откройте карточку.',
    noSheet: 'Листа «Мои клиенты» ещё нет: сначала выберите «Загрузить / обновить моих клиентов».',
    newRow: 'Это новый клиент, он ещё не сохранён. Сначала сохраните изменения, потом откройте карточку.',
    title: (name: string) => `Клиент: ${name}`,
  },
  tasks: { title: 'Отчёты о передаче' },
  bonus: {
    prompt: (offered: string) => `За какой месяц? Введите в виде ГГГГ-ММ или оставьте пустым для ${offered}.`,
    promptTitle: 'Мой бонус',
    badMonth: (text: string) => `«${text}» — не месяц: введите в виде ГГГГ-ММ, например 2026-03.`,
    noStatement: (month: string) => `Расчёта бонуса за ${month} ещё нет. Бонусы считаются 1-го числа следующего месяца.`,
    heading: (month: string, closed: boolean) =>
      `Расчёт бонуса за ${month}${closed ? ' (месяц закрыт)' : ' (месяц открыт: может измениться)'}`,
    totals: { payable: 'К выплате', pending: 'Ожидает', cancelled: 'Отменено' },
    columns: {
      client: 'Клиент',
      deal: 'Сделка',
      rule: 'Правило',
      rate: 'Ставка',
      amount: 'Сумма',
      status: 'Статус',
      pendingUntil: 'Ожидает до',
      note: 'Пояснение',
    },
    shown: (month: string, lines: number) => `Бонус за ${month}: ${ruCount(lines, 'строка', 'строки', 'строк')}.`,
  },
  connection: {
    ok: (name: string, role: string, level: number, url: string) => `Подключено к ${url}: ${name} (${role}, уровень ${level}).`,
    roles: { manager: 'менеджер', admin: 'руководитель отдела продаж' },
    audience: (aud: string) =>
      `Для того, кто устанавливает дополнение: токены входа выдаются для ${aud}; этот идентификатор должен быть в ` +
      `настройке API_AUDIENCE у API.`,
  },
  errors: {
    title: 'clientbase',
    busy: 'В этой таблице ещё выполняется другое действие clientbase. Дождитесь его окончания и повторите.',
    notConfigured:
      'Дополнение не знает, где находится база (не задан адрес API). Попросите того, кто его установил, задать ' +
      'свойство скрипта API_URL или пересобрать с --api-url.',
    missingScope: (url: string | null) =>
      `clientbase не может подтвердить, кто вы, или связаться с базой: выданы не все разрешения. ` +
      `${
        url
          ? `Откройте ссылку, разрешите всё, что будет запрошено, и повторите:\n${url}`
          : 'Откройте «Расширения → clientbase» ещё раз и разрешите всё, что будет запрошено.'
      }`,
    missingEmailScope:
      'clientbase не получил разрешения видеть ваш адрес e-mail, поэтому база не знает, кто вы. Отзовите доступ ' +
      'дополнения в аккаунте Google, откройте его снова и разрешите всё.',
    notOnRoster: (email: string) =>
      `${email || 'Ваш аккаунт'} нет в списке сотрудников. Если вы работаете в отделе, попросите руководителя ` +
      `добавить этот адрес; если у вас несколько аккаунтов Google, откройте таблицу в окне, где выполнен вход только в рабочий.`,
    deactivated: 'Ваш доступ к базе закрыт: вы больше не числитесь действующим сотрудником. Если это ошибка, обратитесь к руководителю.',
    adminOnly: 'Это может сделать только руководитель отдела продаж (администратор).',
    unauthenticated:
      'База не приняла ваш вход Google. Перезагрузите таблицу и повторите; если не помогает, сообщите руководителю ' +
      '(OAuth-клиент дополнения и API_AUDIENCE API должны совпадать).',
    network: 'Не удалось связаться с базой. Проверьте подключение и повторите через минуту.',
    networkUnknownOutcome:
      'Связь с базой прервалась до ответа: изменение могло сохраниться, а могло и нет. Обновите клиентов, прежде чем повторять.',
    rateLimited: (seconds: number | null) =>
      `База сейчас перегружена. Подождите ${seconds !== null ? `${seconds} с` : 'минуту'} и повторите.`,
    unavailable: 'База временно недоступна. Повторите через несколько минут.',
    unavailableUnknownOutcome:
      'База не ответила вовремя: изменение могло сохраниться, а могло и нет. Обновите данные, прежде чем повторять.',
    invalid: (detail: string) => `База отклонила запрос: ${detail}`,
    notFound: 'Этот клиент больше не ваш (возможно, передан коллеге). Обновите список клиентов.',
    conflict: 'Клиента тем временем изменили. Обновите и повторите.',
    duplicate: 'Этот клиент уже есть в базе.',
    tooLarge: 'Слишком много за один раз. Сохраняйте меньше строк.',
    server: (status: number, detail: string) =>
      `База не смогла выполнить запрос (ошибка ${status}${detail ? `: ${detail}` : ''}). Повторите; если ошибка ` +
      `повторится, сообщите руководителю.`,
    unexpected: (detail: string) => `Сбой в clientbase: ${detail}`,
    twoAccounts:
      'Google отклонил вызов (PERMISSION_DENIED). Так бывает, когда выполнен вход в несколько аккаунтов Google: ' +
      'откройте таблицу в окне, где выполнен вход только в один.',
    partialSave: (saved: number) =>
      `До этого успели сохраниться: ${ruCount(saved, 'строка', 'строки', 'строк')}; остальные не сохранены. Нажмите ` +
      `«Сохранить» ещё раз, когда база ответит.`,
  },
  form: {
    required: 'обязательное поле',
    badDay: 'нужна дата в виде ГГГГ-ММ-ДД',
    money: {
      empty: 'обязательное поле',
      'not-a-number': 'нужна сумма в рублях, например 1 234,56',
      ambiguous: 'неоднозначно: напишите 12500 для двенадцати с половиной тысяч или 12,50 для двенадцати с половиной',
      'too-precise': 'не больше двух знаков после запятой (копейки)',
      'too-large': 'слишком большая сумма',
    },
  },
  admin: ruAdmin,
  sidebar: {
    loading: 'Загрузка…',
    retry: 'Повторить',
    close: 'Закрыть',
    saved: 'Сохранено.',
    fixErrors: 'Исправьте отмеченные поля и отправьте снова.',
    history: 'История',
    noHistory: 'Истории пока нет.',
    unknownEntry: 'записано в базе (эта версия дополнения не показывает подробности)',
    details: 'Сведения',
    phones: 'Телефоны',
    emails: 'E-mail',
    taxNumber: 'ИНН',
    source: 'Источник',
    assignedAt: 'Ваш с',
    lastDeal: 'Последняя сделка',
    deals: 'Сделок',
    rotationDueOn: 'Ротация с',
    reportDueOn: 'Отчёт до',
    consents: 'Согласия',
    noConsent: 'согласие не записано',
    lost: 'Потерян',
    tabs: { deal: 'Сделка', contact: 'Контакт', note: 'Заметка', consent: 'Согласие', lost: 'Потерян', report: 'Отчёт' },
    fields: {
      date: 'Дата',
      amount: 'Сумма, ₽',
      profit: 'Прибыль (маржа), ₽',
      channel: 'Канал',
      text: 'Текст',
      status: 'Статус',
      method: 'Как получено',
      formId: '№ формы или анкеты',
      textVersion: 'Версия текста согласия',
      reason: 'Причина',
      competitor: 'Конкурент (если известен)',
      outcome: 'Результат',
      task: 'Задача',
    },
    buttons: {
      deal: 'Записать сделку',
      contact: 'Записать контакт',
      note: 'Добавить заметку',
      consent: 'Записать согласие',
      lost: 'Отметить потерянным',
      report: 'Отправить отчёт',
    },
    done: {
      deal: 'Сделка записана.',
      contact: 'Контакт записан.',
      note: 'Заметка добавлена.',
      consent: 'Согласие записано.',
      lost: 'Клиент отмечен потерянным.',
      report: 'Отчёт отправлен.',
    },
    noTasks: 'Открытых отчётов о передаче нет.',
    overdue: 'просрочен',
    due: 'до',
    from: 'от',
    openCard: 'Открыть карточку',
    by: 'кто',
    you: 'вы',
    dealLine: (amount: string, profit: string) => `${amount}, прибыль ${profit}`,
    transferLine: (reason: string) => `Передан: ${reason}`,
    lostLine: (reason: string, competitor: string) => `Потерян: ${reason}${competitor ? ` (ушёл к ${competitor})` : ''}`,
    consentLine: (channel: string, status: string, method: string) => `${channel}: ${status} (${method})`,
    reportLine: (outcome: string, text: string) => `${outcome}: ${text}`,
    incentiveLine: (kind: string, reference: string) => `Поощрение: ${kind}${reference ? ` ${reference}` : ''}`,
  },
};

export function messagesFor(locale: Locale): Messages {
  return locale === 'ru' ? ru : en;
}

/** The strings a sidebar needs, as plain data (functions do not cross google.script.run). */
export type SidebarStrings = Omit<
  Messages['sidebar'],
  'dealLine' | 'transferLine' | 'lostLine' | 'consentLine' | 'reportLine' | 'incentiveLine'
> & {
  labels: Pick<
    Messages,
    'kinds' | 'sizes' | 'sources' | 'contactChannels' | 'consentChannels' | 'consentStatuses' | 'consentMethods' | 'outcomes'
  >;
  errors: { twoAccounts: string; unexpected: string };
};

export function sidebarStrings(m: Messages): SidebarStrings {
  const { dealLine: _d, transferLine: _t, lostLine: _l, consentLine: _c, reportLine: _r, incentiveLine: _i, ...plain } = m.sidebar;
  return {
    ...plain,
    labels: {
      kinds: m.kinds,
      sizes: m.sizes,
      sources: m.sources,
      contactChannels: m.contactChannels,
      consentChannels: m.consentChannels,
      consentStatuses: m.consentStatuses,
      consentMethods: m.consentMethods,
      outcomes: m.outcomes,
    },
    errors: { twoAccounts: m.errors.twoAccounts, unexpected: m.errors.unexpected('') },
  };
}
