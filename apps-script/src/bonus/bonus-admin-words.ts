// The head of sales' bonus month words, in English and Russian (`ru` typed by `en`); `admin-messages.ts`
// gathers them into `m.admin`.
import { enCount, ruCount } from '../wording.ts';

const en = {
  bonus: {
    title: 'Bonuses',
    headingOpen: (month: string) => `Bonus statements for ${month}: open (they may still change).`,
    headingClosed: (month: string, when: string, who: string) =>
      `Bonus statements for ${month}: CLOSED on ${when} by ${who}. Read-only: later corrections appear as adjustments ` +
      `in the next open month.`,
    computed: (when: string, who: string, version: number) => `Computed ${when} by ${who} under rules version ${version}.`,
    drillDown: "Every line of a manager's statement: select their row, then Head of sales → Bonuses: lines of the selected manager.",
    totalsHeader: ['Payable', 'Pending', 'Cancelled', 'Managers'],
    columns: ['Manager', 'Manager id', 'Level', 'Payable', 'Pending', 'Cancelled', 'Adjustments', 'Lines', 'Acknowledged', 'Open disputes'],
    lockedDescription: (month: string) => `closed month ${month}: read-only`,
    shown: (month: string, n: number, closed: boolean) =>
      `${month}${closed ? ' (closed)' : ''}: ${enCount(n, 'statement', 'statements')} on the Statements sheet.`,
    selectManager: "Select a manager's row on the Statements sheet first (Bonuses: compute, show, close a month… puts it there).",
    notComputed: (month: string) => `${month} has not been computed yet: choose Compute first.`,
  },
};

export type BonusAdminWords = typeof en;

const ru: BonusAdminWords = {
  bonus: {
    title: 'Бонусы',
    headingOpen: (month: string) => `Расчёты бонусов за ${month}: месяц открыт (могут измениться).`,
    headingClosed: (month: string, when: string, who: string) =>
      `Расчёты бонусов за ${month}: ЗАКРЫТ ${when}, ${who}. Только для чтения: поздние исправления придут ` +
      `корректировками в следующем открытом месяце.`,
    computed: (when: string, who: string, version: number) => `Рассчитано ${when}, ${who}, по правилам версии ${version}.`,
    drillDown: 'Все строки расчёта менеджера: выделите его строку и выберите «Руководитель отдела → Бонусы: строки выбранного менеджера».',
    totalsHeader: ['К выплате', 'Ожидает', 'Отменено', 'Менеджеров'],
    columns: [
      'Менеджер',
      'ID менеджера',
      'Уровень',
      'К выплате',
      'Ожидает',
      'Отменено',
      'Корректировки',
      'Строк',
      'Подтвердил',
      'Открытых оспариваний',
    ],
    lockedDescription: (month: string) => `закрытый месяц ${month}: только чтение`,
    shown: (month: string, n: number, closed: boolean) =>
      `${month}${closed ? ' (закрыт)' : ''}: на листе «Расчёты бонусов» — ${ruCount(n, 'расчёт', 'расчёта', 'расчётов')}.`,
    selectManager:
      'Сначала выделите строку менеджера на листе «Расчёты бонусов» (её выводит пункт «Бонусы: расчёт, просмотр, закрытие месяца…»).',
    notComputed: (month: string) => `Бонусы за ${month} ещё не рассчитаны: сначала нажмите «Рассчитать».`,
  },
};

export const bonusAdminWords = { en, ru };
