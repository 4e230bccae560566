// The "My clients" sheet's words: its columns, their choices, refresh, save and resolving
// conflicts, in English and Russian (`ru` typed by `en`); `messages.ts` gathers them into one
// `Messages`.
import { enCount, enNumber, ruCount, ruNumber, ruPlural } from '../wording.ts';

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
    refusedTitle: 'Not saved',
    refusedIntro: 'These cells were not saved. Fix each one, then choose Save changes again:',
    refusedLine: (cell: string, client: string, field: string, reason: string) =>
      `${cell} · ${client || '(no name)'} · ${field}: ${reason}`,
    refusedMore: (n: number) => `…and ${enCount(n, 'more cell', 'more cells')}: see the Not saved sidebar.`,
    goToCell: 'Go to cell',
    wentTo: 'Selected',
    cellGone: 'That client is no longer on the sheet (removed by a refresh).',
  },
  resolve: {
    nothingSelected:
      'Select the rows whose conflicts you want to resolve (rows tinted orange on My clients), then choose the command again.',
    nothingToResolve: 'The selected rows have no unsaved changes or conflicts.',
    keptMine: (n: number) => `${enCount(n, 'row', 'rows')} saved with your values.`,
    tookTheirs: (n: number) =>
      `${enCount(n, 'row now shows', 'rows now show')} the base's values; ` +
      `your other unsaved changes on ${n === 1 ? 'it' : 'them'} are kept.`,
  },
};

export type ClientsWords = typeof en;

const ru: ClientsWords = {
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
    refusedTitle: 'Не сохранено',
    refusedIntro: 'Эти ячейки не сохранены. Исправьте каждую и снова выберите «Сохранить изменения»:',
    refusedLine: (cell: string, client: string, field: string, reason: string) =>
      `${cell} · ${client || '(без имени)'} · ${field}: ${reason}`,
    refusedMore: (n: number) => `…и ещё ${ruCount(n, 'ячейка', 'ячейки', 'ячеек')}: см. боковую панель «Не сохранено».`,
    goToCell: 'Перейти к ячейке',
    wentTo: 'Выделено',
    cellGone: 'Этого клиента больше нет на листе (убран при обновлении).',
  },
  resolve: {
    nothingSelected: 'Выделите строки с конфликтами (оранжевые строки на листе «Мои клиенты») и выберите команду снова.',
    nothingToResolve: 'В выделенных строках нет несохранённых правок и конфликтов.',
    keptMine: (n: number) => `Сохранено с вашими значениями: ${ruCount(n, 'строка', 'строки', 'строк')}.`,
    tookTheirs: (n: number) =>
      `${ruCount(n, 'строка показывает', 'строки показывают', 'строк показывают')} значения из базы; другие ваши ` +
      `несохранённые правки ${ruPlural(n, 'в ней', 'в них', 'в них')} сохранились.`,
  },
};

export const clientsWords = { en, ru };
