// The overdue reports', audit log's and dashboard's words, in English and Russian (`ru` typed by
// `en`); `admin-messages.ts` gathers them into `m.admin`.
import { enCount, enNumber, ruCount, ruNumber } from '../wording.ts';

const en = {
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
    chainHolds: (n: number) => `Hash chain checked: ${enCount(n, 'entry', 'entries')}, none changed or missing.`,
    chainBroken: (n: number) => `Hash chain checked: ${enCount(n, 'problem', 'problems')}: the log was changed behind the base; see below.`,
    problems: 'Problems in the audit trail',
    problemColumns: ['Problem', 'Entry'],
    alerts: 'Alerts: look at these first',
  },
  restore: {
    promptTitle: 'Restore a client from its history',
    askClient: 'Client id (the card and My clients show it):',
    askPoint:
      'Put the fields back as they were at (YYYY-MM-DD HH:MM, your time zone), or type a history entry id to undo it and all after it:',
    badPoint: (typed: string) => `"${typed}" is neither a date and time (YYYY-MM-DD HH:MM) nor a history entry id.`,
    nothing: (id: string) => `Client ${id} already has those values: nothing to restore.`,
    restored: (id: string, fields: string[], undone: number) =>
      `Client ${id}: ${fields.join(', ')} put back (${enCount(undone, 'edit', 'edits')} undone). ` +
      'The restore is in its history and the audit log.',
  },
  dashboard: {
    heading: (asOf: string, at: string) => `Dashboard on ${asOf} (refreshed ${at}; Head of sales → Dashboard: refresh).`,
    unassigned: (n: number) => `Clients in the new base (no manager): ${enNumber(n)}.`,
    titles: {
      clients: 'Clients per manager, by level',
      attracted: 'New clients per month (first deal), by manager',
      lostMarked: 'Clients marked lost per month, by who marked them',
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
};

export type OversightWords = typeof en;

const ru: OversightWords = {
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
    chainHolds: (n: number) => `Цепочка хешей проверена: ${ruCount(n, 'запись', 'записи', 'записей')}, ни одна не изменена и не пропала.`,
    chainBroken: (n: number) =>
      `Цепочка хешей проверена: ${ruCount(n, 'проблема', 'проблемы', 'проблем')}: журнал меняли в обход базы; см. ниже.`,
    problems: 'Проблемы журнала аудита',
    problemColumns: ['Проблема', 'Запись'],
    alerts: 'Сигналы: посмотрите их первыми',
  },
  restore: {
    promptTitle: 'Восстановить клиента по истории',
    askClient: 'Код клиента (виден в карточке и в «Моих клиентах»):',
    askPoint:
      'Вернуть поля, какими они были на (ГГГГ-ММ-ДД ЧЧ:ММ, ваш часовой пояс), или код записи истории, чтобы отменить её и все после неё:',
    badPoint: (typed: string) => `«${typed}» — не дата и время (ГГГГ-ММ-ДД ЧЧ:ММ) и не код записи истории.`,
    nothing: (id: string) => `У клиента ${id} уже эти значения: восстанавливать нечего.`,
    restored: (id: string, fields: string[], undone: number) =>
      `Клиент ${id}: возвращены ${fields.join(', ')} (отменено правок: ${ruNumber(undone)}). ` +
      'Восстановление записано в историю и журнал аудита.',
  },
  dashboard: {
    heading: (asOf: string, at: string) => `Дашборд на ${asOf} (обновлён ${at}; «Руководитель отдела → Дашборд: обновить»).`,
    unassigned: (n: number) => `Клиентов в новой базе (без менеджера): ${ruNumber(n)}.`,
    titles: {
      clients: 'Клиенты по менеджерам и уровням',
      attracted: 'Новые клиенты по месяцам (первая сделка), по менеджерам',
      lostMarked: 'Отмечено потерянными по месяцам, по тому, кто отметил',
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
};

export const oversightWords = { en, ru };
