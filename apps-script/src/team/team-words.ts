// The Team sheet's words, in English and Russian (`ru` typed by `en`); `admin-messages.ts`
// gathers them into `m.admin`.
import { capitalise, enCount, enNumber, ruCount, ruNumber } from '../wording.ts';

export type TeamSaveCounts = { saved: number; created: number; conflicts: number; invalid: number };

const en = {
  team: {
    columns: {
      id: 'Id',
      name: 'Name',
      email: 'E-mail',
      level: 'Level',
      role: 'Role',
      status: 'Status',
      away: 'Away',
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
      away:
        'Leaves, first and last day: 2027-01-10..2027-01-24; 2027-03-01..2027-03-05 (at most 50). ' +
        'While away a manager neither gives nor receives clients, and their clients do not grow stale.',
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
};

export type TeamWords = typeof en;

const ru: TeamWords = {
  team: {
    columns: {
      id: 'ID',
      name: 'Имя',
      email: 'E-mail',
      level: 'Уровень',
      role: 'Роль',
      status: 'Статус',
      away: 'Отсутствует',
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
      away:
        'Отпуска, первый и последний день: 2027-01-10..2027-01-24; 2027-03-01..2027-03-05 (не больше 50). ' +
        'Пока менеджер отсутствует, он не отдаёт и не получает клиентов, а его клиенты не устаревают.',
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
};

export const teamWords = { en, ru };
